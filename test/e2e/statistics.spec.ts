import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { choose, expectDialogAccessible } from './support/admin';
import { accountSession, createAccount } from './support/audit';
import { expectAccessible, signInFirstTime } from './support/browser';
import { LeakWatch } from './support/leaks';
import { computeRelease, screenshot, seedConsentedCases } from './support/statistics';
import { personContext } from './support/supervision';
import { adminSession, unique } from './support/world';

/**
 * The coordinator's statistics: sign in to the trends dashboard, see the
 * year's privacy budget in the builder with a preview that spends nothing,
 * compute a release (confirmed with the ε it spends), publish the draft
 * (confirmed: permanent and public) and find it on the dashboard as a chart
 * with its table. A release refused for want of budget says on the ε field
 * what is left; a draft computed elsewhere is discarded. axe in Spanish and
 * English on every screen and dialog; no CSP refusal.
 */
test.describe.configure({ mode: 'serial' });

// The builder's default: the last year that has ended (a running year cannot be released).
const YEAR = new Date().getFullYear() - 1;
const NOISE =
  'Cada cifra tiene ruido añadido para proteger a las personas; las barras muestran el margen de error al 95 %. Una diferencia dentro de los márgenes no es una diferencia.';

let context: BrowserContext;
let page: Page;
let leaks: LeakWatch;
let colleague: Awaited<ReturnType<typeof accountSession>>;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = await adminSession();
  // Thirty women identified that year who agreed to statistics: one cell well above 11.
  await seedConsentedCases(admin, `${YEAR}-03-10`, 30);
  const coordinator = await createAccount(admin, 'coordinator', `Coordinadora ${unique()}`);
  colleague = await accountSession(
    await createAccount(admin, 'coordinator', `Coordinador ${unique()}`),
  );
  context = await personContext(browser);
  page = await context.newPage();
  leaks = new LeakWatch(page);
  await signInFirstTime(page, coordinator);
});

test.afterAll(async () => {
  await context.close();
});

const epsilonField = () => page.getByRole('textbox', { name: 'Privacidad que gasta (ε)' });

async function setEpsilon(value: string) {
  await epsilonField().fill(value);
  await epsilonField().press('Tab');
}

test('the coordinator starts on the statistics dashboard', async () => {
  await expect(page).toHaveURL(/\/statistics$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Estadísticas' })).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', {
      name: 'Estadísticas',
    }),
  ).toHaveAttribute('aria-current', 'page');
  await expect(
    page.getByRole('heading', { name: 'Borradores pendientes de decisión' }),
  ).toBeVisible();
  await expect(page.getByText('No hay borradores pendientes.')).toBeVisible();
  await expectAccessible(page, 'statistics dashboard (no drafts)');
});

