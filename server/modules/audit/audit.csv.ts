/**
 * RFC 4180 CSV for the auditors' exports: CRLF line ends, every cell quoted
 * (a quote doubled), a header row first. Control characters in a cell (CR,
 * LF, tab… — names written before they were refused) become spaces, so that
 * one record is one line for line-based consumers. A cell that a spreadsheet
 * would read as a formula (it starts, after any spaces or invisible format
 * characters, with = + - @ or their full-width forms) is neutralised with a
 * leading apostrophe, so that opening an export never runs anything a name or
 * code smuggled in. UTF-8 with a byte-order mark, so that spreadsheet
 * programs read accented names correctly.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | null)[])[]) {
  const lines = [header, ...rows].map((cells) => cells.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

const CONTROL = /\p{Cc}/gu;
const FORMULA_START = /^[\s\p{Cf}]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/u;

export function csvCell(value: string | null): string {
  const text = (value ?? '').replace(CONTROL, ' ');
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
}
