import { spawnSync } from 'node:child_process';

/*
 * Reads a PDF back with Debian's poppler-utils (`pdftotext`, `pdfinfo`): an
 * independent reader of what pdfkit wrote. .ci/run installs them when
 * missing (ensure_poppler). The one place the tests call them.
 */

function poppler(command: 'pdftotext' | 'pdfinfo', args: string[], pdf: Buffer): string {
  const result = spawnSync(command, args, {
    input: pdf,
    timeout: 20_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) {
    throw new Error(
      `${command} could not run (${result.error.message}); the tests need it ` +
        '(Debian: apt-get install poppler-utils)',
    );
  }
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr.toString()}`);
  return result.stdout.toString('utf8');
}

/**
 * The text of a PDF as pdftotext reads it: `layout` keeps the page's
 * columns, `raw` keeps the content order.
 */
export function pdfText(pdf: Buffer, options: { layout?: boolean; raw?: boolean } = {}): string {
  const mode = options.layout ? ['-layout'] : options.raw ? ['-raw'] : [];
  return poppler('pdftotext', [...mode, '-enc', 'UTF-8', '-', '-'], pdf);
}

/** The text in content order (-raw), one string per page (pages split on form feeds). */
export function pdfPages(pdf: Buffer): string[] {
  return pdfText(pdf, { raw: true }).split('\f').slice(0, -1);
}

/** Pages, size, title and other facts as `pdfinfo` reports them. */
export function pdfInfo(pdf: Buffer): Record<string, string> {
  return Object.fromEntries(
    poppler('pdfinfo', ['-enc', 'UTF-8', '-'], pdf)
      .split('\n')
      .map((line) => /^([^:]+):\s*(.*)$/.exec(line))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => [match[1] ?? '', match[2] ?? '']),
  );
}

/** Whitespace (line breaks of the layout included) collapsed to single spaces. */
export const flat = (text: string) => text.replace(/\s+/g, ' ').trim();
