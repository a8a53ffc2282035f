import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pdfInfo, pdfPages } from './pdf-text';

/*
 * Reads the report's files back with tools that did not write them:
 * poppler's pdftotext for the PDF (pdf-text.ts) and Python's standard
 * library for the XLSX (test/helpers/read-xlsx.py). .ci/run installs both
 * when missing (ensure_poppler).
 */

function withFile<T>(name: string, content: Buffer, use: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'amparo-report-'));
  try {
    const file = join(dir, name);
    writeFileSync(file, content);
    return use(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { timeout: 20_000, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) {
    throw new Error(
      `${command} could not run (${result.error.message}); Debian: apt-get install ` +
        (command === 'python3' ? 'python3' : 'poppler-utils'),
    );
  }
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr.toString()}`);
  return result.stdout.toString('utf8');
}

export { pdfInfo, pdfPages };

/** The whole text on one line: runs of whitespace as one space (table cells wrap). */
export function pdfText(pdf: Buffer): string {
  return pdfPages(pdf).join(' ').replace(/\s+/g, ' ');
}

export interface XlsxCell {
  type: 'n' | 's' | 'b' | 'e';
  /** As written in the file: a number's text, a string's content. */
  value: string;
  formula: string | null;
  format: string;
  /** Whether the cell's text wraps within its column. */
  wrap: boolean;
}
export interface XlsxSheet {
  name: string;
  /** Column widths by letter (in characters), where the file sets them. */
  columns: Record<string, number>;
  cells: Record<string, XlsxCell>;
}

const READ_XLSX = join(__dirname, 'read-xlsx.py');

export function readXlsx(xlsx: Buffer): XlsxSheet[] {
  const json = withFile('report.xlsx', xlsx, (file) => run('python3', [READ_XLSX, file]));
  return (JSON.parse(json) as { sheets: XlsxSheet[] }).sheets;
}

export function sheetNamed(sheets: XlsxSheet[], name: string): XlsxSheet {
  const sheet = sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

/** A cell that must be a number: its value as a JS number, and its format. */
export function numberAt(
  sheet: XlsxSheet,
  ref: string,
): { value: number; format: string; formula: string | null } {
  const cell = sheet.cells[ref];
  if (!cell) throw new Error(`${sheet.name}!${ref} is empty`);
  if (cell.type !== 'n') throw new Error(`${sheet.name}!${ref} is ${cell.type}, not a number`);
  return { value: Number(cell.value), format: cell.format, formula: cell.formula };
}

export function textAt(sheet: XlsxSheet, ref: string): string | undefined {
  const cell = sheet.cells[ref];
  if (cell && cell.type !== 's') throw new Error(`${sheet.name}!${ref} is ${cell.type}, not text`);
  return cell?.value;
}

export interface PdfWord {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}
export interface PdfPageWords {
  width: number;
  height: number;
  words: PdfWord[];
}

/** Every word of each page with its box (points, from the top left), as pdftotext -bbox finds it. */
export function pdfWords(pdf: Buffer): PdfPageWords[] {
  const html = withFile('report.pdf', pdf, (file) =>
    run('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-']),
  );
  const unescape = (text: string) =>
    text
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  return html
    .split('<page ')
    .slice(1)
    .map((page) => {
      const size = /width="([\d.]+)" height="([\d.]+)"/.exec(page);
      const words = [
        ...page.matchAll(
          /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
        ),
      ].map((m) => ({
        text: unescape(m[5] ?? ''),
        xMin: Number(m[1]),
        yMin: Number(m[2]),
        xMax: Number(m[3]),
        yMax: Number(m[4]),
      }));
      return { width: Number(size?.[1]), height: Number(size?.[2]), words };
    });
}
