import fs from 'node:fs';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { accountSession, createAccount, type Account } from './support/audit';
import { expectAccessible, signInFirstTime } from './support/browser';
import { ecuadorDay } from './support/dates';
import { LeakWatch } from './support/leaks';
import {
  apiStaff,
  personContext,
  seedConsent,
  seedReferral,
  type ApiStaff,
} from './support/supervision';
import { adminSession, createTeam, institutionOf, unique } from './support/world';

/**
 * The auditor's journey: a case (canaries in its identifying fields) with a
 * consent and a referral to a hospital whose partner reads the package, and
 * a break-glass read by a caseworker of another team — all set up through
 * the API. The auditor finds both reads in the log with Spanish labels and
 * in the case's access report (with names and purposes), downloads the CSV
 * (no canary in it), reads the partner's own report and verifies the chain.
 */
test.describe.configure({ mode: 'serial' });

const FULL_NAME = `Canario ${unique()} Quishpe`;
const ALIAS = `Alias ${unique()} Tzuni`;
const JUSTIFICATION = 'La policía informa riesgo inminente y el equipo del caso no contesta.';

let context: BrowserContext;
let page: Page;
let leaks: LeakWatch;
let caseworker: ApiStaff;
let outsider: ApiStaff;
let partner: Account;
let hospitalName: string;
let caseNumber: string;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = await adminSession();
  const team = await createTeam(admin, `Equipo Auditoría ${unique()}`);
  const otherTeam = await createTeam(admin, `Equipo Guardia ${unique()}`);
  caseworker = await apiStaff(admin, 'caseworker', team.id);
  outsider = await apiStaff(admin, 'caseworker', otherTeam.id);
  const hospital = await institutionOf(admin, 'health');
  hospitalName = hospital.name;

  const created = await caseworker.api.request<{ case: { id: string; caseNumber: string } }>(
    'POST',
    '/api/v1/cases',
    {
      identifiedOn: ecuadorDay(),
      riskLevel: 'high',
      identity: { fullName: FULL_NAME, aliases: ALIAS },
      attributes: { sex: 'Female', traffickingStatus: 'Possible', ageAtIdentification: 31 },
    },
  );
  const caseId = created.case.id;
  caseNumber = created.case.caseNumber;
  await seedConsent(caseworker.api, caseId);
  const referral = await seedReferral(caseworker.api, caseId, hospital.id, 3 * 86_400_000);

  partner = await createAccount(admin, 'partner', `Dra. Auditada ${unique()}`, hospital.id);
  const partnerApi = await accountSession(partner);
  await partnerApi.request('GET', `/api/v1/referrals/${referral.id}/package`);

  // Signing in counts as a step-up (two minutes here): break-glass right away.
  await outsider.api.request('POST', `/api/v1/cases/${caseId}/break-glass`, {
    justification: JUSTIFICATION,
  });
  await outsider.api.request('GET', `/api/v1/cases/${caseId}`);

  const auditor = await createAccount(admin, 'auditor', `Auditora ${unique()}`);
  context = await personContext(browser);
  page = await context.newPage();
  leaks = new LeakWatch(page);
  await signInFirstTime(page, auditor);
});

test.afterAll(async () => {
  await context.close();
});

