import fs from 'node:fs';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { accountSession, createAccount } from './support/audit';
import { expectAccessible } from './support/browser';
import { LeakWatch } from './support/leaks';
import {
  computeRelease,
  publishRelease,
  screenshot,
  seedConsentedCases,
} from './support/statistics';
import { personContext } from './support/supervision';
import { adminSession, unique } from './support/world';

/**
 * The public observatory, read by someone without an account: the trend of
 * a published release (chart and table with margins), its CSV and JSON, the
 * method in plain words. No request touches a session (nothing under
 * /api/v1/auth, nothing of the signed-in application), the page may be
 * cached, and a draft's address shows "not found". axe in both languages.
 */
test.describe.configure({ mode: 'serial' });

// Not the statistics spec's year (each year has its own budget); a year that has ended.
const YEAR = new Date().getFullYear() - 2;

let context: BrowserContext;
let page: Page;
let leaks: LeakWatch;
let publishedId: string;
let draftId: string;
let coordinator: Awaited<ReturnType<typeof accountSession>>;
const requests: string[] = [];

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = await adminSession();
  await seedConsentedCases(admin, `${YEAR}-05-15`, 30);
  coordinator = await accountSession(
    await createAccount(admin, 'coordinator', `Coordinadora ${unique()}`),
  );
  const published = await computeRelease(coordinator, {
    tableId: 'victims_by_sex_age_group',
    year: YEAR,
    epsilon: 1,
  });
  publishedId = (await publishRelease(coordinator, published.id)).id;
  draftId = (
    await computeRelease(coordinator, { tableId: 'victims_by_province', year: YEAR, epsilon: 0.3 })
  ).id;
  // A reader with nothing: no cookie, no storage.
  context = await personContext(browser);
  page = await context.newPage();
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  leaks = new LeakWatch(page);
});

test.afterAll(async () => {
  await context.close();
  // Leave no draft waiting for other journeys' coordinators.
  await coordinator.request('POST', `/api/v1/statistics/releases/${draftId}/discard`, {});
});

test('anyone reads the published trend, as a chart and a table with its margins', async () => {
  const response = await page.goto('/observatorio');
  expect(response?.headers()['cache-control']).toBe('public, max-age=300');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Observatorio de la trata de personas' }),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/observatorio$/);
  const trend = page.getByRole('region', { name: 'Víctimas por sexo y edad' });
  await expect(trend.getByRole('img', { name: /Víctimas por sexo y edad · Total/ })).toBeVisible();
  await expect(trend.locator('svg.recharts-surface')).toBeVisible();
  const table = trend.getByRole('table', { name: /Total por periodo/ });
  await expect(table.getByRole('rowheader', { name: String(YEAR) })).toBeVisible();
  await expect(table).toContainText(/± \d+/);
  await expect(trend).toContainText('Una diferencia dentro de los márgenes no es una diferencia.');
  // Nothing of the signed-in application.
  await expect(page.getByRole('button', { name: 'Cerrar sesión' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Víctimas por provincia' })).toHaveCount(0);
  await screenshot(page, 'observatory-home');
  await expectAccessible(page, 'observatory');
});

test('the release downloads as CSV and JSON', async () => {
  const releases = page.getByRole('region', { name: 'Todas las publicaciones' });
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    releases.getByRole('link', { name: `CSV — Víctimas por sexo y edad, ${YEAR}` }).click(),
  ]);
  expect(csv.suggestedFilename()).toBe(`amparo-victims_by_sex_age_group-${publishedId}.csv`);
  const text = fs.readFileSync(await csv.path(), 'utf8');
  expect(text).toContain('"sex","age_group","value","error_bound_95"');
  expect(text).toMatch(/"female","adult","\d+",\d+/);
  expect(text).toContain('"<11"');
  expect(text).toContain(`"period_of_identification","${YEAR}"`);
  expect(text).toContain('"mechanism","discrete_laplace"');

  const [json] = await Promise.all([
    page.waitForEvent('download'),
    releases.getByRole('link', { name: `JSON — Víctimas por sexo y edad, ${YEAR}` }).click(),
  ]);
  const release = JSON.parse(fs.readFileSync(await json.path(), 'utf8')) as {
    id: string;
    state: string;
    table: { id: string };
    period: { year: number };
    parameters: { epsilon: number; threshold: number };
  };
  expect(release).toMatchObject({
    id: publishedId,
    state: 'published',
    table: { id: 'victims_by_sex_age_group' },
    period: { year: YEAR },
    parameters: { epsilon: 1, threshold: 11 },
  });
});

test('one release: its table, margins and parameters', async () => {
  await page
    .getByRole('region', { name: 'Todas las publicaciones' })
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: String(YEAR), exact: true }) })
    .getByRole('link', { name: 'Víctimas por sexo y edad', exact: true })
    .click();
  await expect(page).toHaveURL(new RegExp(`/observatorio/${publishedId}$`));
  await expect(
    page.getByRole('heading', { level: 1, name: 'Víctimas por sexo y edad' }),
  ).toBeVisible();
  const figures = page.getByRole('region', { name: 'Cifras' });
  await expect(figures.getByRole('table')).toContainText('Mujer');
  await expect(figures).toContainText(/Cada cifra tiene un margen de error de ± \d+ al 95 %/);
  await expect(figures.getByRole('link', { name: 'CSV' })).toHaveAttribute(
    'href',
    `/api/v1/public/statistics/releases/${publishedId}/csv`,
  );
  await expect(page.getByRole('region', { name: 'Cómo se calculó' })).toContainText(
    'Laplace discreto',
  );
  await screenshot(page, 'observatory-release');
  await expectAccessible(page, 'observatory release');
});

test('the method is explained in plain words', async () => {
  await page
    .getByRole('navigation', { name: 'Observatorio' })
    .getByRole('link', { name: 'Cómo se hacen estas cifras' })
    .click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Cómo se hacen estas cifras' }),
  ).toBeVisible();
  for (const heading of [
    'Solo con consentimiento',
    'Ruido para proteger a cada persona',
    'Un presupuesto de privacidad por año',
    'Redondeo a 5 y «<11»',
    'Barras y márgenes de error',
    'Lo que estas cifras no pueden decir',
  ])
    await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
  await screenshot(page, 'observatory-method');
  await expectAccessible(page, 'observatory method');
});

test('a draft is not reachable: its address says it does not exist', async () => {
  await page.goto(`/observatorio/${draftId}`);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Publicación no encontrada' }),
  ).toBeVisible();
  await expect(page.getByText('Esta publicación no existe o no es pública.')).toBeVisible();
  await expect(page.getByText('Pichincha')).toHaveCount(0);
  await expectAccessible(page, 'observatory not found');
  // Nor does any other address lead out of the public pages (to a sign-in).
  await page.goto('/observatorio/not-an-id');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Publicación no encontrada' }),
  ).toBeVisible();
  await page.goto('/observatorio/a/b');
  await expect(page.getByRole('heading', { level: 1, name: 'Página no encontrada' })).toBeVisible();
  await expect(page).toHaveURL(/\/observatorio\/a\/b$/);
});

test('no request touched a session or the signed-in application', async () => {
  expect(requests.filter((p) => p.startsWith('/api/v1/auth'))).toEqual([]);
  const api = requests.filter((p) => p.startsWith('/api/'));
  expect(api.length).toBeGreaterThan(0);
  expect(api.filter((p) => !p.startsWith('/api/v1/public/statistics/'))).toEqual([]);
  const cookies = await context.cookies();
  expect(cookies).toEqual([]);
  await leaks.expectNoLeaks([]);
});
