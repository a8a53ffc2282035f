import { sum } from '../../db/decimal';
import {
  formatDate,
  formatInteger,
  formatMoney,
  formatPercent,
  formatPeriod,
  formatQuantity,
} from '../../http/format-es-ec';
import { barChart, budgetNote } from './pdf-charts';
import {
  COLOR,
  createPdf,
  finishPages,
  FONT,
  heading,
  paragraph,
  pdfBytes,
  SIZE,
  type Pdf,
} from './pdf-document';
import { table, type Row } from './pdf-table';
import {
  APPROVED_NOTE,
  DRAFT_MARK,
  DRAFT_NOTE,
  REPORT_TITLE,
  SECTION_TITLES,
  SIGNATURE_LABELS,
} from './report-labels';
import type { ManagementReportSnapshot, ReportProgram, Signature } from './report-snapshot';
import {
  printedWords,
  sectionNumbers,
  targetNumbers,
  type PrintedWords,
  type RenderOptions,
} from './report-render';
import { winAnsi } from '../../http/win-ansi';
import { periodBounds, ecuadorDate } from '../../http/ecuador-calendar';

/*
 * The management report as a printable A4 PDF in Spanish: the sections in
 * the order the municipality's format sets (issue 15), tables that continue
 * across pages under their header, charts of progress, page numbers, and the
 * report's status on every page (BORRADOR across a draft's pages).
 */

export async function renderReportPdf(
  report: ManagementReportSnapshot,
  options: RenderOptions = {},
): Promise<Buffer> {
  const period = formatPeriod(report.period);
  const approved = report.status === 'approved' && report.approvedBy !== null;
  const doc = createPdf({
    title: `${REPORT_TITLE} — ${period}`,
    author: report.institution.name,
    createdAt: new Date(report.figuresAsOf),
    watermark: approved ? null : DRAFT_MARK,
  });
  const n = sectionNumbers();
  // The snapshot's words (an approved report's as they were approved).
  const words = printedWords(report, options);

  cover(doc, report, period);
  budgetSection(doc, report, n.budget);
  targetsSection(doc, report, n.targets, words);
  trainingsSection(doc, report, n.trainings, words);
  campaignsSection(doc, report, n.campaigns, words);
  releasesSection(doc, report, n.releases, words);
  for (const key of ['conclusions', 'recommendations', 'challenges'] as const) {
    heading(doc, 1, `${n[key]}. ${SECTION_TITLES[key]}`);
    paragraph(doc, report[key].trim() === '' ? 'Sin texto.' : report[key], {
      ...(report[key].trim() === '' ? { color: COLOR.muted, font: FONT.italic } : {}),
    });
  }
  signaturesSection(doc, report, n.signatures, words);

  finishPages(doc, {
    footer: `${REPORT_TITLE} · ${report.institution.name} · ${period}`,
    status:
      approved && report.approvedBy ? APPROVED_NOTE(formatDate(report.approvedBy.on)) : DRAFT_NOTE,
  });
  return pdfBytes(doc);
}

function cover(doc: Pdf, report: ManagementReportSnapshot, period: string): void {
  const { from, to } = periodBounds(report.period);
  doc.font(FONT.bold).fontSize(SIZE.title).fillColor(COLOR.text).text(REPORT_TITLE);
  doc.moveDown(0.2);
  doc.font(FONT.bold).fontSize(SIZE.h2).text(winAnsi(report.institution.name));
  doc.font(FONT.regular).fontSize(SIZE.body);
  doc.moveDown(0.3);
  doc.text(`Periodo: ${period} (del ${formatDate(from)} al ${formatDate(to)})`);
  doc.text(`Cifras al ${formatDate(ecuadorDate(new Date(report.figuresAsOf)))}`);
  doc.moveDown(0.3);
  if (report.status === 'approved' && report.approvedBy) {
    doc.font(FONT.bold).text(`Estado: APROBADO el ${formatDate(report.approvedBy.on)}`);
  } else {
    doc.font(FONT.bold).fillColor(COLOR.watermark).text(`Estado: ${DRAFT_NOTE}`);
  }
  doc.fillColor(COLOR.text).font(FONT.regular).moveDown(0.5);
}

const named = (item: { code: string | null; name: string }) =>
  item.code ? `${item.code} — ${item.name}` : item.name;

