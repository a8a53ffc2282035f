/*
 * pdfkit's standard fonts (Helvetica…) encode text in WinAnsi
 * (Windows-1252): Latin-1 and a few more, which covers Spanish. Text for
 * them goes through winAnsi first, so that any other character is written
 * as a look-alike or as "?" rather than as a wrong glyph. The stored text
 * stays as typed (the XLSX and the verification page show it exactly).
 */

/** The characters Windows-1252 adds to Latin-1 (0x80–0x9F). */
const CP1252_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** Look-alikes WinAnsi has for characters it lacks (minus sign, hyphens, spaces). */
const SUBSTITUTES: Record<string, string> = {
  '\u2212': '-',
  '\u2010': '-',
  '\u2011': '-',
  '\u2009': ' ',
  '\u202F': ' ',
  '\t': ' ',
};

const printable = (char: string) => {
  const code = char.codePointAt(0) ?? 0;
  return (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRA.has(char);
};

/**
 * Text the standard fonts can show: line breaks kept (CRLF as LF), a
 * look-alike where WinAnsi has one, a letter without its accent when that
 * makes it one (ǹ → n, ễ → e), otherwise "?".
 */
export function winAnsi(text: string): string {
  return [...text.normalize('NFC').replace(/\r\n?/g, '\n')]
    .map((given) => {
      const char = SUBSTITUTES[given] ?? given;
      if (printable(char) || char === '\n') return char;
      const base = char.normalize('NFD').replace(/\p{M}/gu, '');
      return base.length > 0 && [...base].every(printable) ? base : '?';
    })
    .join('');
}
