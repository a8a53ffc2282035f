import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { ApiSession } from './support/api-session';
import { expectAccessible, signIn, signInFirstTime } from './support/browser';
import { dateSegment } from './support/cases';
import { daysFromNow, typedDate as typed } from './support/dates';
import { E2E_BASE_URL } from './support/env';
import { LeakWatch } from './support/leaks';
import { createPartnerInstitution, createPartnerUser } from './support/partners';
import { readState } from './support/state';
import { seedConsentedCases } from './support/statistics';
import { personContext } from './support/supervision';
import {
  adminSession,
  createStaff,
  createTeam,
  STRONG_PASSWORD,
  unique,
  type Staff,
} from './support/world';

/**
 * The coordinator's campaign journey. Consented cases are recorded and
 * releases published through the API (as the coordinator: computed, then
 * published). In the browser the coordinator creates a running campaign
 * citing one of them (required-field errors first), adds two activities (a
 * canary typed in a description; a phone number refused on its field), sees
 * reach against the plan, meets a conflict when someone else saved first,
 * and reads two ended campaigns' before/after trends: one whose figures can
 * be compared (the reading the API computed, in words), one whose totals
 * leave hidden cells out (not comparable, no number derived). A caseworker
 * reads the same campaign without any edit action; a partner has no
 * campaigns at all. Every screen and dialog: axe, in Spanish and English.
 * The canary never reaches an address, a title, storage or the server's log.
 */
test.describe.configure({ mode: 'serial' });

/** Letters only: a campaign's texts refuse runs of seven digits (they look like a phone). */
const word = () => unique().replace(/\d/g, (d) => 'ghijklmnop'.charAt(Number(d)));
const CANARY = `Canario${word()}`;
const NAME = `Rutas seguras ${word()}`;
const ENDED_NAME = `Frontera informada ${word()}`;
const HIDDEN_NAME = `Ferias seguras ${word()}`;
// Years of identification that have ended and that no other journey publishes (the budget
// is per year; statistics.spec.ts has the last year, observatory.spec.ts the one before).
const BEFORE_YEAR = new Date().getFullYear() - 4;
const AFTER_YEAR = new Date().getFullYear() - 3;
// Tables no other journey publishes nor asserts the absence of (the observatory: provinces).
const GROUP_TABLE = 'victims_by_vulnerability_group';
const TOTAL_TABLE = 'victims_by_nationality_exploitation';
const SCREENSHOTS = process.env.E2E_SCREENSHOTS;

/** The part of GET /api/v1/campaigns/{id}/results these journeys read. */
interface Figure {
  value: number | null;
  errorBound95: number | null;
  cellsSuppressed: number;
}
interface Results {
  trends:
    | {
        tableId: string;
        comparisons: {
          key: string | null;
          latestBefore: Figure | null;
          earliestAfter: Figure | null;
          changeWithinBounds: boolean | null;
        }[];
      }[]
    | null;
}

interface Account {
  email: string;
  displayName: string;
  initialPassword: string;
}

let context: BrowserContext;
let page: Page;
let leaks: LeakWatch;
let coordinator: Account;
let coordinatorApi: ApiSession;
let caseworker: Staff;
let justifyingTitle: string;
let campaignId: string;
let endedId: string;
let hiddenId: string;

async function publishRelease(
  api: ApiSession,
  tableId: string,
  period: { year: number; quarter?: number },
  epsilon: number,
): Promise<string> {
  const release = await api.request<{ id: string }>('POST', '/api/v1/statistics/releases', {
    tableId,
    ...period,
    epsilon,
  });
  await api.request('POST', `/api/v1/statistics/releases/${release.id}/publish`, {});
  return release.id;
}

/** With E2E_SCREENSHOTS set, the page as it looks (a dialog: the window it is in). */
async function screenshot(name: string, fullPage = true): Promise<void> {
  if (!SCREENSHOTS) return;
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });
}

