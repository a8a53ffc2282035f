import ExcelJS from 'exceljs';
import { formatDate, formatPeriod } from '../../http/format-es-ec';
import {
  APPROVED_NOTE,
  DRAFT_NOTE,
  REPORT_TITLE,
  SECTION_TITLES,
  SIGNATURE_LABELS,
} from './report-labels';
import { printedWords, targetNumbers, type RenderOptions } from './report-render';
import type { ManagementReportSnapshot, Signature } from './report-snapshot';
import { sum } from '../../db/decimal';
import { ecuadorDate } from '../../http/ecuador-calendar';

/*
 * The management report as a workbook, one sheet per section, for re-use in
 * spreadsheets: every figure is a number cell (never text), totals are SUM
 * formulas stored with their computed value, and the display comes from
 * number formats. A format code is written in the file's own syntax ("," for
 * thousands, "." for decimals) and shown with the reader's separators, so an
 * Excel or LibreOffice set to Spanish (Ecuador) shows:
 *   money        '"USD" #,##0.00'  5500      → USD 5.500,00
 *   percentages  '0.00 %'          0.888     → 88,80 %  (stored as a fraction,
 *                                              the spreadsheet's own convention)
 *   counts       '#,##0'           1234      → 1.234
 *   dates        '[$-300A]d "de" mmmm "de" yyyy' → 31 de diciembre de 2026
 *                                              (300A: Spanish, Ecuador)
 * Stored values are the report's exact decimals converted once to the
 * nearest binary number (a spreadsheet has no other kind); amounts of up to
 * 14 digits keep every cent.
 */

export const NUMBER_FORMATS = {
  money: '"USD" #,##0.00',
  percent: '0.00 %',
  count: '#,##0',
  quantity: '#,##0.00',
  date: '[$-300A]d "de" mmmm "de" yyyy',
} as const;

export const SHEET_NAMES = {
  summary: 'Resumen',
  budget: 'Presupuesto',
  targets: 'Metas',
  trainings: 'Capacitaciones',
  campaigns: 'Campañas',
  releases: 'Estadísticas',
  texts: 'Conclusiones',
  signatures: 'Firmas',
} as const;

type Format = keyof typeof NUMBER_FORMATS;
type Value = string | number | Date | null | { formula: string; result: number };
type Cell = Value | { value: Value; format: Format };

/** "88.80" (percent) → 0.888, shifting the decimal point in text (no float division). */
export function percentAsFraction(percent: string): number {
  const negative = percent.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? percent.slice(1) : percent).split('.');
  const digits = whole.padStart(3, '0');
  const shifted = `${digits.slice(0, -2)}.${digits.slice(-2)}${fraction}`;
  return Number(`${negative ? '-' : ''}${shifted}`);
}

const money = (value: string): Cell => ({ value: Number(value), format: 'money' });
const percent = (value: string | null): Cell =>
  value === null ? null : { value: percentAsFraction(value), format: 'percent' };
const count = (value: number): Cell => ({ value, format: 'count' });
const quantity = (value: string): Cell => ({
  value: Number(value),
  format: /\.\d*[1-9]/.test(value) ? 'quantity' : 'count',
});
const day = (iso: string): Cell => {
  const [y, m, d] = iso.split('-').map(Number);
  return { value: new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1)), format: 'date' };
};
const sumFormula = (column: string, from: number, to: number, result: string | number): Cell => ({
  value:
    to >= from ? { formula: `SUM(${column}${from}:${column}${to})`, result: Number(result) } : 0,
  format: typeof result === 'string' ? 'money' : 'count',
});

