import { formatMoney, formatPercent } from '../../http/format-es-ec';
import {
  bottomLimit,
  COLOR,
  contentWidth,
  fitText,
  ensureSpace,
  FONT,
  SIZE,
  type Pdf,
} from './pdf-document';
import { winAnsi } from '../../http/win-ansi';

/*
 * The report's charts, drawn with PDF vector primitives: horizontal bars of
 * a percentage (a target's progress, a project's budget execution) on a
 * 0–100 % scale, with the figure written beside each bar — a printed chart
 * is read without colour, and the figure is the same as in the tables. A
 * bar beyond 100 % fills the track and is marked with its own colour and an
 * arrow; the written figure says by how much.
 */

export interface Bar {
  label: string;
  /** In percent, two decimals ("88.80"); null: no percentage (nothing programmed or coded). */
  percent: string | null;
  /** A second line under the label (amounts). */
  note?: string;
}

const LABEL_SHARE = 0.38;
const VALUE_WIDTH = 62;
const BAR_HEIGHT = 9;

export function barChart(doc: Pdf, title: string, bars: Bar[]): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const labelWidth = width * LABEL_SHARE;
  const trackX = left + labelWidth + 6;
  const trackWidth = width - labelWidth - 6 - VALUE_WIDTH;

  // A label of at most three lines (a target's whole description is in its table).
  const labelOf = (bar: Bar) =>
    fitText(doc, bar.label, {
      width: labelWidth,
      font: FONT.regular,
      size: SIZE.table,
      room: doc.font(FONT.regular).fontSize(SIZE.table).currentLineHeight(true) * 3 + 1,
      mark: '…',
    });
  const rowHeight = (bar: Bar) => {
    doc.font(FONT.regular).fontSize(SIZE.table);
    const label = doc.heightOfString(labelOf(bar), { width: labelWidth });
    const note = bar.note
      ? doc.fontSize(SIZE.small).heightOfString(winAnsi(bar.note), { width: labelWidth })
      : 0;
    return Math.max(label + note, BAR_HEIGHT) + 6;
  };

  const drawAxis = () => {
    doc.font(FONT.bold).fontSize(SIZE.h3).fillColor(COLOR.text);
    doc.text(winAnsi(title), left, doc.y, { width });
    doc.moveDown(0.3);
    const y = doc.y;
    doc.font(FONT.regular).fontSize(SIZE.small).fillColor(COLOR.muted);
    for (const tick of [0, 25, 50, 75, 100]) {
      const x = trackX + (trackWidth * tick) / 100;
      doc.text(`${tick} %`, x - 15, y, { width: 30, align: 'center', lineBreak: false });
    }
    doc.y = y + 11;
    doc.fillColor(COLOR.text);
  };

  const first = bars[0];
  ensureSpace(doc, 40 + (first ? rowHeight(first) : 0));
  drawAxis();
  let gridTopOnPage = doc.y;

  const drawGrid = (from: number, to: number) => {
    for (const tick of [0, 25, 50, 75, 100]) {
      const x = trackX + (trackWidth * tick) / 100;
      doc
        .moveTo(x, from)
        .lineTo(x, to)
        .lineWidth(0.3)
        .strokeColor(COLOR.rule)
        .dash(2, { space: 2 })
        .stroke();
      doc.undash();
    }
  };

  for (const bar of bars) {
    const height = rowHeight(bar);
    if (doc.y + height > bottomLimit(doc)) {
      drawGrid(gridTopOnPage, doc.y);
      doc.addPage();
      drawAxis();
      gridTopOnPage = doc.y;
    }
    const y = doc.y;
    doc.font(FONT.regular).fontSize(SIZE.table).fillColor(COLOR.text);
    doc.text(labelOf(bar), left, y + 2, { width: labelWidth });
    if (bar.note) {
      doc
        .fontSize(SIZE.small)
        .fillColor(COLOR.muted)
        .text(winAnsi(bar.note), left, doc.y, { width: labelWidth });
    }
    const barY = y + 3;
    doc.rect(trackX, barY, trackWidth, BAR_HEIGHT).fill(COLOR.barTrack);
    const value = bar.percent === null ? 0 : Number(bar.percent);
    const over = value > 100;
    const filled = (trackWidth * Math.min(Math.max(value, 0), 100)) / 100;
    if (filled > 0) doc.rect(trackX, barY, filled, BAR_HEIGHT).fill(over ? COLOR.over : COLOR.bar);
    if (over) {
      // An arrow at the end of the track: the bar goes on beyond 100 %.
      const tipX = trackX + trackWidth + 5;
      doc
        .moveTo(tipX - 5, barY)
        .lineTo(tipX, barY + BAR_HEIGHT / 2)
        .lineTo(tipX - 5, barY + BAR_HEIGHT)
        .fill(COLOR.over);
    }
    doc.font(FONT.bold).fontSize(SIZE.table).fillColor(COLOR.text);
    doc.text(formatPercent(bar.percent), trackX + trackWidth + 8, barY + 0.5, {
      width: VALUE_WIDTH - 8,
      align: 'right',
      lineBreak: false,
    });
    doc.y = y + height;
  }
  drawGrid(gridTopOnPage, doc.y);
  doc.x = left;
  doc.y += 10;
  doc.font(FONT.regular).fontSize(SIZE.body).fillColor(COLOR.text);
}

/** The note under a budget bar: "USD 4.884,00 de USD 5.500,00". */
export function budgetNote(accrued: string, coded: string): string {
  return `${formatMoney(accrued)} de ${formatMoney(coded)}`;
}
