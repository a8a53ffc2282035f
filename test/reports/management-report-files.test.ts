import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  GROUP_LABELS,
  ROLE_LABELS,
  SECTION_TITLES,
  SECTOR_LABELS,
  TABLE_TITLES,
} from '../../server/modules/management-reports/report-labels';
import { renderReportPdf } from '../../server/modules/management-reports/report-pdf';
import {
  NUMBER_FORMATS,
  percentAsFraction,
  renderReportXlsx,
  SHEET_NAMES,
} from '../../server/modules/management-reports/report-xlsx';
import { fixtureInputs, fixtureSnapshot } from '../helpers/management-report-fixture';
import {
  numberAt,
  pdfInfo,
  pdfPages,
  pdfText,
  readXlsx,
  sheetNamed,
  textAt,
} from '../helpers/report-files';

/*
 * The report's files, read back by tools that did not write them (pdftotext
 * and pdfinfo from poppler-utils; Python's zipfile and xml.etree), checked
 * against figures worked out here by hand from the fixture's records
 * (test/helpers/management-report-fixture.ts) — sums, percentages and their
 * rounding — and against the snapshot they were rendered from.
 */

const PUBLIC_URL = 'https://amparo.example.ec';
const RELEASE_ID = '3f1c2a4e-5b6d-4c7e-8f90-a1b2c3d4e5f6';

const approvedInputs = () =>
  fixtureInputs({
    status: 'approved',
    figuresAsOf: new Date('2026-07-31T20:00:00Z'),
    reviewedBy: { name: 'Luis Andrango', role: 'coordinator', on: '2026-07-20' },
    approvedBy: { name: 'María Tenesaca', role: 'coordinator', on: '2026-07-31' },
  });