function budgetSection(doc: Pdf, report: ManagementReportSnapshot, n: number): void {
  heading(doc, 1, `${n}. ${SECTION_TITLES.budget}`);
  if (report.programs.length === 0) {
    paragraph(doc, 'No hay programas ni proyectos con presupuesto en el periodo.');
    return;
  }
  const rows: Row[] = [];
  for (const program of report.programs) {
    rows.push({ cells: budgetCells(`Programa ${named(program)}`, program.budget), emphasis: true });
    for (const project of program.projects) {
      rows.push({ cells: budgetCells(`Proyecto ${named(project)}`, project.budget), indent: true });
    }
  }
  rows.push({ cells: budgetCells('Total', report.budget), emphasis: true });
  table(
    doc,
    [
      { header: 'Programa / proyecto', weight: 5 },
      { header: 'Presupuesto codificado', weight: 2.2, align: 'right' },
      { header: 'Presupuesto devengado', weight: 2.2, align: 'right' },
      { header: '% de ejecución', weight: 1.4, align: 'right' },
    ],
    rows,
  );
  barChart(doc, 'Ejecución presupuestaria (devengado / codificado)', [
    ...report.programs.flatMap((program) =>
      program.projects.map((project) => ({
        label: named(project),
        percent: project.budget.executionPercent,
        note: budgetNote(project.budget.accrued, project.budget.coded),
      })),
    ),
    {
      label: 'Total',
      percent: report.budget.executionPercent,
      note: budgetNote(report.budget.accrued, report.budget.coded),
    },
  ]);
}

function budgetCells(
  label: string,
  budget: ReportProgram['budget'],
): [string, string, string, string] {
  return [
    label,
    formatMoney(budget.coded),
    formatMoney(budget.accrued),
    formatPercent(budget.executionPercent),
  ];
}

function targetsSection(
  doc: Pdf,
  report: ManagementReportSnapshot,
  n: number,
  words: PrintedWords,
): void {
  heading(doc, 1, `${n}. ${SECTION_TITLES.targets}`);
  const numbers = targetNumbers(report);
  if (numbers.length === 0) {
    paragraph(doc, 'No hay metas definidas para el periodo.');
    return;
  }
  let k = 0;
  for (const program of report.programs) {
    heading(doc, 2, `Programa ${named(program)}`);
    for (const project of program.projects) {
      heading(doc, 3, `Proyecto ${named(project)}`);
      paragraph(
        doc,
        `Presupuesto codificado ${formatMoney(project.budget.coded)}; devengado ` +
          `${formatMoney(project.budget.accrued)}; ejecución ${formatPercent(project.budget.executionPercent)}.`,
        { size: SIZE.table },
      );
      if (project.targets.length === 0) {
        paragraph(doc, 'Sin metas en el periodo.', { color: COLOR.muted, size: SIZE.table });
        continue;
      }
      table(
        doc,
        [
          { header: 'N.º', weight: 0.65 },
          { header: 'Meta', weight: 3 },
          { header: 'Indicador', weight: 2.3 },
          { header: 'Unidad de medida', weight: 1.5 },
          { header: 'Valor programado', weight: 1.75, align: 'right' },
          { header: 'Valor ejecutado', weight: 1.75, align: 'right' },
          { header: '% de avance', weight: 1.4, align: 'right' },
          { header: 'Unidades ejecutoras', weight: 2.2 },
        ],
        project.targets.map((target) => {
          k += 1;
          return {
            cells: [
              String(k),
              target.description,
              target.indicator,
              target.unit,
              formatQuantity(target.programmed),
              target.executed === null ? words.pending : formatQuantity(target.executed),
              formatPercent(target.progressPercent),
              target.executingUnits.join(', ') || '—',
            ],
            detail: [
              `Resultados: ${target.results ?? '—'}`,
              `Alineación al plan: ${target.planAlignment ?? '—'}`,
              ...(target.quarters.length > 0
                ? [
                    `Ejecutado por trimestre: ${target.quarters
                      .map(
                        (q) =>
                          `T${q.quarter} ${q.executed === null ? words.pending : formatQuantity(q.executed)}`,
                      )
                      .join(', ')}`,
                  ]
                : []),
              `Fuente: ${words.source(target)}`,
            ].join(' · '),
          };
        }),
      );
    }
  }
  barChart(
    doc,
    'Avance de las metas (valor ejecutado / valor programado)',
    numbers.map(({ number, target }) => ({
      label: `${number}. ${target.description}`,
      percent: target.progressPercent,
    })),
  );
}

