const CUT_MARK = ' [… texto recortado; completo en el XLSX]';
import { PAGE } from '../../server/modules/management-reports/pdf-document';
import { renderReportPdf } from '../../server/modules/management-reports/report-pdf';
import { renderReportXlsx, SHEET_NAMES } from '../../server/modules/management-reports/report-xlsx';
import type { TargetFigures } from '../../server/modules/management-reports/report-assembly';
import { fixtureInputs, fixtureSnapshot } from '../helpers/management-report-fixture';
import { pdfPages, pdfText, pdfWords, readXlsx, sheetNamed } from '../helpers/report-files';

/*
 * The files' layout, read back by tools that did not write them: table rows
 * of the PDF that do not fit (the rest of a page, or a whole page), and the
 * column widths and wrapping of the XLSX's "Metas" sheet.
 */

const target = (description: string, results: string | null = null): TargetFigures => ({
  description,
  indicator: 'Personas capacitadas',
  unit: 'personas',
  programmed: '100',
  executed: '50',
  executingUnits: ['Dirección de Seguridad'],
  results,
  planAlignment: null,
  source: 'computed',
  quarters: [],
});

/** A report whose first project has these targets. */
async function pdfWith(targets: TargetFigures[]): Promise<Buffer> {
  const inputs = fixtureInputs({
    status: 'approved',
    approvedBy: { name: 'María Tenesaca', role: 'coordinator', on: '2026-07-31' },
    reviewedBy: { name: 'Luis Andrango', role: 'coordinator', on: '2026-07-20' },
  });
  const project = inputs.programs[0]?.projects[0];
  if (!project) throw new Error('fixture without a project');
  project.targets = targets;
  return renderReportPdf(fixtureSnapshot(inputs));
}

const words = (word: string, n: number) => Array.from({ length: n }, () => word).join(' ');
const oneLine = (text: string) => text.replace(/\s+/g, ' ');

const CHART_TITLE = 'Avance de las metas (valor ejecutado / valor programado)';

/** The pages (1-based) on which a word appears in the targets' tables (before their chart). */
function pagesWith(pages: string[], word: string): number[] {
  const chart = pages.findIndex((page) => oneLine(page).includes(CHART_TITLE));
  return pages.flatMap((page, i) => {
    if (chart >= 0 && i > chart) return [];
    const text = i === chart ? (oneLine(page).split(CHART_TITLE)[0] ?? '') : oneLine(page);
    return text.split(' ').includes(word) ? [i + 1] : [];
  });
}

/**
 * Every word lies between the top and bottom margins, except the page's own
 * furniture: the status line above, the footer line below.
 */
function expectWithinMargins(pdf: Buffer): void {
  for (const [i, page] of pdfWords(pdf).entries()) {
    const bottom = page.height - PAGE.margin.bottom;
    for (const word of page.words) {
      const label = `page ${i + 1}: "${word.text}" at ${word.yMin}–${word.yMax}`;
      if (word.yMax > bottom + 1) {
        // The footer is written at height − 40.
        expect([label, word.yMin >= page.height - 42]).toEqual([label, true]);
      }
      if (word.yMin < PAGE.margin.top - 1) {
        // The status line is written at 30.
        expect([label, word.yMax <= PAGE.margin.top - 10]).toEqual([label, true]);
      }
    }
  }
}

describe('the PDF’s table rows', () => {
  it('start the next page when they do not fit in the rest of one, never split', async () => {
    // Each row about half a page tall: most meet a page's end.
    const targets = Array.from({ length: 7 }, (_, i) =>
      target(`INICIO${i + 1} ${words('texto', 110)} FIN${i + 1}`),
    );
    const pdf = await pdfWith(targets);
    const pages = pdfPages(pdf);
    for (let k = 1; k <= 7; k++) {
      const starts = pagesWith(pages, `INICIO${k}`);
      expect([k, starts]).toEqual([k, [expect.any(Number)]]);
      expect([k, pagesWith(pages, `FIN${k}`)]).toEqual([k, starts]);
      // The header row is repeated on the page the row went to.
      expect(oneLine(pages[(starts[0] ?? 1) - 1] ?? '')).toContain(
        'Valor programado Valor ejecutado % de avance',
      );
    }
    // About two rows a page: they met page ends.
    const rowPages = new Set(targets.map((_, k) => pagesWith(pages, `INICIO${k + 1}`)[0]));
    expect(rowPages.size).toBeGreaterThanOrEqual(3);
    expectWithinMargins(pdf);
  });

  it('taller than a whole page are cut to one page, with a visible mark', async () => {
    const description = `INICIO ${words('texto', 2500)} FIN`;
    const results = `COMIENZO ${words('resultado', 3000)} TERMINA`;
    const pdf = await pdfWith([target(description, results), target('Meta siguiente')]);
    const pages = pdfPages(pdf);
    const text = pdfText(pdf);
    // The row on one page, with its first words, the mark, and its other cells.
    const [page] = pagesWith(pages, 'INICIO');
    expect(pagesWith(pages, 'INICIO')).toHaveLength(1);
    const rowPage = oneLine(pages[(page ?? 1) - 1] ?? '');
    expect(rowPage).toContain('Valor programado Valor ejecutado % de avance');
    expect(rowPage).toContain('Personas capacitadas personas 100 50 50,00 %');
    expect(rowPage).toContain('Resultados: COMIENZO resultado');
    expect(rowPage.split(oneLine(CUT_MARK).trim())).toHaveLength(3);
    // What did not fit is not printed anywhere else (the chart's label is three lines)…
    expect(text).not.toMatch(/\bFIN\b/);
    expect(text).not.toContain('TERMINA');
    expect(text).toMatch(/1\. INICIO( texto)+… 50,00 %/);
    expect(text).toMatch(/ texto \[… texto recortado; completo en el XLSX\] Personas/);
    // …and the next row follows.
    expect(text).toContain('2 Meta siguiente Personas capacitadas');
    expectWithinMargins(pdf);
  });
});

describe('the XLSX’s "Metas" sheet', () => {
  it('wraps the texts in wide columns and fits the numbers on one line', async () => {
    const sheets = readXlsx(await renderReportXlsx(fixtureSnapshot()));
    const ws = sheetNamed(sheets, SHEET_NAMES.targets);
    // Every column of the sheet (A…Q: N.º to Ejecutado T4) has its width.
    const letters = 'ABCDEFGHIJKLMNOPQ'.split('');
    expect(Object.keys(ws.columns).sort()).toEqual(letters);
    // Descriptions: wide, and wrapping.
    for (const column of ['D', 'E', 'K', 'L']) {
      expect([column, ws.columns[column]! >= 30]).toEqual([column, true]);
      expect([column, ws.cells[`${column}6`]?.wrap]).toEqual([column, true]);
    }
    // Numbers: "1.234.567.890,12" fits; a number never wraps.
    for (const column of ['G', 'H', 'N', 'O', 'P', 'Q']) {
      expect([column, ws.columns[column]! >= 14]).toEqual([column, true]);
    }
    for (const ref of ['A6', 'G6', 'H6', 'I6', 'N6']) {
      expect([ref, ws.cells[ref]?.type, ws.cells[ref]?.wrap]).toEqual([ref, 'n', false]);
    }
    // The header row wraps its long names within the columns.
    expect(ws.cells.G5).toMatchObject({ value: 'Valor programado', wrap: true });
  });
});