/** Runs `check` with the interface in English, then switches back to Spanish. */
async function inEnglish(check: () => Promise<void>): Promise<void> {
  const switcher = page.getByRole('group', { name: /Idioma|Language/ }).first();
  await switcher.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await check();
  await switcher.getByRole('button', { name: 'Español' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
}

test('the auditor finds the package read and the break-glass read in the log', async () => {
  await expect(page).toHaveURL(/\/audit$/);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Registro de auditoría' }),
  ).toBeVisible();
  await expect(page.getByRole('table')).toBeVisible();
  await expectAccessible(page, 'audit log');

  const search = page.getByRole('search', { name: 'Filtros del registro' });
  await search.getByRole('button', { name: /Acción$/ }).click();
  await page.getByRole('option', { name: 'Lectura del paquete de datos', exact: true }).click();
  await search.getByRole('button', { name: 'Buscar', exact: true }).click();
  const table = page.getByRole('table');
  const packageRow = table.getByRole('row', { name: /Lectura del paquete de datos/ });
  await expect(packageRow.first()).toContainText(partner.displayName);
  await expect(packageRow.first()).toContainText('Cesión a institución asociada');
  await expect(packageRow.first()).toContainText(hospitalName);

  // The outsider's reads, by person and purpose.
  await search.getByRole('button', { name: 'Quitar filtros', exact: true }).click();
  await search
    .getByRole('combobox', { name: 'Persona', exact: true })
    .fill(outsider.staff.displayName);
  await page.getByRole('option', { name: new RegExp(outsider.staff.displayName) }).click();
  await search.getByRole('button', { name: /Finalidad o motivo$/ }).click();
  await page.getByRole('option', { name: 'Acceso de emergencia', exact: true }).click();
  await search.getByRole('button', { name: 'Buscar', exact: true }).click();
  await expect(table.getByRole('row', { name: /Lectura del caso/ })).toHaveCount(1);
  await expect(table.getByRole('row', { name: /Acceso de emergencia concedido/ })).toHaveCount(1);
  await expect(table).toContainText(outsider.staff.displayName);
  await expectAccessible(page, 'audit log, filtered');

  // One event's detail, in a dialog: checked in Spanish, then in English.
  const breakGlass = table.getByRole('row', { name: /Acceso de emergencia concedido/ });
  await breakGlass.getByRole('button', { name: /^Detalle/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Detalle del evento' });
  await expect(dialog).toContainText('case.break_glass');
  await expect(dialog).toContainText(outsider.staff.displayName);
  await expectAccessible(page, 'audit event detail', false);
  await dialog.getByRole('button', { name: 'Cerrar', exact: true }).click();
  await expect(dialog).toBeHidden();
  await inEnglish(async () => {
    const row = table.getByRole('row', { name: /Break-glass access granted/ });
    await row.getByRole('button', { name: /^Detail/ }).click();
    const english = page.getByRole('dialog', { name: 'Event detail' });
    await expect(english).toContainText('case.break_glass');
    await expectAccessible(page, 'audit event detail [en]', false);
    await english.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(english).toBeHidden();
  });
});

test('the auditor verifies the chain: intact', async () => {
  const panel = page.getByRole('region', { name: 'Integridad del registro' });
  await panel.getByRole('button', { name: 'Verificar la cadena', exact: true }).click();
  await expect(panel).toContainText('La cadena está íntegra');
  await expect(panel).toContainText('Eventos comprobados');
  await expectAccessible(page, 'chain verified');
});

test("the case's access report holds both reads, with names and purposes, and exports CSV", async () => {
  await page.getByRole('link', { name: 'Informes de acceso', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Informes de acceso' })).toBeVisible();
  const number = page.getByRole('textbox', { name: 'Número de caso', exact: true });
  const show = page.getByRole('button', { name: 'Ver informe', exact: true });
  await number.fill('TRT-26');
  await show.click();
  await expect(number).toHaveAccessibleDescription(/Escriba un número de caso/);
  await number.fill('TRT-1999-000001');
  await show.click();
  await expect(page.getByRole('status')).toContainText(
    'No hay ningún caso con ese número o identificador.',
  );
  await expectAccessible(page, 'case access report, no such case');
  await number.fill(caseNumber);
  await show.click();
  await expect(
    page.getByRole('heading', { name: `Accesos al caso ${caseNumber}`, exact: true }),
  ).toBeVisible();
  const table = page.getByRole('table');
  const packageRow = table.getByRole('row', { name: /Lectura del paquete de datos/ });
  await expect(packageRow).toContainText(partner.displayName);
  await expect(packageRow).toContainText('Cesión a institución asociada');
  const breakGlassRead = table
    .getByRole('row', { name: /Lectura del caso/ })
    .filter({ hasText: outsider.staff.displayName });
  await expect(breakGlassRead).toContainText('Acceso de emergencia');
  await expect(table.getByRole('row', { name: /Acceso de emergencia concedido/ })).toContainText(
    outsider.staff.displayName,
  );
  await expect(page.getByRole('main')).not.toContainText(FULL_NAME);
  await expectAccessible(page, 'case access report');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Descargar CSV', exact: true }).click();
  const download = await downloading;
  // The file says how much it holds (a truncated one would say to narrow by dates).
  await expect(page.getByText(/^Archivo descargado: \d+ eventos\.$/)).toBeVisible();
  await expect(page.getByRole('main')).toContainText('son los actuales de cada cuenta');
  expect(download.suggestedFilename()).toMatch(/^amparo-access-report-case-[\d-]+\.csv$/);
  expect(download.url()).toMatch(/^blob:/);
  const csv = fs.readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toBe(
    '"occurred_at","seq","actor_name","actor_role","institution_name","action","purpose",' +
      '"outcome","resource_type","resource_id","event_id","actor_id","catalogued"',
  );
  const packageLine = lines.find((line) => line.includes('"referral.package.read"'));
  expect(packageLine).toContain(`"${partner.displayName}","partner","${hospitalName}"`);
  expect(packageLine).toContain('"disclosure"');
  expect(
    lines.some((l) => l.includes('"case.read"') && l.includes(outsider.staff.displayName)),
  ).toBe(true);
  expect(lines.some((l) => l.includes('"case.break_glass"'))).toBe(true);
  for (const canary of [FULL_NAME, ALIAS, JUSTIFICATION]) expect(csv).not.toContain(canary);
});

test("the partner's own report shows what they opened", async () => {
  await page.getByRole('tab', { name: 'Por persona', exact: true }).click();
  await page.getByRole('combobox', { name: 'Persona', exact: true }).fill(partner.displayName);
  await page.getByRole('option', { name: new RegExp(partner.displayName) }).click();
  await page.getByRole('button', { name: 'Ver informe', exact: true }).click();
  await expect(
    page.getByRole('heading', { name: new RegExp(`Accesos de ${partner.displayName}`) }),
  ).toBeVisible();
  const table = page.getByRole('table');
  await expect(table.getByRole('row', { name: /Lectura del paquete de datos/ })).toHaveCount(1);
  await expectAccessible(page, 'user access report');
  await leaks.expectNoLeaks([FULL_NAME, ALIAS]);
});