function trainingsSection(
  doc: Pdf,
  report: ManagementReportSnapshot,
  n: number,
  words: PrintedWords,
): void {
  const labels = words.trainings;
  const t = report.trainings;
  heading(doc, 1, `${n}. ${SECTION_TITLES.trainings}`);
  table(
    doc,
    [
      { header: 'Indicador', weight: 3 },
      { header: 'Valor', weight: 1.4, align: 'right' },
    ],
    [
      {
        cells: [labels.programmes, formatInteger(t.programmes)],
      },
      { cells: [labels.sessions, formatInteger(t.sessions)] },
      { cells: [labels.hours, formatQuantity(t.hoursDelivered)] },
      { cells: [labels.enrolled, formatInteger(t.enrolled)] },
      { cells: [labels.trained, formatInteger(t.trained)] },
      { cells: [labels.certified, formatInteger(t.certified)] },
      { cells: [labels.completion, formatPercent(t.completionPercent)] },
      {
        cells: [
          labels.gain,
          t.averageKnowledgeGain === null ? '—' : formatQuantity(t.averageKnowledgeGain),
        ],
      },
    ],
  );
  if (t.bySector.length > 0) {
    heading(doc, 3, 'Personas inscritas y capacitadas por sector');
    table(
      doc,
      [
        { header: 'Sector', weight: 3 },
        { header: 'Inscritas', weight: 1.2, align: 'right' },
        { header: 'Capacitadas', weight: 1.2, align: 'right' },
        { header: '% de finalización', weight: 1.2, align: 'right' },
      ],
      [
        ...t.bySector.map((s) => ({
          cells: [
            words.sector(s),
            formatInteger(s.enrolled),
            formatInteger(s.trained),
            formatPercent(s.completionPercent),
          ],
        })),
        {
          cells: [
            'Total',
            formatInteger(t.enrolled),
            formatInteger(t.trained),
            formatPercent(t.completionPercent),
          ],
          emphasis: true,
        },
      ],
    );
  }
}

function campaignsSection(
  doc: Pdf,
  report: ManagementReportSnapshot,
  n: number,
  words: PrintedWords,
): void {
  const c = report.campaigns;
  heading(doc, 1, `${n}. ${SECTION_TITLES.campaigns}`);
  table(
    doc,
    [
      { header: 'Indicador', weight: 3 },
      { header: 'Valor', weight: 1.4, align: 'right' },
    ],
    [
      { cells: [words.campaigns.campaigns, formatInteger(c.campaigns)] },
      { cells: [words.campaigns.activities, formatInteger(c.activities)] },
      { cells: [words.campaigns.reached, formatInteger(c.peopleReached)] },
    ],
  );
  for (const [title, header, rows] of [
    [
      'Personas alcanzadas por grupo',
      'Grupo',
      c.byGroup.map((g) => [words.group(g), g.reached] as const),
    ],
    [
      'Personas alcanzadas por provincia',
      'Provincia',
      c.byProvince.map((p) => [p.province, p.reached] as const),
    ],
  ] as const) {
    if (rows.length === 0) continue;
    heading(doc, 3, title);
    table(
      doc,
      [
        { header, weight: 3 },
        { header: 'Personas alcanzadas', weight: 1.4, align: 'right' },
      ],
      [
        ...rows.map(([label, reached]) => ({ cells: [label, formatInteger(reached)] })),
        {
          cells: ['Total', formatInteger(Number(sum(rows.map(([, r]) => String(r)))))],
          emphasis: true,
        },
      ],
    );
  }
}

function releasesSection(
  doc: Pdf,
  report: ManagementReportSnapshot,
  n: number,
  words: PrintedWords,
): void {
  heading(doc, 1, `${n}. ${SECTION_TITLES.releases}`);
  if (report.releases.length === 0) {
    paragraph(doc, 'No se publicaron estadísticas del periodo.');
    return;
  }
  table(
    doc,
    [
      { header: 'Estadística', weight: 3.2 },
      { header: 'Periodo', weight: 1.6 },
      { header: 'Publicada', weight: 1.6 },
      { header: 'Enlace', weight: 3 },
    ],
    report.releases.map((r) => {
      const link = words.link(r);
      return {
        cells: [r.title, formatPeriod(r.period), formatDate(r.publishedOn), link],
        links: [undefined, undefined, undefined, /^https?:\/\//.test(link) ? link : undefined],
      };
    }),
  );
}

function signaturesSection(
  doc: Pdf,
  report: ManagementReportSnapshot,
  n: number,
  words: PrintedWords,
): void {
  heading(doc, 1, `${n}. ${SECTION_TITLES.signatures}`);
  // The last column is left blank, tall enough to sign a printed copy by hand.
  const line = (label: string, s: Signature | null): Row => ({
    cells: s
      ? [label, s.name, words.role(s), formatDate(s.on), '\n\n']
      : [label, 'Pendiente', '—', '—', '\n\n'],
  });
  table(
    doc,
    [
      { header: 'Responsabilidad', weight: 1.6 },
      { header: 'Nombre', weight: 2.4 },
      { header: 'Rol', weight: 1.4 },
      { header: 'Fecha', weight: 2 },
      { header: 'Firma', weight: 2 },
    ],
    [
      line(SIGNATURE_LABELS.preparedBy, report.preparedBy),
      line(SIGNATURE_LABELS.reviewedBy, report.reviewedBy),
      line(SIGNATURE_LABELS.approvedBy, report.approvedBy),
    ],
  );
}