export async function renderReportXlsx(
  report: ManagementReportSnapshot,
  options: RenderOptions = {},
): Promise<Buffer> {
  // The snapshot's words (an approved report's as they were approved).
  const words = printedWords(report, options);
  const book = new ExcelJS.Workbook();
  const asOf = new Date(report.figuresAsOf);
  book.creator = 'Amparo';
  book.title = `${REPORT_TITLE} — ${formatPeriod(report.period)}`;
  book.company = report.institution.name;
  book.created = asOf;
  book.modified = asOf;
  const approved = report.status === 'approved' && report.approvedBy !== null;
  const status =
    approved && report.approvedBy ? APPROVED_NOTE(formatDate(report.approvedBy.on)) : DRAFT_NOTE;
  const title = `${REPORT_TITLE} — ${report.institution.name} — ${formatPeriod(report.period)}`;

  const sheet = (name: string, section: string, widths: number[]) => {
    const ws = book.addWorksheet(name, {
      pageSetup: {
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
      },
      headerFooter: {
        oddHeader: `&C${approved ? '' : '&"-,Bold"BORRADOR '}${section}`,
        oddFooter: '&LInforme de gestión&RPágina &P de &N',
      },
    });
    ws.columns = widths.map((width) => ({ width }));
    ws.getCell('A1').value = title;
    ws.getCell('A1').font = { bold: true, size: 13 };
    ws.getCell('A2').value = status;
    ws.getCell('A2').font = {
      bold: !approved,
      color: { argb: approved ? 'FF333333' : 'FFC62828' },
    };
    ws.getCell('A3').value = section;
    ws.getCell('A3').font = { bold: true, size: 12 };
    return ws;
  };
  const put = (ws: ExcelJS.Worksheet, row: number, cells: Cell[], bold = false) => {
    cells.forEach((cell, i) => {
      const target = ws.getCell(row, i + 1);
      if (cell !== null && typeof cell === 'object' && 'format' in cell) {
        target.value = cell.value;
        target.numFmt = NUMBER_FORMATS[cell.format];
      } else {
        target.value = cell;
      }
      target.alignment = { vertical: 'top', wrapText: typeof cell === 'string' };
      if (bold) target.font = { bold: true };
    });
  };
  const header = (ws: ExcelJS.Worksheet, row: number, names: string[]) => {
    put(ws, row, names, true);
    names.forEach((_, i) => {
      ws.getCell(row, i + 1).fill = {
        type: 'pattern',
        pattern: 'solid',
        fgColor: { argb: 'FFE4E9F0' },
      };
    });
  };

  // Resumen
  {
    const ws = sheet(SHEET_NAMES.summary, 'Resumen', [52, 24]);
    const numbers = targetNumbers(report);
    const rows: [string, Cell][] = [
      ['Institución', report.institution.name],
      ['Periodo', formatPeriod(report.period)],
      ['Estado', approved ? 'Aprobado' : 'Borrador'],
      ['Cifras al', day(ecuadorDate(asOf))],
      ['Presupuesto codificado', money(report.budget.coded)],
      ['Presupuesto devengado', money(report.budget.accrued)],
      ['% de ejecución presupuestaria', percent(report.budget.executionPercent)],
      ['Metas', count(numbers.length)],
      ['Personas capacitadas', count(report.trainings.trained)],
      ['Personas alcanzadas por las campañas', count(report.campaigns.peopleReached)],
      ['Estadísticas publicadas', count(report.releases.length)],
    ];
    rows.forEach(([label, value], i) => put(ws, 5 + i, [label, value]));
  }

  // Presupuesto: one row per project, then the total; then each program's total.
  {
    const ws = sheet(SHEET_NAMES.budget, SECTION_TITLES.budget, [14, 36, 14, 40, 20, 20, 14]);
    header(ws, 5, [
      'Código del programa',
      'Programa',
      'Código del proyecto',
      'Proyecto',
      'Presupuesto codificado',
      'Presupuesto devengado',
      '% de ejecución',
    ]);
    let row = 6;
    for (const program of report.programs) {
      for (const project of program.projects) {
        put(ws, row++, [
          program.code,
          program.name,
          project.code,
          project.name,
          money(project.budget.coded),
          money(project.budget.accrued),
          percent(project.budget.executionPercent),
        ]);
      }
    }
    put(
      ws,
      row,
      [
        'Total',
        null,
        null,
        null,
        sumFormula('E', 6, row - 1, report.budget.coded),
        sumFormula('F', 6, row - 1, report.budget.accrued),
        percent(report.budget.executionPercent),
      ],
      true,
    );
    row += 2;
    header(
      ws,
      row++,
      [
        'Código del programa',
        'Programa',
        null,
        null,
        'Presupuesto codificado',
        'Presupuesto devengado',
        '% de ejecución',
      ].map((h) => h ?? ''),
    );
    for (const program of report.programs) {
      put(ws, row++, [
        program.code,
        program.name,
        null,
        null,
        money(program.budget.coded),
        money(program.budget.accrued),
        percent(program.budget.executionPercent),
      ]);
    }
    ws.views = [{ state: 'frozen', ySplit: 5 }];
  }

  // Metas
  {
    // Texts wrap in wide columns (put wraps every text cell); numbers fit on
    // one line: USD amounts are on the budget sheet, and 16 characters hold
    // "1.234.567.890,12" (and "pendiente").
    const ws = sheet(
      SHEET_NAMES.targets,
      SECTION_TITLES.targets,
      [6, 28, 28, 44, 32, 14, 16, 16, 12, 28, 50, 40, 26, 14, 14, 14, 14],
    );
    header(ws, 5, [
      'N.º',
      'Programa',
      'Proyecto',
      'Meta',
      'Indicador',
      'Unidad de medida',
      'Valor programado',
      'Valor ejecutado',
      '% de avance',
      'Unidades ejecutoras',
      'Descripción de resultados',
      'Alineación al plan',
      'Fuente',
      'Ejecutado T1',
      'Ejecutado T2',
      'Ejecutado T3',
      'Ejecutado T4',
    ]);
    targetNumbers(report).forEach(({ number, target, program, project }, i) => {
      put(ws, 6 + i, [
        number,
        program,
        project,
        target.description,
        target.indicator,
        target.unit,
        quantity(target.programmed),
        target.executed === null ? words.pending : quantity(target.executed),
        percent(target.progressPercent),
        target.executingUnits.join(', '),
        target.results,
        target.planAlignment,
        words.source(target),
        ...([1, 2, 3, 4] as const).map((q) => {
          const executed = target.quarters.find((x) => x.quarter === q)?.executed;
          if (executed === undefined) return null;
          return executed === null ? words.pending : quantity(executed);
        }),
      ]);
    });
    ws.views = [{ state: 'frozen', ySplit: 5 }];
  }

  // Capacitaciones
  {
    const t = report.trainings;
    const ws = sheet(SHEET_NAMES.trainings, SECTION_TITLES.trainings, [60, 16, 16, 18]);
    header(ws, 5, ['Indicador', 'Valor']);
    const rows: [string, Cell][] = [
      [words.trainings.programmes, count(t.programmes)],
      [words.trainings.sessions, count(t.sessions)],
      [words.trainings.hours, quantity(t.hoursDelivered)],
      [words.trainings.enrolled, count(t.enrolled)],
      [words.trainings.trained, count(t.trained)],
      [words.trainings.certified, count(t.certified)],
      [words.trainings.completion, percent(t.completionPercent)],
      [
        words.trainings.gain,
        t.averageKnowledgeGain === null
          ? null
          : { value: Number(t.averageKnowledgeGain), format: 'quantity' },
      ],
    ];
    rows.forEach(([label, value], i) => put(ws, 6 + i, [label, value]));
    const top = 6 + rows.length + 1;
    header(ws, top, ['Sector', 'Inscritas', 'Capacitadas', '% de finalización']);
    t.bySector.forEach((s, i) => {
      put(ws, top + 1 + i, [
        words.sector(s),
        count(s.enrolled),
        count(s.trained),
        percent(s.completionPercent),
      ]);
    });
    const last = top + t.bySector.length;
    put(
      ws,
      last + 1,
      [
        'Total',
        sumFormula('B', top + 1, last, t.enrolled),
        sumFormula('C', top + 1, last, t.trained),
        percent(t.completionPercent),
      ],
      true,
    );
  }

  // Campañas
  {
    const c = report.campaigns;
    const ws = sheet(SHEET_NAMES.campaigns, SECTION_TITLES.campaigns, [44, 20]);
    header(ws, 5, ['Indicador', 'Valor']);
    put(ws, 6, [words.campaigns.campaigns, count(c.campaigns)]);
    put(ws, 7, [words.campaigns.activities, count(c.activities)]);
    put(ws, 8, [words.campaigns.reached, count(c.peopleReached)]);
    let row = 10;
    for (const [name, items] of [
      ['Grupo', c.byGroup.map((g) => [words.group(g), g.reached] as const)],
      ['Provincia', c.byProvince.map((p) => [p.province, p.reached] as const)],
    ] as const) {
      header(ws, row, [name, 'Personas alcanzadas']);
      const first = row + 1;
      items.forEach(([label, reached]) => put(ws, ++row, [label, count(reached)]));
      put(
        ws,
        ++row,
        ['Total', sumFormula('B', first, row - 1, Number(sum(items.map(([, r]) => String(r)))))],
        true,
      );
      row += 2;
    }
  }

  // Estadísticas
  {
    const ws = sheet(SHEET_NAMES.releases, SECTION_TITLES.releases, [50, 24, 26, 70]);
    header(ws, 5, ['Estadística', 'Periodo', 'Publicada', 'Enlace']);
    report.releases.forEach((r, i) => {
      const link = words.link(r);
      put(ws, 6 + i, [r.title, formatPeriod(r.period), day(r.publishedOn), link]);
      if (/^https?:\/\//.test(link)) {
        ws.getCell(6 + i, 4).value = { text: link, hyperlink: link };
      }
    });
  }

  // Conclusiones, recomendaciones y desafíos
  {
    const ws = sheet(SHEET_NAMES.texts, 'Conclusiones, recomendaciones y desafíos', [22, 110]);
    header(ws, 5, ['Apartado', 'Texto']);
    (['conclusions', 'recommendations', 'challenges'] as const).forEach((key, i) => {
      put(ws, 6 + i, [SECTION_TITLES[key], report[key]]);
    });
  }

  // Firmas
  {
    const ws = sheet(SHEET_NAMES.signatures, SECTION_TITLES.signatures, [20, 36, 18, 28]);
    header(ws, 5, ['Responsabilidad', 'Nombre', 'Rol', 'Fecha']);
    const line = (label: string, s: Signature | null): Cell[] =>
      s ? [label, s.name, words.role(s), day(s.on)] : [label, 'Pendiente', null, null];
    put(ws, 6, line(SIGNATURE_LABELS.preparedBy, report.preparedBy));
    put(ws, 7, line(SIGNATURE_LABELS.reviewedBy, report.reviewedBy));
    put(ws, 8, line(SIGNATURE_LABELS.approvedBy, report.approvedBy));
  }

  return Buffer.from(await book.xlsx.writeBuffer());
}