test('the builder shows the budget, previews without spending, and computes after confirmation', async () => {
  await page.getByRole('link', { name: 'Nueva publicación' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nueva publicación' })).toBeVisible();
  const budget = page.getByRole('region', { name: `Presupuesto de privacidad de ${YEAR}` });
  await expect(budget).toContainText('Queda');
  await expect(budget).toContainText('ε 2,00');

  await choose(page, /Tabla$/, 'Víctimas por sexo y edad');
  await expect(
    page.getByText(/Cuántas víctimas se identificaron en el periodo, según su sexo/),
  ).toBeVisible();
  await setEpsilon('1');
  await expect(epsilonField()).toHaveValue('1,00');
  const preview = page.getByRole('region', { name: 'Vista previa' });
  await expect(preview).toContainText('no lee ningún dato ni gasta presupuesto');
  await expect(preview).toContainText('12 celdas: Sexo (4) × Edad (3)');
  await expect(preview).toContainText(/± \d+ al 95 %/);
  await expect(preview).toContainText(`Quedarán ε 1,00 de ε 2,00 para ${YEAR}`);
  // The preview spent nothing.
  await expect(budget).toContainText('ε 2,00');
  await expect(
    page.getByText(
      /Calcular gasta el ε elegido del presupuesto de ese año, aunque después no publique/,
    ),
  ).toBeVisible();
  await screenshot(page, 'statistics-builder');
  await expectAccessible(page, 'release builder');

  const open = async (language: 'es' | 'en') => {
    await page
      .getByRole('button', { name: language === 'es' ? 'Calcular' : 'Compute', exact: true })
      .click();
    await expect(page.getByRole('alertdialog')).toBeVisible();
  };
  await open('es');
  const dialog = page.getByRole('alertdialog', { name: '¿Calcular y gastar presupuesto?' });
  await expect(dialog).toContainText(`gasta ε 1,00 del presupuesto de privacidad de ${YEAR}`);
  await expect(dialog).toContainText(`Después quedarán ε 1,00 en el presupuesto de ${YEAR}`);
  await expect(dialog).toContainText('no se recupera');
  await expectDialogAccessible(page, 'compute confirmation', open);
  await dialog.getByRole('button', { name: 'Calcular y gastar ε 1,00' }).click();

  await expect(page).toHaveURL(/\/statistics\/releases\/[0-9a-f-]{36}$/);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Víctimas por sexo y edad' }),
  ).toBeVisible();
  await expect(page.getByText('Borrador', { exact: true })).toBeVisible();
  const table = page.getByRole('table');
  await expect(table).toContainText('Mujer');
  await expect(table).toContainText('Persona adulta');
  await expect(table).toContainText('<11');
  await expect(table).toContainText(/sin contar \d+ celdas <11/);
  const parameters = page.getByRole('region', { name: 'Cómo se calculó' });
  for (const text of [
    'Laplace discreto',
    '1,00',
    'Al múltiplo de 5',
    '95 %',
    'Versión del programa',
  ])
    await expect(parameters).toContainText(text);
  await screenshot(page, 'statistics-release-draft');
  await expectAccessible(page, 'release page (draft)');
});

test('publishing is confirmed as permanent and public, and the dashboard charts it', async () => {
  const open = async (language: 'es' | 'en') => {
    await page
      .getByRole('button', { name: language === 'es' ? 'Publicar' : 'Publish', exact: true })
      .click();
    await expect(page.getByRole('alertdialog')).toBeVisible();
  };
  await open('es');
  const dialog = page.getByRole('alertdialog', { name: '¿Publicar estas cifras?' });
  await expect(dialog).toContainText('Publicar es permanente');
  await expect(dialog).toContainText('públicas para cualquier persona');
  await expect(dialog).toContainText('no se puede deshacer');
  await expectDialogAccessible(page, 'publish confirmation', open);
  await dialog.getByRole('button', { name: 'Sí, publicar para siempre' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Publicada. Ya está en el observatorio público.' }),
  ).toBeVisible();
  await expect(page.getByText('Publicada', { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Ver en el observatorio' })).toBeVisible();

  await page
    .getByRole('navigation', { name: 'Navegación principal' })
    .getByRole('link', { name: 'Estadísticas' })
    .click();
  const trend = page.getByRole('region', { name: 'Víctimas por sexo y edad' });
  await expect(trend).toBeVisible();
  await expect(trend.getByRole('img', { name: /Víctimas por sexo y edad · Total/ })).toBeVisible();
  await expect(trend.locator('svg.recharts-surface')).toBeVisible();
  const table = trend.getByRole('table', { name: /Total por periodo/ });
  await expect(table.getByRole('rowheader', { name: String(YEAR) })).toBeVisible();
  await expect(table).toContainText(/± \d+/);
  await expect(trend).toContainText(NOISE);
  // Follow one group: adult women, a figure of its own with its bound.
  await choose(page, /Mostrar$/, 'Sexo: Mujer', trend);
  await expect(trend.getByRole('table', { name: /Sexo: Mujer por periodo/ })).toBeVisible();
  await screenshot(page, 'statistics-dashboard');
  await expectAccessible(page, 'statistics dashboard (trend)');
});

test('a release the budget cannot pay is refused, and the ε field says what is left', async () => {
  await page.getByRole('link', { name: 'Nueva publicación' }).click();
  await choose(page, /Tabla$/, 'Víctimas por provincia');
  await setEpsilon('0,5');
  const preview = page.getByRole('region', { name: 'Vista previa' });
  await expect(preview).toContainText(`Quedarán ε 0,50 de ε 2,00 para ${YEAR}`);
  // Meanwhile another coordinator spends most of what is left.
  await computeRelease(colleague, { tableId: 'victims_by_province', year: YEAR, epsilon: 0.8 });

  await page.getByRole('button', { name: 'Calcular', exact: true }).click();
  await page
    .getByRole('alertdialog', { name: '¿Calcular y gastar presupuesto?' })
    .getByRole('button', { name: 'Calcular y gastar ε 0,50' })
    .click();
  await expect(page.getByRole('alertdialog')).toBeHidden();
  await expect(page).toHaveURL(/\/statistics\/new$/);
  const refusal = `El presupuesto de privacidad de ${YEAR} no alcanza: quedan ε 0,20 y esta publicación necesita ε 0,50.`;
  await expect(epsilonField()).toHaveAccessibleDescription(
    new RegExp(refusal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
  );
  await expect(epsilonField()).toHaveAttribute('aria-invalid', 'true');
  await expect(epsilonField()).toBeFocused();
  await expect(
    page.getByRole('region', { name: `Presupuesto de privacidad de ${YEAR}` }),
  ).toContainText('ε 0,20');
  await expectAccessible(page, 'release builder (budget refused)');
});

test('a draft waiting on the dashboard is discarded after confirmation', async () => {
  await page.getByRole('link', { name: 'Volver a Estadísticas' }).click();
  const drafts = page.getByRole('region', { name: 'Borradores pendientes de decisión' });
  await drafts.getByRole('link', { name: `Víctimas por provincia, ${YEAR}` }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Víctimas por provincia' }),
  ).toBeVisible();
  await expect(page.getByRole('table')).toContainText('Pichincha');
  const open = async (language: 'es' | 'en') => {
    await page
      .getByRole('button', { name: language === 'es' ? 'Descartar' : 'Discard', exact: true })
      .click();
    await expect(page.getByRole('alertdialog')).toBeVisible();
  };
  await open('es');
  const dialog = page.getByRole('alertdialog', { name: '¿Descartar este borrador?' });
  await expect(dialog).toContainText('no se publicará nunca');
  await expect(dialog).toContainText('ε 0,80 gastado al calcularla no se recupera');
  await expectDialogAccessible(page, 'discard confirmation', open);
  await dialog.getByRole('button', { name: 'Sí, descartar' }).click();
  await expect(page.getByText('Descartada', { exact: true })).toBeVisible();
  await expect(page.getByText(/nunca será pública/)).toBeVisible();
  await page.getByRole('link', { name: 'Volver a Estadísticas' }).click();
  await expect(page.getByText('No hay borradores pendientes.')).toBeVisible();
  await leaks.expectNoLeaks([]);
});
