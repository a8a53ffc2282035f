import PDFDocument from 'pdfkit';
import { winAnsi } from '../../http/win-ansi';

/*
 * The page furniture of the report's PDF: A4, the PDF standard fonts
 * (Helvetica: nothing to embed, and text that pdftotext and screen readers
 * extract as written), headings, paragraphs, and the room left on a page.
 * The standard fonts encode text in WinAnsi (Windows-1252), which covers
 * Spanish; any other character is written as "?" rather than as a wrong
 * glyph (`winAnsi`). The XLSX carries every text exactly.
 */

export type Pdf = PDFKit.PDFDocument;

export const PAGE = { size: 'A4', margin: { top: 64, bottom: 64, left: 56, right: 56 } } as const;
export const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique' };
export const SIZE = { title: 20, h1: 14, h2: 11.5, h3: 10, body: 9.5, table: 8.5, small: 7.5 };
export const COLOR = {
  text: '#1a1a1a',
  muted: '#555555',
  rule: '#b0b0b0',
  headerFill: '#e4e9f0',
  totalFill: '#f2f2f2',
  bar: '#1f5f99',
  barTrack: '#d9dee5',
  over: '#2e7d32',
  watermark: '#c62828',
};

export function createPdf(meta: {
  title: string;
  author: string;
  createdAt: Date;
  /** Drawn across every page, under the content (a draft's BORRADOR). */
  watermark: string | null;
}): Pdf {
  const doc = new PDFDocument({
    autoFirstPage: false,
    size: PAGE.size,
    margins: PAGE.margin,
    bufferPages: true,
    lang: 'es-EC',
    displayTitle: true,
    info: {
      Title: winAnsi(meta.title),
      Author: winAnsi(meta.author),
      Creator: 'Amparo',
      Producer: 'Amparo (PDFKit)',
      // Fixed, so the same report renders to the same bytes (an approved
      // report's file is the same every time it is downloaded).
      CreationDate: meta.createdAt,
      ModDate: meta.createdAt,
    },
  });
  const { watermark } = meta;
  if (watermark) doc.on('pageAdded', () => drawWatermark(doc, watermark));
  doc.addPage();
  return doc;
}

function drawWatermark(doc: Pdf, text: string): void {
  const { x, y } = doc;
  doc.save();
  doc.rotate(-35, { origin: [doc.page.width / 2, doc.page.height / 2] });
  doc.font(FONT.bold).fontSize(96).fillColor(COLOR.watermark).fillOpacity(0.1);
  const bottom = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  doc.text(text, 0, doc.page.height / 2 - 48, {
    width: doc.page.width,
    align: 'center',
    lineBreak: false,
  });
  doc.page.margins.bottom = bottom;
  doc.restore();
  doc.fillOpacity(1).fillColor(COLOR.text).font(FONT.regular).fontSize(SIZE.body);
  doc.x = x;
  doc.y = y;
}

/**
 * The longest start of `text` that, followed by `mark`, is at most `room`
 * points tall in `width` (in the given font and size); the text itself when
 * it fits. Text passes through winAnsi first.
 */
export function fitText(
  doc: Pdf,
  text: string,
  fit: { width: number; font: string; size: number; room: number; mark: string },
): string {
  const height = (t: string) => {
    doc.font(fit.font).fontSize(fit.size);
    return doc.heightOfString(t, { width: fit.width });
  };
  const whole = winAnsi(text);
  if (height(whole) <= fit.room) return whole;
  let fits = 0;
  let fails = whole.length;
  while (fails - fits > 1) {
    const middle = Math.floor((fits + fails) / 2);
    if (height(whole.slice(0, middle).trimEnd() + fit.mark) <= fit.room) fits = middle;
    else fails = middle;
  }
  // Between words, unless a word is very long (then within it).
  const space = whole.lastIndexOf(' ', fits);
  if (space > 0 && fits - space < 30) fits = space;
  return whole.slice(0, fits).trimEnd() + fit.mark;
}

export function contentWidth(doc: Pdf): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

export function bottomLimit(doc: Pdf): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** Starts a new page unless `height` points still fit below the cursor. */
export function ensureSpace(doc: Pdf, height: number): void {
  if (doc.y + height > bottomLimit(doc)) {
    doc.addPage();
  }
  doc.x = doc.page.margins.left;
}

export function heading(doc: Pdf, level: 1 | 2 | 3, text: string): void {
  const size = level === 1 ? SIZE.h1 : level === 2 ? SIZE.h2 : SIZE.h3;
  const width = contentWidth(doc);
  doc.font(FONT.bold).fontSize(size);
  const height = doc.heightOfString(winAnsi(text), { width });
  // A heading never ends a page: keep room for a few lines after it.
  ensureSpace(doc, height + (level === 1 ? 18 : 10) + 40);
  if (level === 1) doc.moveDown(0.6);
  doc.fillColor(COLOR.text).text(winAnsi(text), doc.page.margins.left, doc.y, { width });
  doc.moveDown(level === 1 ? 0.4 : 0.25);
  doc.font(FONT.regular).fontSize(SIZE.body);
}

export function paragraph(
  doc: Pdf,
  text: string,
  options: { color?: string; font?: string; size?: number } = {},
): void {
  const width = contentWidth(doc);
  doc
    .font(options.font ?? FONT.regular)
    .fontSize(options.size ?? SIZE.body)
    .fillColor(options.color ?? COLOR.text);
  // Paragraph by paragraph, so a long text breaks pages between lines of its own.
  for (const part of winAnsi(text).split(/\n{2,}/)) {
    ensureSpace(doc, doc.currentLineHeight(true) * 2);
    doc.text(part, doc.page.margins.left, doc.y, { width, align: 'left' });
    doc.moveDown(0.4);
  }
  doc.fillColor(COLOR.text).font(FONT.regular).fontSize(SIZE.body);
}

/**
 * Writes the header (the report's status) and the footer (what the report
 * is, page numbers) on every page once the content is laid out.
 */
export function finishPages(doc: Pdf, furniture: { footer: string; status: string }): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { margins } = doc.page;
    const bottom = margins.bottom;
    // Text below the bottom margin would open a new page: lift the margin meanwhile.
    doc.page.margins.bottom = 0;
    const width = contentWidth(doc);
    const y = doc.page.height - 40;
    doc.font(FONT.regular).fontSize(SIZE.small).fillColor(COLOR.muted);
    doc.text(winAnsi(furniture.footer), margins.left, y, {
      width,
      align: 'left',
      lineBreak: false,
    });
    doc.text(`Página ${i - range.start + 1} de ${range.count}`, margins.left, y, {
      width,
      align: 'right',
      lineBreak: false,
    });
    doc.text(winAnsi(furniture.status), margins.left, 30, {
      width,
      align: 'center',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
  doc.fillColor(COLOR.text);
}

/** The finished document's bytes. */
export function pdfBytes(doc: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
