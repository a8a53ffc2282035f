import { spawnSync } from 'node:child_process';

/**
 * The text of a PDF as Debian's poppler-utils reads it (`pdftotext`): an
 * independent reader of what pdfkit wrote. `layout` keeps the page's columns.
 */
export function pdfText(pdf: Buffer, options: { layout?: boolean } = {}): string {
  const args = [...(options.layout ? ['-layout'] : []), '-enc', 'UTF-8', '-', '-'];
  const result = spawnSync('pdftotext', args, { input: pdf, maxBuffer: 16 * 1024 * 1024 });
  if (result.error) {
    throw new Error(
      'pdftotext was not found on the PATH; the tests need it (Debian: apt-get install poppler-utils)',
    );
  }
  if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr.toString()}`);
  return result.stdout.toString('utf8');
}

/** Pages, size and other facts as `pdfinfo` reports them. */
export function pdfInfo(pdf: Buffer): Record<string, string> {
  const result = spawnSync('pdfinfo', ['-'], { input: pdf });
  if (result.error || result.status !== 0) throw new Error('pdfinfo failed');
  return Object.fromEntries(
    result.stdout
      .toString('utf8')
      .split('\n')
      .map((line) => /^([^:]+):\s*(.*)$/.exec(line))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => [match[1] ?? '', match[2] ?? '']),
  );
}

/** Whitespace (line breaks of the layout included) collapsed to single spaces. */
export const flat = (text: string) => text.replace(/\s+/g, ' ').trim();