describe('the management report as PDF', () => {
  let pdf: Buffer;
  let text: string;
  beforeAll(async () => {
    pdf = await renderReportPdf(fixtureSnapshot(), { publicUrl: PUBLIC_URL });
    text = pdfText(pdf);
  });

  it('is an A4 document in Spanish with its title', () => {
    const info = pdfInfo(pdf);
    expect(info['Page size']).toMatch(/A4/);
    expect(info.Title).toBe('Informe de gestión — Segundo trimestre de 2026');
    expect(info.Author).toBe('Secretaría de Seguridad Ciudadana de Quitumbe');
    expect(Number(info.Pages)).toBeGreaterThanOrEqual(2);
  });

  it('has its sections in the order of the municipal format', () => {
    const order = [
      SECTION_TITLES.budget,
      SECTION_TITLES.targets,
      SECTION_TITLES.trainings,
      SECTION_TITLES.campaigns,
      SECTION_TITLES.releases,
      SECTION_TITLES.conclusions,
      SECTION_TITLES.recommendations,
      SECTION_TITLES.challenges,
      SECTION_TITLES.signatures,
    ].map((title, i) => text.indexOf(`${i + 1}. ${title}`));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('shows budget execution per program and project, and the total, to the cent', () => {
    // 4 884,00 / 5 500,00 = 88,80 %
    expect(text).toContain(
      'Proyecto P1.1 — Capacitación especializada a funcionarios USD 5.500,00 USD 4.884,00 88,80 %',
    );
    // 1 000 000,01 / 1 234 567,89 = 81,0000008… %
    expect(text).toContain(
      'Proyecto P1.2 — Campañas de prevención en territorio USD 1.234.567,89 USD 1.000.000,01 81,00 %',
    );
    // 5 500,00 + 1 234 567,89 = 1 240 067,89; 4 884,00 + 1 000 000,01 = 1 004 884,01; 81,0345… %
    expect(text).toContain(
      'Programa P1 — Prevención y atención de la trata de personas USD 1.240.067,89 USD 1.004.884,01 81,03 %',
    );
    // 1,00 / 160,00 = 0,625 % → 0,63 % (half up)
    expect(text).toContain('Proyecto P2.1 — Sistema de información USD 160,00 USD 1,00 0,63 %');
    // 1 240 227,89 and 1 004 885,01: 81,0310… %
    expect(text).toContain('Total USD 1.240.227,89 USD 1.004.885,01 81,02 %');
    expect(text).toContain('USD 4.884,00 de USD 5.500,00 88,80 %'); // the chart's bar
  });

  it('lists each target with its values, progress, units, results and plan alignment', () => {
    expect(text).toContain(
      '1 Capacitar a servidores de justicia, salud y educación Personas capacitadas y certificadas ' +
        'personas 120 40 33,33 % Dirección de Seguridad, Universidad Central',
    );
    expect(text).toContain(
      'Resultados: Tres cohortes completaron el programa; la cuarta inicia en julio. · Alineación al plan: ' +
        'Objetivo 2 del Plan cantonal de seguridad: atención oportuna · Ejecutado por trimestre: ' +
        'T1 15, T2 25 · Fuente: Registros de Amparo',
    );
    expect(text).toContain(
      '2 Horas de formación impartidas Horas de capacitación horas 3 2 66,67 %',
    );
    expect(text).toContain(
      '3 Personas alcanzadas por las campañas Personas alcanzadas personas 1.000 1.250 125,00 %',
    );
    // Nothing programmed: no percentage.
    expect(text).toContain('Mesas técnicas realizadas mesas 0 1 — —');
    expect(text).toContain('Fuente: Registro manual');
    // The progress chart: one bar per target.
    expect(text).toContain('1. Capacitar a servidores de justicia, salud y educación 33,33 %');
    expect(text).toContain('3. Personas alcanzadas por las campañas 125,00 %');
  });

  it('summarises trainings and campaigns', () => {
    expect(text).toContain('Horas de capacitación impartidas 42,50');
    expect(text).toContain('Personas inscritas en programas concluidos en el periodo 3');
    expect(text).toContain(
      'Personas capacitadas (completaron un programa concluido en el periodo) 2',
    );
    expect(text).toContain(
      'Personas certificadas (certificados vigentes emitidos en el periodo) 1',
    );
    expect(text).toContain('Tasa de finalización (capacitadas / inscritas) 66,67 %');
    expect(text).toContain('Ganancia media de conocimiento');
    expect(text).toContain('17,35');
    expect(text).toContain('Salud 1 0 0,00 %');
    expect(text).toContain('Seguridad 1 1 100,00 %');
    expect(text).toContain('Total 3 2 66,67 %');
    expect(text).toContain('Personas alcanzadas 1.250');
    expect(text).toContain('Mujer 700');
    expect(text).toContain('Público general 550');
    expect(text).toContain('Santo Domingo de los Tsáchilas 250');
    expect(text.match(/Total 1\.250/g)).toHaveLength(2);
  });

  it('links the published statistics releases to the observatory', () => {
    expect(text).toContain('Víctimas por sexo y edad Primer trimestre de 2026 20 de abril de 2026');
    expect(text.replace(/\s/g, '')).toContain(`${PUBLIC_URL}/observatorio/${RELEASE_ID}`);
    expect(pdf.toString('latin1')).toContain(`/URI (${PUBLIC_URL}/observatorio/${RELEASE_ID})`);
  });

  it('carries the texts and who prepared, reviewed and approved it', () => {
    expect(text).toContain('El programa avanzó según lo previsto en capacitación.');
    expect(text).toContain('Ampliar la cobertura a Santo Domingo de los Tsáchilas.');
    expect(text).toContain('8. Desafíos Sin texto.');
    expect(text).toContain('Elaborado por Ana Quishpe Coordinador/a 10 de julio de 2026');
    expect(text).toContain('Revisado por Pendiente');
    expect(text).toContain('Aprobado por Pendiente');
  });

  it('marks every page of a draft BORRADOR and numbers the pages', () => {
    const pages = pdfPages(pdf);
    pages.forEach((page, i) => {
      expect(page).toContain('BORRADOR');
      expect(page).toContain(`Página ${i + 1} de ${pages.length}`);
    });
  });

  it('marks an approved report as approved on every page, with no BORRADOR', async () => {
    const approved = await renderReportPdf(fixtureSnapshot(approvedInputs()));
    const pages = pdfPages(approved);
    expect(pages.join(' ')).not.toContain('BORRADOR');
    for (const page of pages) {
      expect(page).toContain('Informe aprobado el 31 de julio de 2026');
    }
    const all = pdfText(approved);
    expect(all).toContain('Estado: APROBADO el 31 de julio de 2026');
    expect(all).toContain('Aprobado por María Tenesaca Coordinador/a 31 de julio de 2026');
    expect(all).toContain('Revisado por Luis Andrango Coordinador/a 20 de julio de 2026');
    // Without a public address the link is the observatory's path.
    expect(all.replace(/\s/g, '')).toContain(`/observatorio/${RELEASE_ID}`);
  });

  it('renders the same report to the same bytes', async () => {
    const snapshot = fixtureSnapshot(approvedInputs());
    const [a, b] = await Promise.all([renderReportPdf(snapshot), renderReportPdf(snapshot)]);
    expect(a.equals(b)).toBe(true);
  });

  it('continues long tables on new pages under their header', async () => {
    const inputs = fixtureInputs();
    const project = inputs.programs[0]?.projects[0];
    if (!project) throw new Error('fixture without a project');
    project.targets = Array.from({ length: 70 }, (_, i) => ({
      description: `Meta de prueba número ${i + 1}`,
      indicator: 'Personas capacitadas',
      unit: 'personas',
      programmed: '100',
      executed: String(i),
      executingUnits: ['Dirección de Seguridad'],
      results: null,
      planAlignment: null,
      source: 'computed' as const,
      quarters: [],
    }));
    const pages = pdfPages(await renderReportPdf(fixtureSnapshot(inputs)));
    expect(pages.length).toBeGreaterThan(4);
    const withRows = pages.filter((page) =>
      /Meta de prueba número \d+ Personas/.test(page.replace(/\s+/g, ' ')),
    );
    expect(withRows.length).toBeGreaterThan(1);
    for (const page of withRows) {
      expect(page.replace(/\s+/g, ' ')).toContain('Valor programado Valor ejecutado % de avance');
    }
    const all = pages.join(' ').replace(/\s+/g, ' ');
    for (let i = 1; i <= 70; i++) {
      // Each row once in the table (and once more as the chart's bar).
      expect(
        all.split(`Meta de prueba número ${i} Personas capacitadas personas 100 ${i - 1} `),
      ).toHaveLength(2);
      expect(all).toContain(`${i}. Meta de prueba número ${i} ${i - 1},00 %`);
    }
  });

  it('writes characters the standard fonts lack as "?", never breaking the file', async () => {
    const inputs = fixtureInputs({
      texts: {
        conclusions: 'Avance → 90 % ✓ según plan',
        recommendations: 'Ñandú «bien» – ok',
        challenges: '',
      },
    });
    const out = pdfText(await renderReportPdf(fixtureSnapshot(inputs)));
    expect(out).toContain('Avance ? 90 % ? según plan');
    expect(out).toContain('Ñandú «bien» – ok');
  });
});

describe('the management report as XLSX', () => {
  let sheets: ReturnType<typeof readXlsx>;
  beforeAll(async () => {
    sheets = readXlsx(await renderReportXlsx(fixtureSnapshot(), { publicUrl: PUBLIC_URL }));
  });

  it('has one sheet per section, in order', () => {
    expect(sheets.map((s) => s.name)).toEqual([
      'Resumen',
      'Presupuesto',
      'Metas',
      'Capacitaciones',
      'Campañas',
      'Estadísticas',
      'Conclusiones',
      'Firmas',
    ]);
    for (const sheet of sheets) {
      expect(textAt(sheet, 'A2')).toMatch(/^BORRADOR/);
    }
  });

  it('stores amounts as numbers in USD format, totals as sums with their value', () => {
    const ws = sheetNamed(sheets, SHEET_NAMES.budget);
    expect(textAt(ws, 'D6')).toBe('Capacitación especializada a funcionarios');
    expect(numberAt(ws, 'E6')).toEqual({
      value: 5500,
      format: NUMBER_FORMATS.money,
      formula: null,
    });
    expect(numberAt(ws, 'F6').value).toBe(4884);
    expect(numberAt(ws, 'G6')).toEqual({
      value: 0.888,
      format: NUMBER_FORMATS.percent,
      formula: null,
    });
    expect(numberAt(ws, 'E7').value).toBe(1234567.89);
    expect(numberAt(ws, 'F7').value).toBe(1000000.01);
    expect(numberAt(ws, 'G7').value).toBe(0.81);
    expect(numberAt(ws, 'G8').value).toBe(0.0063); // 0,625 % → 0,63 %
    expect(textAt(ws, 'A9')).toBe('Total');
    expect(numberAt(ws, 'E9')).toEqual({
      value: 1240227.89,
      format: NUMBER_FORMATS.money,
      formula: 'SUM(E6:E8)',
    });
    expect(numberAt(ws, 'F9')).toEqual({
      value: 1004885.01,
      format: NUMBER_FORMATS.money,
      formula: 'SUM(F6:F8)',
    });
    expect(numberAt(ws, 'G9').value).toBe(0.8102);
    // Each program's total below.
    expect(numberAt(ws, 'E12').value).toBe(1240067.89);
    expect(numberAt(ws, 'F12').value).toBe(1004884.01);
    expect(numberAt(ws, 'G12').value).toBe(0.8103);
    expect(numberAt(ws, 'E13').value).toBe(160);
  });

  it('stores targets with numeric values and progress as a fraction in percent format', () => {
    const ws = sheetNamed(sheets, SHEET_NAMES.targets);
    expect(numberAt(ws, 'A6').value).toBe(1);
    expect(textAt(ws, 'D6')).toBe('Capacitar a servidores de justicia, salud y educación');
    expect(numberAt(ws, 'G6')).toEqual({ value: 120, format: NUMBER_FORMATS.count, formula: null });
    expect(numberAt(ws, 'H6').value).toBe(40);
    expect(numberAt(ws, 'I6')).toEqual({
      value: 0.3333,
      format: NUMBER_FORMATS.percent,
      formula: null,
    });
    expect(numberAt(ws, 'I7').value).toBe(0.6667);
    expect(numberAt(ws, 'I8').value).toBe(1.25);
    expect(ws.cells.I9).toBeUndefined(); // nothing programmed: no percentage
    expect(textAt(ws, 'J6')).toBe('Dirección de Seguridad, Universidad Central');
    expect(textAt(ws, 'L6')).toBe('Objetivo 2 del Plan cantonal de seguridad: atención oportuna');
    expect(textAt(ws, 'M9')).toBe('Registro manual');
  });

  it('stores trainings and campaigns as numbers, with totals that add up', () => {
    const t = sheetNamed(sheets, SHEET_NAMES.trainings);
    expect(numberAt(t, 'B8')).toEqual({
      value: 42.5,
      format: NUMBER_FORMATS.quantity,
      formula: null,
    });
    expect(numberAt(t, 'B11').value).toBe(1); // certified
    expect(numberAt(t, 'B12')).toEqual({
      value: 0.6667,
      format: NUMBER_FORMATS.percent,
      formula: null,
    });
    expect(numberAt(t, 'B13').value).toBe(17.35);
    expect(textAt(t, 'A16')).toBe('Justicia');
    expect(numberAt(t, 'B19')).toEqual({
      value: 3,
      format: NUMBER_FORMATS.count,
      formula: 'SUM(B16:B18)',
    });
    expect(numberAt(t, 'C19')).toEqual({
      value: 2,
      format: NUMBER_FORMATS.count,
      formula: 'SUM(C16:C18)',
    });
    const c = sheetNamed(sheets, SHEET_NAMES.campaigns);
    expect(numberAt(c, 'B8').value).toBe(1250);
    expect(textAt(c, 'A11')).toBe('Mujer');
    expect(numberAt(c, 'B13')).toEqual({
      value: 1250,
      format: NUMBER_FORMATS.count,
      formula: 'SUM(B11:B12)',
    });
  });

  it('stores dates as dates and links as links', () => {
    const serial = (iso: string) =>
      (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;
    const signatures = sheetNamed(sheets, SHEET_NAMES.signatures);
    expect(textAt(signatures, 'B6')).toBe('Ana Quishpe');
    expect(textAt(signatures, 'C6')).toBe('Coordinador/a');
    expect(numberAt(signatures, 'D6')).toEqual({
      value: serial('2026-07-10'),
      format: NUMBER_FORMATS.date,
      formula: null,
    });
    expect(textAt(signatures, 'B7')).toBe('Pendiente');
    const releases = sheetNamed(sheets, SHEET_NAMES.releases);
    expect(textAt(releases, 'A6')).toBe('Víctimas por sexo y edad');
    expect(numberAt(releases, 'C6').value).toBe(serial('2026-04-20'));
    expect(textAt(releases, 'D6')).toBe(`${PUBLIC_URL}/observatorio/${RELEASE_ID}`);
  });

  it('never writes a figure as text', () => {
    const figureLike = /^-?[\d.,\s]+%?$|^USD /;
    for (const sheet of sheets) {
      for (const [ref, cell] of Object.entries(sheet.cells)) {
        if (cell.type === 's' && figureLike.test(cell.value)) {
          throw new Error(`${sheet.name}!${ref} holds a figure as text: ${cell.value}`);
        }
      }
    }
  });

  it('writes the texts whole, including characters a PDF font lacks', async () => {
    const inputs = fixtureInputs({
      texts: { conclusions: 'Avance → 90 %', recommendations: '=HYPERLINK("x")', challenges: '' },
    });
    const texts = sheetNamed(
      readXlsx(await renderReportXlsx(fixtureSnapshot(inputs))),
      SHEET_NAMES.texts,
    );
    expect(textAt(texts, 'B6')).toBe('Avance → 90 %');
    // A text that starts like a formula stays text.
    expect(texts.cells.B7).toMatchObject({ type: 's', value: '=HYPERLINK("x")', formula: null });
  });

  it('marks an approved report as approved', async () => {
    const approved = readXlsx(await renderReportXlsx(fixtureSnapshot(approvedInputs())));
    for (const sheet of approved) {
      expect(textAt(sheet, 'A2')).toBe(
        'Informe aprobado el 31 de julio de 2026: cifras congeladas a la fecha de aprobación',
      );
    }
    expect(textAt(sheetNamed(approved, SHEET_NAMES.signatures), 'B8')).toBe('María Tenesaca');
  });
});

describe('the report in both files agrees with its snapshot', () => {
  it('shows every percentage of the snapshot, in both files', async () => {
    const snapshot = fixtureSnapshot();
    const text = pdfText(await renderReportPdf(snapshot));
    const metas = sheetNamed(readXlsx(await renderReportXlsx(snapshot)), SHEET_NAMES.targets);
    let row = 6;
    for (const program of snapshot.programs) {
      for (const project of program.projects) {
        for (const target of project.targets) {
          const percent = target.progressPercent;
          if (percent !== null) {
            expect(text).toContain(`${percent.replace('.', ',')} %`);
            expect(numberAt(metas, `I${row}`).value).toBe(percentAsFraction(percent));
          }
          row += 1;
        }
      }
    }
  });

  it('converts percentages to fractions without binary error', () => {
    expect(percentAsFraction('88.80')).toBe(0.888);
    expect(percentAsFraction('0.63')).toBe(0.0063);
    expect(percentAsFraction('125.00')).toBe(1.25);
    expect(percentAsFraction('-5.5')).toBe(-0.055);
    expect(percentAsFraction('7')).toBe(0.07);
  });
});

describe("the report's labels", () => {
  it("say what the client's Spanish locale says for the same codes", () => {
    const es = JSON.parse(
      readFileSync(join(__dirname, '../../client/src/vocab/locales/es.json'), 'utf8'),
    ) as Record<string, Record<string, string>>;
    const check = (labels: Record<string, string>, ...groups: string[]) => {
      for (const [code, label] of Object.entries(labels)) {
        const client = groups.map((g) => es[g]?.[code]).find((l) => l !== undefined);
        if (client !== undefined) expect([code, label]).toEqual([code, client]);
      }
    };
    check(SECTOR_LABELS, 'trainingSector', 'sector');
    check(GROUP_LABELS, 'vulnerabilityGroup');
    check(TABLE_TITLES, 'statisticsTable');
    check(ROLE_LABELS, 'role');
    expect(Object.keys(TABLE_TITLES).sort()).toEqual(Object.keys(es.statisticsTable ?? {}).sort());
  });
});
