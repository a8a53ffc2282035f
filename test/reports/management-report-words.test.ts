import {
  GROUP_LABELS,
  PENDING_LABEL,
  ROLE_LABELS,
  SECTOR_LABELS,
  TRAINING_LABELS,
} from '../../server/modules/management-reports/report-labels';
import { renderReportPdf } from '../../server/modules/management-reports/report-pdf';
import { renderReportXlsx, SHEET_NAMES } from '../../server/modules/management-reports/report-xlsx';
import type { ManagementReportSnapshot } from '../../server/modules/management-reports/report-snapshot';
import { fixtureInputs, fixtureSnapshot } from '../helpers/management-report-fixture';
import { pdfText, readXlsx, sheetNamed, textAt } from '../helpers/report-files';

/*
 * An approved report reads as it was approved, whatever later code says:
 * the snapshot carries the words its files print for codes and figures
 * (sector, reach group, role and source labels, the figures' definitions,
 * the release links as printed), and the files are rendered from those. A
 * stored snapshot cannot be altered (it is frozen), so the test renders a
 * snapshot whose words differ from today's vocabularies, as a snapshot
 * approved under older code would.
 */

const approved = () =>
  fixtureSnapshot(
    fixtureInputs({
      status: 'approved',
      reviewedBy: { name: 'Luis Andrango', role: 'coordinator', on: '2026-07-20' },
      approvedBy: { name: 'María Tenesaca', role: 'coordinator', on: '2026-07-31' },
    }),
  );

/** The snapshot with the words of an older vocabulary. */
function withOlderWords(snapshot: ManagementReportSnapshot): ManagementReportSnapshot {
  const copy = structuredClone(snapshot);
  const justice = copy.trainings.bySector.find((s) => s.sector === 'justice');
  const woman = copy.campaigns.byGroup.find((g) => g.group === 'woman');
  const first = copy.programs[0]?.projects[0]?.targets[0];
  const release = copy.releases[0];
  if (!justice || !woman || !first || !release || !copy.labels || !copy.approvedBy) {
    throw new Error('fixture lacks what the test changes');
  }
  justice.label = 'Función judicial (2026)';
  woman.label = 'Mujeres (2026)';
  first.sourceLabel = 'Sistema Amparo (2026)';
  release.url = 'https://antes.example.ec/observatorio/enlace-2026';
  copy.approvedBy.roleLabel = 'Coordinadora general (2026)';
  copy.labels.trainings.hours = 'Horas de formación dictadas (2026)';
  return copy;
}

describe("a snapshot's words", () => {
  it('are stored with its figures: the vocabularies of the day it was computed', () => {
    const snapshot = approved();
    expect(snapshot.format).toBe(2);
    expect(snapshot.trainings.bySector).toContainEqual(
      expect.objectContaining({ sector: 'justice', label: SECTOR_LABELS.justice }),
    );
    expect(snapshot.campaigns.byGroup).toContainEqual(
      expect.objectContaining({ group: 'woman', label: GROUP_LABELS.woman }),
    );
    expect(snapshot.approvedBy).toMatchObject({ roleLabel: ROLE_LABELS.coordinator });
    expect(snapshot.programs[0]?.projects[0]?.targets[0]?.sourceLabel).toBe('Registros de Amparo');
    expect(snapshot.labels).toEqual({
      pending: PENDING_LABEL,
      trainings: TRAINING_LABELS,
      campaigns: expect.objectContaining({ reached: 'Personas alcanzadas' }),
    });
  });

  it('are what the PDF prints, not the code’s', async () => {
    const text = pdfText(await renderReportPdf(withOlderWords(approved())));
    expect(text).toContain('Función judicial (2026) 1 1 100,00 %');
    expect(text).not.toContain('Justicia 1 1');
    expect(text).toContain('Mujeres (2026) 700');
    expect(text).toContain('Fuente: Sistema Amparo (2026)');
    expect(text.replace(/\s/g, '')).toContain('https://antes.example.ec/observatorio/enlace-2026');
    expect(text).toContain('Aprobado por María Tenesaca Coordinadora general (2026)');
    expect(text).toContain('Horas de formación dictadas (2026) 42,50');
    expect(text).not.toContain(TRAINING_LABELS.hours);
  });

  it('are what the XLSX holds, not the code’s', async () => {
    const sheets = readXlsx(
      await renderReportXlsx(withOlderWords(approved()), { publicUrl: 'https://hoy.example.ec' }),
    );
    expect(textAt(sheetNamed(sheets, SHEET_NAMES.trainings), 'A8')).toBe(
      'Horas de formación dictadas (2026)',
    );
    expect(textAt(sheetNamed(sheets, SHEET_NAMES.trainings), 'A16')).toBe(
      'Función judicial (2026)',
    );
    expect(textAt(sheetNamed(sheets, SHEET_NAMES.campaigns), 'A11')).toBe('Mujeres (2026)');
    expect(textAt(sheetNamed(sheets, SHEET_NAMES.targets), 'M6')).toBe('Sistema Amparo (2026)');
    // The link as it was approved, not today's public address.
    expect(textAt(sheetNamed(sheets, SHEET_NAMES.releases), 'D6')).toBe(
      'https://antes.example.ec/observatorio/enlace-2026',
    );
    expect(textAt(sheetNamed(sheets, SHEET_NAMES.signatures), 'C8')).toBe(
      'Coordinadora general (2026)',
    );
  });

  it('fall back to the code’s in a format-1 snapshot (approved before they were stored)', async () => {
    const old: ManagementReportSnapshot = structuredClone(approved());
    old.format = 1;
    delete old.labels;
    for (const s of old.trainings.bySector) delete s.label;
    for (const g of old.campaigns.byGroup) delete g.label;
    if (old.approvedBy) delete old.approvedBy.roleLabel;
    const text = pdfText(await renderReportPdf(old));
    expect(text).toContain('Justicia 1 1 100,00 %');
    expect(text).toContain('Mujer 700');
    expect(text).toContain(`${TRAINING_LABELS.hours} 42,50`);
    expect(text).toContain('Aprobado por María Tenesaca Coordinador/a');
  });
});
