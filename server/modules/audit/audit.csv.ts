/**
 * RFC 4180 CSV for the auditors' exports: CRLF line ends, every cell quoted
 * (a quote doubled), a header row first. A cell that a spreadsheet would read
 * as a formula (it starts with = + - @, a tab or a carriage return) is
 * neutralised with a leading apostrophe, so that opening an export never runs
 * anything a name or code smuggled in. UTF-8 with a byte-order mark, so that
 * spreadsheet programs read accented names correctly.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | null)[])[]) {
  const lines = [header, ...rows].map((cells) => cells.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | null): string {
  const text = value ?? '';
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
}
