import { bottomLimit, COLOR, contentWidth, fitText, FONT, SIZE, type Pdf } from './pdf-document';
import { winAnsi } from '../../http/win-ansi';

/*
 * A table that breaks across pages: a row never splits, and the header row
 * is drawn again at the top of each page the table continues on. A row may
 * carry a detail line that spans every column (a target's results and plan
 * alignment), kept on the same page as its row. A row that does not fit in
 * what is left of a page starts the next one; a row taller than a whole page
 * (a target described in thousands of words) has its longest texts cut to
 * fit one page, each ending in CUT_MARK — never written over the footer.
 * The XLSX carries every text whole.
 */

/** How a text cut to fit a page ends. */
export const CUT_MARK = ' [… texto recortado; completo en el XLSX]';

export interface Column {
  header: string;
  /** A share of the table's width (the shares are normalised). */
  weight: number;
  align?: 'left' | 'right' | 'center';
}

export interface Row {
  cells: string[];
  /** A total or a group's row: bold, shaded. */
  emphasis?: boolean;
  /** Indented first cell (a project under its program). */
  indent?: boolean;
  detail?: string;
  /** An address per cell: the cell's text links to it. */
  links?: (string | undefined)[];
}

const PAD = 3.5;

export function table(doc: Pdf, columns: Column[], rows: Row[]): void {
  const left = doc.page.margins.left;
  const total = columns.reduce((s, c) => s + c.weight, 0);
  const widths = columns.map((c) => (c.weight / total) * contentWidth(doc));
  const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((s, w) => s + w, 0));
  const tableWidth = contentWidth(doc);

  const cellHeight = (text: string, width: number, font: string) => {
    doc.font(font).fontSize(SIZE.table);
    return doc.heightOfString(winAnsi(text), { width: width - 2 * PAD }) + 2 * PAD;
  };
  const headerHeight = Math.max(
    ...columns.map((c, i) => cellHeight(c.header, widths[i] ?? 0, FONT.bold)),
  );

  const drawHeader = () => {
    const y = doc.y;
    doc.rect(left, y, tableWidth, headerHeight).fill(COLOR.headerFill);
    doc.font(FONT.bold).fontSize(SIZE.table).fillColor(COLOR.text);
    columns.forEach((c, i) => {
      doc.text(winAnsi(c.header), (xs[i] ?? left) + PAD, y + PAD, {
        width: (widths[i] ?? 0) - 2 * PAD,
        align: c.align ?? 'left',
      });
    });
    rule(y + headerHeight);
    doc.y = y + headerHeight;
  };
  const rule = (y: number) => {
    doc
      .moveTo(left, y)
      .lineTo(left + tableWidth, y)
      .lineWidth(0.5)
      .strokeColor(COLOR.rule)
      .stroke();
  };

  doc.font(FONT.bold).fontSize(SIZE.table);
  // What a row may take: a whole page under the repeated header.
  const pageRoom = bottomLimit(doc) - doc.page.margins.top - headerHeight;
  const fittedRows = rows.map((row) => fitted(row, pageRoom));
  const firstRowHeight = fittedRows[0] ? rowHeights(fittedRows[0]).total : 0;
  if (doc.y + headerHeight + firstRowHeight > bottomLimit(doc)) doc.addPage();
  drawHeader();

  function rowHeights(row: Row) {
    const font = row.emphasis ? FONT.bold : FONT.regular;
    const main = Math.max(
      ...row.cells.map((text, i) =>
        cellHeight(text, (widths[i] ?? 0) - (i === 0 && row.indent ? 10 : 0), font),
      ),
    );
    const detail = row.detail ? cellHeight(row.detail, tableWidth, FONT.italic) : 0;
    return { main, detail, total: main + detail };
  }

  /** The row, its texts cut (ending in CUT_MARK) where it would not fit in `room`. */
  function fitted(row: Row, room: number): Row {
    const heights = rowHeights(row);
    if (heights.total <= room) return row;
    // Each part keeps what it needs when that is at most half; the rest is shared.
    let mainRoom = room;
    let detailRoom = 0;
    if (row.detail) {
      if (heights.main <= room / 2) mainRoom = heights.main;
      else if (heights.detail <= room / 2) mainRoom = room - heights.detail;
      else mainRoom = room / 2;
      detailRoom = room - mainRoom;
    }
    const font = row.emphasis ? FONT.bold : FONT.regular;
    return {
      ...row,
      cells: row.cells.map((text, i) =>
        cut(text, (widths[i] ?? 0) - (i === 0 && row.indent ? 10 : 0), font, mainRoom),
      ),
      ...(row.detail ? { detail: cut(row.detail, tableWidth, FONT.italic, detailRoom) } : {}),
    };
  }

  /** `text` cut, ending in CUT_MARK, to be at most `room` tall as a cell `width` wide. */
  function cut(text: string, width: number, font: string, room: number): string {
    return fitText(doc, text, {
      width: width - 2 * PAD,
      font,
      size: SIZE.table,
      room: room - 2 * PAD,
      mark: CUT_MARK,
    });
  }

  for (const row of fittedRows) {
    const heights = rowHeights(row);
    if (doc.y + heights.total > bottomLimit(doc)) {
      doc.addPage();
      drawHeader();
    }
    const y = doc.y;
    if (row.emphasis) doc.rect(left, y, tableWidth, heights.main).fill(COLOR.totalFill);
    doc
      .font(row.emphasis ? FONT.bold : FONT.regular)
      .fontSize(SIZE.table)
      .fillColor(COLOR.text);
    row.cells.forEach((text, i) => {
      const indent = i === 0 && row.indent ? 10 : 0;
      doc.text(winAnsi(text), (xs[i] ?? left) + PAD + indent, y + PAD, {
        width: (widths[i] ?? 0) - 2 * PAD - indent,
        align: columns[i]?.align ?? 'left',
        ...(row.links?.[i] ? { link: row.links[i], underline: true } : {}),
      });
    });
    if (row.detail) {
      doc.font(FONT.italic).fillColor(COLOR.muted);
      doc.text(winAnsi(row.detail), left + PAD, y + heights.main + PAD, {
        width: tableWidth - 2 * PAD,
      });
      doc.fillColor(COLOR.text);
    }
    rule(y + heights.total);
    doc.y = y + heights.total;
  }
  doc.x = left;
  doc.y += 8;
  doc.font(FONT.regular).fontSize(SIZE.body);
}