/** Switches the interface to English for `check`, then back to Spanish. */
async function inEnglish(check: () => Promise<void>): Promise<void> {
  const switcher = page.getByRole('group', { name: /Idioma|Language/ }).first();
  await switcher.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await check();
  await switcher.getByRole('button', { name: 'Español' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
}

async function check(box: Locator, names: string[]): Promise<void> {
  for (const name of names) {
    await box.getByText(name, { exact: true }).click();
    await expect(box.getByRole('checkbox', { name, exact: true })).toBeChecked();
  }
}

async function choose(scope: Page | Locator, field: RegExp, option: string): Promise<void> {
  await scope.getByRole('button', { name: field }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = await adminSession();
  const team = await createTeam(admin, `Equipo Campañas ${unique()}`);
  caseworker = await createStaff(admin, 'caseworker', team.id);
  const email = `coordinator.${unique()}@e2e.example`;
  const displayName = `Coordinadora ${unique()}`;
  const created = await admin.request<{ initialPassword: string }>('POST', '/api/v1/users', {
    email,
    displayName,
    institutionId: readState().leadAgencyId,
    role: 'coordinator',
  });
  coordinator = { email, displayName, initialPassword: created.initialPassword };
  coordinatorApi = new ApiSession(E2E_BASE_URL);
  await coordinatorApi.signIn(email, created.initialPassword, STRONG_PASSWORD);

  // Sixty migrant women who agreed to statistics, identified in the last quarter of one
  // year and sixty in the second quarter of the next: the two ended campaigns run in the
  // first quarter between. Their group's cell (a person may be in six groups: wide noise
  // at ε = 1) stays far above 11 — hidden only by a chance of about 1 in 10⁴. The table
  // by nationality and exploitation puts them all in one cell: its other cells are hidden,
  // and its total, which leaves them out, cannot be compared.
  await seedConsentedCases(admin, `${BEFORE_YEAR}-11-15`, 60, { vulnerabilityGroups: ['migrant'] });
  await seedConsentedCases(admin, `${AFTER_YEAR}-05-15`, 60, { vulnerabilityGroups: ['migrant'] });
  await publishRelease(coordinatorApi, GROUP_TABLE, { year: BEFORE_YEAR }, 0.25);
  justifyingTitle = `Víctimas por grupo de atención prioritaria · año ${BEFORE_YEAR}`;
  const before = { year: BEFORE_YEAR, quarter: 4 };
  const after = { year: AFTER_YEAR, quarter: 2 };
  const groupsBefore = await publishRelease(coordinatorApi, GROUP_TABLE, before, 1);
  await publishRelease(coordinatorApi, GROUP_TABLE, after, 1);
  const totalBefore = await publishRelease(coordinatorApi, TOTAL_TABLE, before, 0.5);
  await publishRelease(coordinatorApi, TOTAL_TABLE, after, 0.5);
  const endedCampaign = (name: string, releaseId: string, budgetUsd: number) =>
    coordinatorApi.request<{ id: string }>('POST', '/api/v1/campaigns', {
      name,
      objective: 'Informar en los pasos de frontera sobre ofertas de trabajo engañosas.',
      targetTerritories: ['Carchi', 'Sucumbíos'],
      targetGroups: ['migrant'],
      channels: ['transport_terminals'],
      startsOn: `${AFTER_YEAR}-01-01`,
      endsOn: `${AFTER_YEAR}-03-31`,
      budgetUsd,
      plannedReach: { total: 4000, byTerritoryGroup: [] },
      releaseIds: [releaseId],
    });
  endedId = (await endedCampaign(ENDED_NAME, groupsBefore, 12000.5)).id;
  hiddenId = (await endedCampaign(HIDDEN_NAME, totalBefore, 8000)).id;

  context = await personContext(browser);
  page = await context.newPage();
  leaks = new LeakWatch(page);
  await page.goto('/campaigns');
  await expect(page).toHaveURL(/\/sign-in/);
  if (!coordinatorApi.authenticator) throw new Error('the coordinator has no authenticator');
  await signIn(page, coordinator, coordinatorApi.authenticator);
});

test.afterAll(async () => {
  await context.close();
});

test('the coordinator finds the campaigns in the menu and filters them', async () => {
  await page
    .getByRole('navigation', { name: 'Navegación principal' })
    .getByRole('link', { name: 'Campañas' })
    .click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Campañas de prevención' }),
  ).toBeVisible();
  const table = page.getByRole('table');
  await expect(table.getByRole('row', { name: new RegExp(ENDED_NAME) })).toContainText(
    'USD 12.000,50',
  );
  await expectAccessible(page, 'campaign list');

  const filters = page.getByRole('search', { name: 'Filtrar campañas' });
  await choose(filters, /Estado$/, 'Terminada');
  await expect(page).toHaveURL(/status=ended/);
  await expect(table.getByRole('row', { name: new RegExp(ENDED_NAME) })).toBeVisible();
  await choose(filters, /Provincia$/, 'Pichincha');
  await expect(page).toHaveURL(/territory=Pichincha/);
  await expect(page.getByRole('status')).toHaveText('Ninguna campaña coincide con estos filtros.');
  await expectAccessible(page, 'campaign list, filtered', false);
  await page.goto('/campaigns');
});

test('a new campaign: required fields first, then saved with a published release', async () => {
  await page.getByRole('link', { name: 'Nueva campaña' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nueva campaña' })).toBeVisible();
  await expectAccessible(page, 'campaign editor');

  await page.getByRole('button', { name: 'Crear campaña' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Hay un problema que corregir' });
  await expect(summary).toBeVisible();
  await expect(summary.getByRole('link', { name: 'Nombre: Complete este campo.' })).toBeVisible();
  await expect(
    summary.getByRole('link', { name: 'Fecha de inicio: Complete este campo.' }),
  ).toBeVisible();
  await expect(summary.getByRole('link', { name: 'Elija al menos una opción.' })).toHaveCount(3);
  await expect(page.getByRole('textbox', { name: 'Nombre', exact: true })).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  await expectAccessible(page, 'campaign editor with errors');

  await page.getByRole('textbox', { name: 'Nombre', exact: true }).fill(NAME);
  await page
    .getByRole('textbox', { name: 'Objetivo', exact: true })
    .fill('Prevenir la captación con ofertas falsas de empleo en colegios y radios comunitarias.');
  await check(page.getByRole('group', { name: 'Provincias de la campaña' }), [
    'Pichincha',
    'Guayas',
  ]);
  await check(page.getByRole('group', { name: 'Grupos a los que se dirige' }), [
    'Mujer',
    'Persona migrante',
  ]);
  await check(page.getByRole('group', { name: 'Canales', exact: true }), [
    'Radio',
    'Escuelas y colegios',
  ]);
  await dateSegment(page, 'Fecha de inicio').click();
  await page.keyboard.type(typed(daysFromNow(-10)));
  await dateSegment(page, 'Fecha de fin').click();
  await page.keyboard.type(typed(daysFromNow(60)));
  const budget = page.getByRole('textbox', { name: 'Presupuesto (USD)' });
  await budget.fill('5500');
  await expect(page.getByText('Se guardará como USD 5.500,00.')).toBeVisible();
  await page.getByRole('textbox', { name: 'Alcance previsto (personas)' }).fill('1000');
  await page.getByRole('textbox', { name: 'Pichincha Mujer' }).fill('300');
  await page.getByRole('textbox', { name: 'Guayas Persona migrante' }).fill('150');
  await choose(page, /Añadir una publicación$/, justifyingTitle);
  await expect(page.getByRole('list', { name: '1 publicación elegida' })).toContainText(
    justifyingTitle,
  );
  await screenshot('campaign-editor');
  await expectAccessible(page, 'campaign editor, filled');

  await page.getByRole('button', { name: 'Crear campaña' }).click();
  await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}$/);
  campaignId = page.url().split('/').pop() ?? '';
  await expect(page.getByRole('heading', { level: 1, name: NAME })).toBeVisible();
  const facts = page.getByRole('region', { name: 'La campaña', exact: true });
  await expect(facts).toContainText('USD 5.500,00');
  await expect(facts).toContainText('En curso');
  const releases = page.getByRole('region', {
    name: 'Estadísticas que la justifican',
    exact: true,
  });
  await expect(releases.getByRole('heading', { name: justifyingTitle })).toBeVisible();
  await expect(releases.getByRole('table')).toContainText('Persona migrante');
  await expect(releases.getByRole('table')).toContainText('±');
  await leaks.recordTitle();
});

test('two activities, in a dialog that asks for counts only; reach against the plan', async () => {
  const activities = page.getByRole('region', { name: 'Actividades', exact: true });
  await activities.getByRole('button', { name: 'Añadir actividad' }).click();
  let dialog = page.getByRole('dialog', { name: 'Nueva actividad' });
  await expect(dialog).toContainText('Una campaña nunca guarda datos personales del público');
  await expectAccessible(page, 'activity dialog', false);
  await dialog.getByRole('button', { name: 'Añadir actividad' }).click();
  await expect(dialog.getByRole('alert').filter({ hasText: 'Hay un problema' })).toBeVisible();
  await expect(
    dialog.getByRole('alert').getByRole('link', { name: 'Complete este campo.' }),
  ).toHaveCount(3);
  await screenshot('activity-dialog-errors', false);
  await expectAccessible(page, 'activity dialog with errors', false);
  await dialog.getByRole('button', { name: 'Cancelar' }).click();
  await expect(dialog).toBeHidden();
  await inEnglish(async () => {
    await page.getByRole('button', { name: 'Add activity' }).click();
    const english = page.getByRole('dialog', { name: 'New activity' });
    await expect(english).toContainText('never holds personal data of the public');
    await expectAccessible(page, 'activity dialog [en]', false);
    await english.getByRole('button', { name: 'Cancel' }).click();
    await expect(english).toBeHidden();
  });

  /** A description with a phone number: the server refuses it, on the field (no activity saved). */
  const refusePersonal = async (words: {
    region: string;
    add: string;
    dialog: string;
    date: string;
    territory: RegExp;
    channel: RegExp;
    description: string;
    group: string;
    cancel: string;
    error: string;
  }) => {
    await page
      .getByRole('region', { name: words.region, exact: true })
      .getByRole('button', { name: words.add })
      .click();
    const personal = page.getByRole('dialog', { name: words.dialog });
    await personal
      .getByRole('group', { name: words.date, exact: true })
      .getByRole('spinbutton')
      .first()
      .click();
    await page.keyboard.type(typed(new Date()));
    await choose(personal, words.territory, 'Pichincha');
    await choose(personal, words.channel, 'Radio');
    await personal.getByRole('textbox', { name: words.group, exact: true }).fill('10');
    const field = personal.getByRole('textbox', { name: words.description });
    await field.fill('Charla radial; informes al 099 123 4567');
    await personal.getByRole('button', { name: words.add }).click();
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await screenshot(`activity-dialog-looks-personal-${words.region}`, false);
    await expect(field).toHaveAccessibleDescription(
      new RegExp(words.error.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
    );
    await expectAccessible(page, `activity dialog, personal data refused [${words.add}]`, false);
    await personal.getByRole('button', { name: words.cancel }).click();
    await expect(personal).toBeHidden();
  };
  await refusePersonal({
    region: 'Actividades',
    add: 'Añadir actividad',
    dialog: 'Nueva actividad',
    date: 'Fecha',
    territory: /Provincia$/,
    channel: /Canal$/,
    description: 'Descripción',
    group: 'Mujer',
    cancel: 'Cancelar',
    error:
      'Parece contener datos personales (un correo o un número de teléfono o de cédula). Las campañas no guardan datos de personas.',
  });
  await inEnglish(() =>
    refusePersonal({
      region: 'Activities',
      add: 'Add activity',
      dialog: 'New activity',
      date: 'Date',
      territory: /Province$/,
      channel: /Channel$/,
      description: 'Description',
      group: 'Woman',
      cancel: 'Cancel',
      error:
        'This seems to contain personal data (an e-mail address or a phone or identity card number). Campaigns hold no data about people.',
    }),
  );
  await expect(activities.getByRole('table')).toHaveCount(0);

  const add = async (
    territory: string,
    channel: string,
    description: string,
    counts: Record<string, string>,
  ) => {
    await activities.getByRole('button', { name: 'Añadir actividad' }).click();
    dialog = page.getByRole('dialog', { name: 'Nueva actividad' });
    await dialog
      .getByRole('group', { name: 'Fecha', exact: true })
      .getByRole('spinbutton')
      .first()
      .click();
    await page.keyboard.type(typed(new Date()));
    await choose(dialog, /Provincia$/, territory);
    await choose(dialog, /Canal$/, channel);
    await dialog.getByRole('textbox', { name: 'Descripción' }).fill(description);
    for (const [group, count] of Object.entries(counts)) {
      await dialog.getByRole('textbox', { name: group, exact: true }).fill(count);
    }
    await dialog.getByRole('button', { name: 'Añadir actividad' }).click();
    await expect(dialog).toBeHidden();
    await expect(activities.getByRole('status')).toHaveText('Se añadió la actividad.');
  };
  await add('Pichincha', 'Radio', `Charla radial ${CANARY} sobre ofertas de empleo falsas`, {
    Mujer: '120',
    'Público general': '80',
  });
  await add('Guayas', 'Escuelas y colegios', 'Taller en dos colegios del sur', {
    'Persona migrante': '45',
  });
  const table = activities.getByRole('table');
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table).toContainText(CANARY);

  const results = page.getByRole('region', { name: 'Resultados', exact: true });
  const byTerritory = results.getByRole('table', {
    name: 'Alcance por provincia frente a lo previsto',
  });
  // Like with like: Pichincha's plan names women only, so the general public reached there
  // is outside the plan (beside it, not in its percentage); the total counts everyone.
  await expect(byTerritory.getByRole('columnheader', { name: 'Fuera del plan' })).toBeVisible();
  await expect(byTerritory.getByRole('row', { name: /Pichincha/ }).getByRole('cell')).toHaveText([
    '300',
    '120',
    '80',
    '40,0 %',
  ]);
  await expect(byTerritory.getByRole('row', { name: /Guayas/ }).getByRole('cell')).toHaveText([
    '150',
    '45',
    '0',
    '30,0 %',
  ]);
  await expect(results).toContainText('no cuentan en «Alcanzado» ni en el porcentaje');
  await expect(results).toContainText('24,5 %');
  await expect(results).toContainText('La comparación con las estadísticas publicadas');
  await screenshot('campaign-page');
  await expectAccessible(page, 'campaign page');

  // The second activity's count, changed in its dialog.
  await table.getByRole('button', { name: /^Editar la actividad: .*Guayas/ }).click();
  dialog = page.getByRole('dialog', { name: 'Editar actividad' });
  await expect(dialog.getByRole('textbox', { name: 'Persona migrante' })).toHaveValue('45');
  await dialog.getByRole('textbox', { name: 'Persona migrante' }).fill('60');
  await dialog.getByRole('button', { name: 'Guardar actividad' }).click();
  await expect(dialog).toBeHidden();
  await expect(byTerritory.getByRole('row', { name: /Guayas/ })).toContainText('40,0 %');
});

test('an edit from a stale version shows the conflict and loads the current one', async () => {
  await page.getByRole('link', { name: 'Editar campaña' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Editar campaña' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Presupuesto (USD)' })).toHaveValue('5500,00');
  await expect(page.getByRole('list', { name: '1 publicación elegida' })).toContainText(
    justifyingTitle,
  );

  // Someone else saves first.
  const current = await coordinatorApi.request<{ version: number }>(
    'GET',
    `/api/v1/campaigns/${campaignId}`,
  );
  const otherObjective = 'Objetivo revisado por otra coordinadora.';
  await coordinatorApi.request('PATCH', `/api/v1/campaigns/${campaignId}`, {
    version: current.version,
    objective: otherObjective,
  });

  await page.getByRole('textbox', { name: 'Presupuesto (USD)' }).fill('6.250,75');
  await page.getByRole('button', { name: 'Guardar cambios' }).click();
  const conflict = page
    .getByRole('alert')
    .filter({ hasText: 'Otra persona cambió esta campaña mientras usted la editaba.' });
  await expect(conflict).toBeVisible();
  await expect(page.getByRole('button', { name: 'Guardar cambios' })).toBeDisabled();
  await screenshot('campaign-editor-conflict');
  await expectAccessible(page, 'campaign editor, conflict');
  await conflict.getByRole('button', { name: 'Cargar la versión actual' }).click();
  await expect(page.getByRole('textbox', { name: 'Objetivo', exact: true })).toHaveValue(
    otherObjective,
  );
  await expect(page.getByRole('textbox', { name: 'Presupuesto (USD)' })).toHaveValue('5500,00');

  await page.getByRole('textbox', { name: 'Presupuesto (USD)' }).fill('6.250,75');
  await page.getByRole('button', { name: 'Guardar cambios' }).click();
  await expect(page.getByRole('heading', { level: 1, name: NAME })).toBeVisible();
  await expect(page.getByRole('region', { name: 'La campaña', exact: true })).toContainText(
    'USD 6.250,75',
  );
});

/** Opens a campaign's page and returns the results its own request read. */
async function openWithResults(id: string): Promise<Results> {
  const response = page.waitForResponse(
    (r) =>
      new URL(r.url()).pathname === `/api/v1/campaigns/${id}/results` &&
      r.request().method() === 'GET',
  );
  await page.goto(`/campaigns/${id}`);
  const read = await response;
  expect(read.status()).toBe(200);
  return (await read.json()) as Results;
}

test('an ended campaign compares the figures before and after, as their bounds allow', async () => {
  const read = await openWithResults(endedId);
  await expect(page.getByRole('heading', { level: 1, name: ENDED_NAME })).toBeVisible();
  // The migrant group's cell, shown on both sides: the API compared it (true or false).
  const comparison = read.trends?.[0]?.comparisons[0];
  expect(read.trends?.[0]?.tableId).toBe(GROUP_TABLE);
  expect(comparison?.key).toBe('migrant');
  expect(comparison?.latestBefore?.cellsSuppressed).toBe(0);
  expect(comparison?.earliestAfter?.cellsSuppressed).toBe(0);
  const within = comparison?.changeWithinBounds;
  expect(typeof within).toBe('boolean');
  const words = within
    ? {
        notice: 'Un cambio dentro de los márgenes de error no es un cambio',
        reading: 'Dentro de los márgenes de error: no es un cambio',
        other: 'El cambio supera los márgenes de error',
        english: 'A change within the error bounds is not a change',
      }
    : {
        notice: 'El cambio supera los márgenes de error',
        reading: 'Supera los márgenes de error (no prueba que la campaña lo causara)',
        other: 'Un cambio dentro de los márgenes de error no es un cambio',
        english: 'The change exceeds the error bounds',
      };

  const results = page.getByRole('region', { name: 'Resultados', exact: true });
  await expect(
    results.getByRole('heading', { name: 'Antes y después de la campaña' }),
  ).toBeVisible();
  const trend = results.getByRole('article', {
    name: 'Víctimas por grupo de atención prioritaria (por trimestre)',
  });
  await expect(trend.getByText(words.notice, { exact: true })).toBeVisible();
  await expect(trend.getByText(words.other, { exact: true })).toHaveCount(0);
  const table = trend.getByRole('table', {
    name: 'Última publicación antes y primera después de la campaña',
  });
  const row = table.getByRole('row', { name: /Persona migrante/ });
  await expect(row.getByRole('cell').nth(0)).toHaveText(
    new RegExp(`^\\d+ ± \\d+ 4\\.º trimestre de ${BEFORE_YEAR}$`),
  );
  await expect(row.getByRole('cell').nth(1)).toHaveText(
    new RegExp(`^\\d+ ± \\d+ 2\\.º trimestre de ${AFTER_YEAR}$`),
  );
  await expect(row.getByRole('cell').nth(2)).toHaveText(words.reading);
  await screenshot('campaign-ended');
  await expectAccessible(page, 'ended campaign page');
  await inEnglish(async () => {
    await expect(page.getByText(words.english, { exact: true })).toBeVisible();
    await screenshot('campaign-ended-en');
    await expectAccessible(page, 'ended campaign page [en]');
  });
});

test('an ended campaign whose totals leave hidden cells out is not compared', async () => {
  const read = await openWithResults(hiddenId);
  await expect(page.getByRole('heading', { level: 1, name: HIDDEN_NAME })).toBeVisible();
  // A table without provinces or groups: its grand total, which leaves hidden cells out.
  const comparison = read.trends?.[0]?.comparisons[0];
  expect(read.trends?.[0]?.tableId).toBe(TOTAL_TABLE);
  expect(comparison?.key).toBeNull();
  expect(comparison?.changeWithinBounds).toBeNull();
  const hidden = comparison?.latestBefore?.cellsSuppressed ?? 0;
  expect(hidden).toBeGreaterThan(0);
  expect(comparison?.latestBefore?.value).not.toBeNull();

  const trend = page.getByRole('region', { name: 'Resultados', exact: true }).getByRole('article', {
    name: 'Víctimas por nacionalidad y forma de explotación (por trimestre)',
  });
  await expect(
    trend.getByText(
      'No se pueden comparar los dos periodos: algunas cifras están ocultas (por debajo de 11)',
      { exact: true },
    ),
  ).toBeVisible();
  await expect(
    trend.getByText('Un cambio dentro de los márgenes de error no es un cambio'),
  ).toHaveCount(0);
  const row = trend
    .getByRole('table', { name: 'Última publicación antes y primera después de la campaña' })
    .getByRole('row', { name: /Total de la tabla/ });
  // The sum of the cells shown, with its bound and the hidden cells it leaves out.
  await expect(row.getByRole('cell').nth(0)).toContainText(
    `${comparison?.latestBefore?.value} ± ${comparison?.latestBefore?.errorBound95}` +
      ` (sin contar ${hidden} ${hidden === 1 ? 'celda' : 'celdas'} <11)`,
  );
  await expect(row.getByRole('cell').nth(2)).toHaveText(
    'No se pueden comparar: hay cifras ocultas (por debajo de 11)',
  );
  await screenshot('campaign-ended-hidden');
  await expectAccessible(page, 'ended campaign page, not comparable');
  await inEnglish(async () => {
    const english = page
      .getByRole('region', { name: 'Results', exact: true })
      .getByRole('article', {
        name: 'Victims by nationality and form of exploitation (by quarter)',
      });
    await expect(
      english.getByText('The two periods cannot be compared: some figures are hidden (below 11)', {
        exact: true,
      }),
    ).toBeVisible();
    await expect(
      english
        .getByRole('table', { name: 'Latest release before and earliest after the campaign' })
        .getByRole('row', { name: /Table total/ })
        .getByRole('cell')
        .nth(0),
    ).toContainText(`(not counting ${hidden} ${hidden === 1 ? 'cell' : 'cells'} <11)`);
    await expectAccessible(page, 'ended campaign page, not comparable [en]');
  });
});

test('nothing typed in a description reaches addresses, titles, storage or the log', async () => {
  await page.goto('/campaigns');
  await screenshot('campaign-list');
  await leaks.expectNoLeaks([CANARY]);
});

test('a caseworker reads the campaign but has no edit action', async ({ browser }) => {
  const other = await personContext(browser);
  const reader = await other.newPage();
  try {
    await signInFirstTime(reader, caseworker, '/campaigns');
    await expect(
      reader.getByRole('heading', { level: 1, name: 'Campañas de prevención' }),
    ).toBeVisible();
    await expect(reader.getByRole('link', { name: 'Nueva campaña' })).toHaveCount(0);
    await reader.getByRole('link', { name: NAME }).click();
    await expect(reader.getByRole('heading', { level: 1, name: NAME })).toBeVisible();
    await expect(
      reader.getByRole('region', { name: 'Actividades', exact: true }).getByRole('row'),
    ).toHaveCount(3);
    await expect(reader.getByRole('link', { name: 'Editar campaña' })).toHaveCount(0);
    await expect(reader.getByRole('button', { name: 'Añadir actividad' })).toHaveCount(0);
    await expect(reader.getByRole('button', { name: /^Editar|^Eliminar/ })).toHaveCount(0);
    await expectAccessible(reader, 'campaign page, read only');
    if (SCREENSHOTS) {
      await reader.screenshot({
        path: path.join(SCREENSHOTS, 'campaign-page-caseworker.png'),
        fullPage: true,
      });
    }
    // The editor's address is the coordinators'.
    await reader.goto(`/campaigns/${campaignId}/edit`);
    await expect(reader).not.toHaveURL(/\/edit$/);
  } finally {
    await other.close();
  }
});

test('a partner has no campaigns: no menu item, and the address leads home', async ({
  browser,
}) => {
  const admin = await adminSession();
  const institution = await createPartnerInstitution(admin, 'Fundación Campañas');
  const partner = await createPartnerUser(admin, institution.id);
  const other = await personContext(browser);
  const reader = await other.newPage();
  try {
    await signInFirstTime(reader, partner, '/');
    const nav = reader.getByRole('navigation', { name: 'Navegación principal' });
    await expect(nav.getByRole('link').first()).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Campañas' })).toHaveCount(0);
    await reader.goto(`/campaigns/${endedId}`);
    await expect(reader).not.toHaveURL(/\/campaigns/);
    await expect(reader.getByText(ENDED_NAME)).toHaveCount(0);
  } finally {
    await other.close();
  }
});
