import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { ApiSession } from './support/api-session';
import { expectAccessible, signIn, signInFirstTime } from './support/browser';
import { dateSegment } from './support/cases';
import { E2E_BASE_URL } from './support/env';
import { LeakWatch } from './support/leaks';
import { readState } from './support/state';
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
 * The coordinator's campaign journey. Published releases are made through
 * the API as the coordinator (computed, then published). In the browser the
 * coordinator creates a running campaign citing one of them (required-field
 * errors first), adds two activities (a canary typed in a description), sees
 * reach against the plan, meets a conflict when someone else saved first,
 * and reads an ended campaign's before/after trend with its warning. A
 * caseworker reads the same campaign without any edit action. Every screen
 * and dialog: axe, in Spanish and English. The canary never reaches an
 * address, a title, storage or the server's log.
 */
test.describe.configure({ mode: 'serial' });

const CANARY = `Canario${unique()}`;
const NAME = `Rutas seguras ${unique()}`;
const ENDED_NAME = `Frontera informada ${unique()}`;
// Years of identification no other journey publishes (the budget is per year).
const BEFORE_YEAR = 2019;
const JUSTIFYING_YEAR = 2020;
const AFTER_YEAR = 2022;
const SCREENSHOTS = process.env.E2E_SCREENSHOTS;

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

const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000);
/** DD MM YYYY, as a Spanish date field takes it typed. */
const typed = (date: Date) =>
  `${String(date.getUTCDate()).padStart(2, '0')}${String(date.getUTCMonth() + 1).padStart(2, '0')}${date.getUTCFullYear()}`;

async function publishRelease(
  api: ApiSession,
  tableId: string,
  year: number,
  epsilon: number,
): Promise<string> {
  const release = await api.request<{ id: string }>('POST', '/api/v1/statistics/releases', {
    tableId,
    year,
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

  // A running campaign cites a yearly table by province; an ended one a table without
  // territories (its grand total is compared before and after). No case of those years
  // exists: with ε = 1 every noisy cell falls under the threshold (short of a chance of
  // about 1 in 10⁵), so both totals are 0 ± 0 — a "change" within the bounds.
  const justifying = await publishRelease(
    coordinatorApi,
    'victims_by_province',
    JUSTIFYING_YEAR,
    0.25,
  );
  justifyingTitle = `Víctimas por provincia · año ${JUSTIFYING_YEAR}`;
  const before = await publishRelease(coordinatorApi, 'victims_by_sex_age_group', BEFORE_YEAR, 1);
  await publishRelease(coordinatorApi, 'victims_by_sex_age_group', AFTER_YEAR, 1);
  const ended = await coordinatorApi.request<{ id: string }>('POST', '/api/v1/campaigns', {
    name: ENDED_NAME,
    objective: 'Informar en los pasos de frontera sobre ofertas de trabajo engañosas.',
    targetTerritories: ['Carchi', 'Sucumbíos'],
    targetGroups: ['migrant'],
    channels: ['transport_terminals'],
    startsOn: `${JUSTIFYING_YEAR}-03-01`,
    endsOn: `${JUSTIFYING_YEAR + 1}-06-30`,
    budgetUsd: 12000.5,
    plannedReach: { total: 4000, byTerritoryGroup: [] },
    releaseIds: [before, justifying],
  });
  endedId = ended.id;

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
  await expect(releases.getByRole('table')).toContainText('Pichincha');
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
  await expect(byTerritory.getByRole('row', { name: /Pichincha/ })).toContainText('300');
  await expect(byTerritory.getByRole('row', { name: /Pichincha/ })).toContainText('200');
  await expect(byTerritory.getByRole('row', { name: /Pichincha/ })).toContainText('66,7 %');
  await expect(byTerritory.getByRole('row', { name: /Guayas/ })).toContainText('30,0 %');
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

test('an ended campaign compares the statistics before and after, within their bounds', async () => {
  await page.goto(`/campaigns/${endedId}`);
  await expect(page.getByRole('heading', { level: 1, name: ENDED_NAME })).toBeVisible();
  const results = page.getByRole('region', { name: 'Resultados', exact: true });
  await expect(
    results.getByRole('heading', { name: 'Antes y después de la campaña' }),
  ).toBeVisible();
  const trend = results.getByRole('article', {
    name: 'Víctimas por sexo y edad (niñez o adultez) (por año)',
  });
  await expect(trend).toContainText('Un cambio dentro de los márgenes de error no es un cambio');
  await expect(trend.getByRole('table').first()).toContainText(`año ${BEFORE_YEAR}`);
  await expect(trend.getByRole('table').first()).toContainText(`año ${AFTER_YEAR}`);
  await expect(trend.getByRole('table').first()).toContainText(
    'Dentro de los márgenes de error: no es un cambio',
  );
  await screenshot('campaign-ended');
  await expectAccessible(page, 'ended campaign page');
  await inEnglish(async () => {
    await expect(
      page.getByText('A change within the error bounds is not a change', { exact: true }),
    ).toBeVisible();
    await screenshot('campaign-ended-en');
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
