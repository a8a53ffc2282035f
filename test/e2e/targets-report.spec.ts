import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { ApiSession } from './support/api-session';
import { expectAccessible, signIn, signInFirstTime } from './support/browser';
import { E2E_BASE_URL } from './support/env';
import { createPartnerInstitution, createPartnerUser } from './support/partners';
import { readState } from './support/state';
import { personContext } from './support/supervision';
import { adminSession, createStaff, createTeam, STRONG_PASSWORD, unique } from './support/world';

/**
 * The coordinator's targets, budget and management report. In the browser a
 * coordinator creates a program and a project, records the project's coded
 * budget ("5.500,00", shown as USD 5.500,00) and an accrued amount (88,80 %
 * executed), defines a target computed from campaign activities (recorded
 * through the API) and a manual one with a value entered for the quarter,
 * and reads their progress. They build the year's management report: texts,
 * the preview, the PDF and the XLSX. A second coordinator reviews it; nobody
 * can approve it before the year ends (the screen says from which day). Last
 * year's report, prepared and reviewed through the API, is approved by a
 * third coordinator (preparer, reviewer and approver are three people); an
 * approved report keeps its figures when the records change. Caseworkers and
 * partners never reach these screens. Every screen and dialog: axe, in
 * Spanish and English.
 */
test.describe.configure({ mode: 'serial' });

/** Letters only: free texts refuse runs of seven digits (they look like a phone). */
const word = () => unique().replace(/\d/g, (d) => 'ghijklmnop'.charAt(Number(d)));
const SUFFIX = word().toUpperCase();
const PROGRAM_CODE = `P-${SUFFIX}`;
const PROGRAM_NAME = `Prevención de la trata ${SUFFIX}`;
const PROJECT_CODE = 'PR-1';
const PROJECT_NAME = `Formación de servidores ${SUFFIX}`;
const CAMPAIGN_NAME = `Ferias informativas ${SUFFIX}`;
const COMPUTED = `Realizar ferias informativas en terminales ${SUFFIX}`;
const COMPUTED_INDICATOR = `Número de ferias realizadas ${SUFFIX}`;
const MANUAL = `Acompañar mesas cantonales de protección ${SUFFIX}`;
const MANUAL_INDICATOR = `Mesas cantonales acompañadas ${SUFFIX}`;
const YEAR = Number(
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Guayaquil', year: 'numeric' }).format(
    new Date(),
  ),
);
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Guayaquil' }).format(
  new Date(),
);
const QUARTER = Math.floor((Number(TODAY.slice(5, 7)) - 1) / 3) + 1;
/** An ended period: its report can be approved. */
const LAST_YEAR = YEAR - 1;
const PAST_PROJECT_NAME = `Ferias del año anterior ${SUFFIX}`;
const SCREENSHOTS = process.env.E2E_SCREENSHOTS;

interface Account {
  email: string;
  displayName: string;
  api: ApiSession;
}

let context: BrowserContext;
let page: Page;
let coordinator: Account;
let reviewer: Account;
let approver: Account;
let projectId: string;
let reportId: string;

async function createCoordinator(admin: ApiSession, name: string): Promise<Account> {
  const email = `coordinator.${unique()}@e2e.example`;
  const displayName = `${name} ${word()}`;
  const created = await admin.request<{ initialPassword: string }>('POST', '/api/v1/users', {
    email,
    displayName,
    institutionId: readState().leadAgencyId,
    role: 'coordinator',
  });
  const api = new ApiSession(E2E_BASE_URL);
  await api.signIn(email, created.initialPassword, STRONG_PASSWORD);
  return { email, displayName, api };
}

/** 1 January of a year as the interface writes a date (medium style). */
function firstOfJanuary(year: number, language: 'es' | 'en' = 'es'): string {
  return new Intl.DateTimeFormat(language === 'es' ? 'es-EC' : 'en-GB', {
    dateStyle: 'medium',
  }).format(new Date(year, 0, 1, 12));
}

async function signInAs(target: Page, account: Account, start: string): Promise<void> {
  await target.goto(start);
  await expect(target).toHaveURL(/\/sign-in/);
  if (!account.api.authenticator) throw new Error('the coordinator has no authenticator');
  await signIn(target, account, account.api.authenticator);
}

/** With E2E_SCREENSHOTS set, the page as it looks (a dialog: the window it is in). */
async function screenshot(name: string, fullPage = true, on: Page = page): Promise<void> {
  if (!SCREENSHOTS) return;
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await on.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });
}

/** Switches the interface to English for `check`, then back to Spanish. */
async function inEnglish(check: () => Promise<void>, on: Page = page): Promise<void> {
  const switcher = on.getByRole('group', { name: /Idioma|Language/ }).first();
  await switcher.getByRole('button', { name: 'English' }).click();
  await expect(on.locator('html')).toHaveAttribute('lang', 'en');
  await check();
  await switcher.getByRole('button', { name: 'Español' }).click();
  await expect(on.locator('html')).toHaveAttribute('lang', 'es');
}

/**
 * A dialog in English: the language is switched with the dialog closed (the
 * switcher is behind it), the dialog opened by `open` and checked, then closed.
 */
async function dialogInEnglish(
  screen: string,
  open: () => Promise<Locator>,
  on: Page = page,
): Promise<void> {
  await inEnglish(async () => {
    const dialog = await open();
    await expect(dialog).toBeVisible();
    await expectAccessible(on, `${screen} [en]`, false);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
  }, on);
}

async function choose(scope: Page | Locator, field: RegExp, option: string): Promise<void> {
  await scope.getByRole('button', { name: field }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = await adminSession();
  coordinator = await createCoordinator(admin, 'Coordinadora');
  reviewer = await createCoordinator(admin, 'Revisora');
  approver = await createCoordinator(admin, 'Aprobadora');

  // A running campaign with three activities today: the computed target counts them.
  const campaign = await coordinator.api.request<{ id: string }>('POST', '/api/v1/campaigns', {
    name: CAMPAIGN_NAME,
    objective: 'Informar en terminales terrestres sobre ofertas de trabajo engañosas.',
    targetTerritories: ['Pichincha'],
    targetGroups: ['migrant'],
    channels: ['transport_terminals'],
    startsOn: `${YEAR}-01-01`,
    endsOn: `${YEAR}-12-31`,
    budgetUsd: 1000,
    plannedReach: { total: 500, byTerritoryGroup: [] },
    releaseIds: [],
  });
  for (let i = 0; i < 3; i++) {
    await coordinator.api.request('POST', `/api/v1/campaigns/${campaign.id}/activities`, {
      date: TODAY,
      territory: 'Pichincha',
      channel: 'transport_terminals',
      reach: [{ group: 'migrant', count: 20 }],
    });
  }

  context = await personContext(browser);
  page = await context.newPage();
  await signInAs(page, coordinator, '/');
});

test.afterAll(async () => {
  await context.close();
});

test('the plan: a program and a project, from the menu', async () => {
  await page
    .getByRole('navigation', { name: 'Navegación principal' })
    .getByRole('link', { name: 'Metas' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Metas' })).toBeVisible();
  await expectAccessible(page, 'targets');
  await page
    .getByRole('navigation', { name: 'Metas y plan' })
    .getByRole('link', { name: 'Plan y presupuesto' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Plan y presupuesto' })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/targets/plan\\?year=${YEAR}`));
  await expectAccessible(page, 'plan');

  await page.getByRole('button', { name: 'Nuevo programa' }).click();
  let dialog = page.getByRole('dialog', { name: 'Nuevo programa' });
  await dialog.getByRole('button', { name: 'Crear programa' }).click();
  await expect(dialog.getByRole('alert').filter({ hasText: 'Hay un problema' })).toBeVisible();
  await expect(dialog.getByRole('link', { name: 'Código: Complete este campo.' })).toBeVisible();
  await expectAccessible(page, 'program dialog with errors', false);
  await dialog.getByRole('textbox', { name: 'Código' }).fill(PROGRAM_CODE);
  await dialog.getByRole('textbox', { name: 'Nombre del programa' }).fill(PROGRAM_NAME);
  await dialog
    .getByRole('textbox', { name: 'Objetivo del plan' })
    .fill('Garantizar una vida libre de violencia y de trata de personas.');
  await dialog.getByRole('button', { name: 'Crear programa' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Se creó el programa.' })).toBeVisible();

  const program = page.getByRole('region', { name: `${PROGRAM_CODE} · ${PROGRAM_NAME}` });
  await program
    .getByRole('button', { name: `Añadir proyecto al programa ${PROGRAM_CODE}` })
    .click();
  dialog = page.getByRole('dialog', { name: 'Nuevo proyecto' });
  await expectAccessible(page, 'project dialog', false);
  await dialog.getByRole('textbox', { name: 'Código' }).fill(PROJECT_CODE);
  await dialog.getByRole('textbox', { name: 'Proyecto' }).fill(PROJECT_NAME);
  await dialog
    .getByRole('textbox', { name: 'Unidades ejecutoras' })
    .fill('Dirección de Seguridad Ciudadana\nDirección de Inclusión Social');
  await dialog.getByRole('button', { name: 'Crear proyecto' }).click();
  await expect(dialog).toBeHidden();
  await expect(program.getByRole('row', { name: new RegExp(PROJECT_NAME) })).toContainText(
    'USD 0,00',
  );
  await expectAccessible(page, 'plan with a program');
  await screenshot('plan');
  await dialogInEnglish('program dialog', async () => {
    await page.getByRole('button', { name: 'New program' }).click();
    return page.getByRole('dialog', { name: 'New program' });
  });
  await dialogInEnglish('project dialog', async () => {
    await page.getByRole('button', { name: `Add project to program ${PROGRAM_CODE}` }).click();
    return page.getByRole('dialog', { name: 'New project' });
  });
});

test('budget entries typed the Ecuadorian way; execution in per cent', async () => {
  await page.getByRole('link', { name: PROJECT_NAME }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: `${PROJECT_CODE} · ${PROJECT_NAME}` }),
  ).toBeVisible();
  projectId = new URL(page.url()).pathname.split('/').pop() ?? '';
  await expectAccessible(page, 'project budget, empty');

  const entries = page.getByRole('region', { name: 'Movimientos', exact: true });
  const add = async (kind: string, amount: string, shown: string) => {
    await entries.getByRole('button', { name: 'Añadir movimiento' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nuevo movimiento de presupuesto' });
    await dialog.getByText(kind, { exact: true }).click();
    await dialog.getByRole('textbox', { name: 'Monto (USD)' }).fill(amount);
    await expect(dialog.getByText(`Se guardará como ${shown}.`)).toBeVisible();
    return dialog;
  };
  let dialog = await add('Codificado', '5.500,00', 'USD 5.500,00');
  await expectAccessible(page, 'budget entry dialog', false);
  await dialog.getByRole('button', { name: 'Añadir movimiento' }).click();
  await expect(dialog).toBeHidden();
  dialog = await add('Devengado', '4884', 'USD 4.884,00');
  await dialog.getByRole('button', { name: 'Añadir movimiento' }).click();
  await expect(dialog).toBeHidden();

  const table = entries.getByRole('table');
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table).toContainText('USD 5.500,00');
  await expect(table).toContainText('Usted');
  const execution = page.getByRole('region', { name: `Ejecución del presupuesto en ${YEAR}` });
  await expect(execution.locator('dl')).toContainText('USD 5.500,00');
  await expect(execution.locator('dl')).toContainText('USD 4.884,00');
  await expect(execution.locator('dl')).toContainText('88,80 %');
  await screenshot('project-budget');
  await expectAccessible(page, 'project budget');

  // An amount typed twice is voided: it stays listed, struck through, and counts no more.
  dialog = await add('Devengado', '250,5', 'USD 250,50');
  await dialog.getByRole('button', { name: 'Añadir movimiento' }).click();
  await expect(dialog).toBeHidden();
  await expect(execution.locator('dl')).toContainText('USD 5.134,50');
  await table
    .getByRole('button', { name: /^Anular el movimiento Devengado de USD 250,50/ })
    .click();
  const confirm = page.getByRole('alertdialog', { name: '¿Anular este movimiento?' });
  await confirm.getByRole('button', { name: 'Anular movimiento' }).click();
  await expect(confirm.getByRole('alert').filter({ hasText: 'Hay un problema' })).toBeVisible();
  await expectAccessible(page, 'void entry dialog', false);
  await confirm.getByText('Está registrado dos veces', { exact: true }).click();
  await confirm.getByRole('button', { name: 'Anular movimiento' }).click();
  await expect(confirm).toBeHidden();
  await expect(table.getByRole('row', { name: /USD 250,50/ })).toContainText('Anulado el');
  await expect(table.getByRole('button', { name: /^Anular el movimiento/ })).toHaveCount(2);
  await expect(execution.locator('dl')).toContainText('88,80 %');
  await dialogInEnglish('budget entry dialog', async () => {
    await page.getByRole('button', { name: 'Add entry' }).click();
    return page.getByRole('dialog', { name: 'New budget entry' });
  });
  await dialogInEnglish('void entry dialog', async () => {
    await page.getByRole('button', { name: /^Void the Accrued entry of USD 4,884.00/ }).click();
    return page.getByRole('alertdialog', { name: 'Void this entry?' });
  });

  await page.getByRole('link', { name: `← Plan y presupuesto ${YEAR}` }).click();
  const row = page
    .getByRole('region', { name: `${PROGRAM_CODE} · ${PROGRAM_NAME}` })
    .getByRole('row', { name: new RegExp(PROJECT_NAME) });
  await expect(row.getByRole('cell')).toHaveText([
    PROJECT_CODE,
    'Dirección de Seguridad Ciudadana, Dirección de Inclusión Social',
    'USD 5.500,00',
    'USD 4.884,00',
    '88,80 %',
  ]);
});

test('a target computed from campaign activities', async () => {
  await page.goto(`/targets/plan/projects/${projectId}?year=${YEAR}`);
  await page.getByRole('link', { name: 'Nueva meta del proyecto' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nueva meta' })).toBeVisible();
  await expectAccessible(page, 'target editor');

  await page.getByRole('button', { name: 'Crear meta' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Hay un problema que corregir' });
  await expect(summary).toBeVisible();
  await expect(
    summary.getByRole('link', { name: 'Indicador: Complete este campo.' }),
  ).toBeVisible();
  await expectAccessible(page, 'target editor with errors');

  await page.getByRole('textbox', { name: 'Descripción de la meta' }).fill(COMPUTED);
  await page.getByRole('textbox', { name: 'Indicador' }).fill(COMPUTED_INDICATOR);
  await page.getByRole('textbox', { name: 'Unidad de medida' }).fill('ferias');
  await choose(page, /Cómo se mide lo ejecutado$/, 'Actividades de campaña realizadas');
  const campaigns = page.getByRole('group', { name: 'Campañas' });
  await campaigns.getByText(CAMPAIGN_NAME, { exact: true }).click();
  await expect(campaigns.getByRole('checkbox', { name: CAMPAIGN_NAME })).toBeChecked();
  await page.getByRole('textbox', { name: 'Valor programado' }).fill('10');
  // Quarters that do not add up are refused before anything is sent.
  await page.getByRole('textbox', { name: 'Trimestre 1' }).fill('2');
  await page.getByRole('textbox', { name: 'Trimestre 2' }).fill('3');
  await page.getByRole('textbox', { name: 'Trimestre 3' }).fill('3');
  await page.getByRole('textbox', { name: 'Trimestre 4' }).fill('3');
  await page
    .getByRole('textbox', { name: 'Unidades ejecutoras' })
    .fill('Dirección de Seguridad Ciudadana');
  await page.getByRole('button', { name: 'Crear meta' }).click();
  await expect(
    page.getByText('Los cuatro trimestres deben sumar exactamente el valor programado.').first(),
  ).toBeVisible();
  await page.getByRole('textbox', { name: 'Trimestre 4' }).fill('2');
  await screenshot('target-editor');
  await expectAccessible(page, 'target editor, filled');
  await page.getByRole('button', { name: 'Crear meta' }).click();

  await expect(page.getByRole('heading', { level: 1, name: COMPUTED })).toBeVisible();
  const facts = page.getByRole('region', { name: 'La meta', exact: true });
  await expect(facts).toContainText(
    'Se calcula con los registros: Actividades de campaña realizadas',
  );
  await expect(facts).toContainText(`Campañas: ${CAMPAIGN_NAME}`);
  const progress = page.getByRole('region', { name: `Avance en ${YEAR}` });
  await expect(progress.locator('dl')).toContainText('3 ferias');
  await expect(progress.locator('dl')).toContainText('30,00 %');
  await expect(
    progress.getByRole('table').getByRole('row', { name: `Trimestre ${QUARTER}` }),
  ).toContainText('3');
  await expect(
    progress.getByRole('img', { name: /Programado y ejecutado por trimestre/ }),
  ).toBeVisible();
  await screenshot('target-computed');
  await expectAccessible(page, 'computed target');
});

test('a manual target: a value entered for the quarter, with who and when', async () => {
  await page.goto(`/targets/new?year=${YEAR}&projectId=${projectId}`);
  await page.getByRole('textbox', { name: 'Descripción de la meta' }).fill(MANUAL);
  await page.getByRole('textbox', { name: 'Indicador' }).fill(MANUAL_INDICATOR);
  await page.getByRole('textbox', { name: 'Unidad de medida' }).fill('mesas');
  await choose(page, /Cómo se mide lo ejecutado$/, 'Registro manual');
  await page.getByRole('textbox', { name: 'Valor programado' }).fill('8');
  await page
    .getByRole('textbox', { name: 'Unidades ejecutoras' })
    .fill('Dirección de Inclusión Social');
  await page.getByRole('button', { name: 'Crear meta' }).click();
  await expect(page.getByRole('heading', { level: 1, name: MANUAL })).toBeVisible();

  const values = page.getByRole('region', { name: 'Valores registrados' });
  await expect(values).toContainText('Todavía no hay valores registrados.');
  await values.getByRole('button', { name: 'Registrar valor' }).click();
  const dialog = page.getByRole('dialog', { name: 'Registrar valor ejecutado' });
  await expectAccessible(page, 'manual value dialog', false);
  await dialog.getByRole('textbox', { name: 'Ejecutado en el trimestre (mesas)' }).fill('6');
  await expect(dialog.getByText('Se guardará como 6 mesas.')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Nota' }).fill('Actas de las mesas del trimestre.');
  await dialog.getByRole('button', { name: 'Registrar' }).click();
  await expect(dialog).toBeHidden();
  await expect(values.getByRole('status')).toHaveText('Se registró el valor.');
  const row = values.getByRole('row', { name: new RegExp(`Trimestre ${QUARTER}`) });
  await expect(row).toContainText('6 mesas');
  await expect(row).toContainText('Usted');
  await expect(row).toContainText('Vigente');
  await expect(page.getByRole('region', { name: `Avance en ${YEAR}` }).locator('dl')).toContainText(
    '75,00 %',
  );
  await expectAccessible(page, 'manual target');
  await dialogInEnglish('manual value dialog', async () => {
    await page.getByRole('button', { name: 'Enter value' }).click();
    return page.getByRole('dialog', { name: 'Enter executed value' });
  });
});

test('the year’s progress: a chart and its table, per target and per quarter', async () => {
  await page.goto(`/targets?year=${YEAR}`);
  const overview = page.getByRole('region', { name: `Avance de las metas en ${YEAR}` });
  await expect(
    overview.getByRole('img', { name: /Porcentaje de avance de cada meta/ }),
  ).toBeVisible();
  const compact = overview.getByRole('table', { name: `Porcentaje de avance por meta en ${YEAR}` });
  await expect(compact.getByRole('row', { name: new RegExp(COMPUTED_INDICATOR) })).toContainText(
    '30,00 %',
  );
  await expect(compact.getByRole('row', { name: new RegExp(MANUAL_INDICATOR) })).toContainText(
    '75,00 %',
  );
  const table = page.getByRole('table', {
    name: `Metas del proyecto ${PROJECT_CODE} · ${PROJECT_NAME}`,
  });
  const computed = table.getByRole('row', { name: new RegExp(COMPUTED) });
  await expect(computed).toContainText('Actividades de campaña realizadas');
  await expect(computed).toContainText('10 ferias');
  await expect(computed).toContainText('3 ferias');
  await expect(computed).toContainText('30,00 %');
  await expect(computed.getByRole('cell').nth(3 + QUARTER)).toContainText('3 de');
  await expect(table.getByRole('row', { name: new RegExp(MANUAL) })).toContainText('6 mesas');
  await screenshot('targets-progress');
  await expectAccessible(page, 'targets progress');
});

test('the management report: texts, preview and both files', async () => {
  await page
    .getByRole('navigation', { name: 'Navegación principal' })
    .getByRole('link', { name: 'Informe de gestión' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Informe de gestión' })).toBeVisible();
  await expectAccessible(page, 'management reports');
  await dialogInEnglish('new report dialog', async () => {
    await page.getByRole('button', { name: 'New report' }).click();
    return page.getByRole('dialog', { name: 'New management report' });
  });
  await page.getByRole('button', { name: 'Nuevo informe' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nuevo informe de gestión' });
  await expectAccessible(page, 'new report dialog', false);
  await dialog.getByRole('button', { name: 'Crear borrador' }).click();
  await expect(page).toHaveURL(/\/management-reports\/[0-9a-f-]{36}$/);
  reportId = new URL(page.url()).pathname.split('/').pop() ?? '';
  await expect(
    page.getByRole('heading', { level: 1, name: `Informe de gestión · Año ${YEAR}` }),
  ).toBeVisible();
  const workflow = page.getByRole('region', { name: 'Estado del informe' });
  await expect(workflow).toContainText(coordinator.displayName);
  await expect(workflow).toContainText('Otra persona coordinadora debe revisarlo, y una tercera');
  // The year has not ended: the screen says from which day it can be approved.
  await expect(workflow).toContainText(
    `el de Año ${YEAR} podrá aprobarse desde el ${firstOfJanuary(YEAR + 1)}`,
  );
  await expect(workflow.getByRole('button', { name: 'Aprobar informe' })).toHaveCount(0);
  await expect(workflow.getByRole('button', { name: 'Marcar como revisado' })).toHaveCount(0);

  const texts = page.getByRole('region', { name: 'Textos del informe' });
  await texts
    .getByRole('textbox', { name: 'Conclusiones' })
    .fill('La ejecución presupuestaria avanza conforme a lo previsto.');
  await texts
    .getByRole('textbox', { name: 'Recomendaciones' })
    .fill('Ampliar las ferias a las terminales de la Sierra.');
  await texts
    .getByRole('textbox', { name: 'Desafíos' })
    .fill('Coordinar con más mesas cantonales.');
  await texts.getByRole('button', { name: 'Guardar textos' }).click();
  await expect(texts.getByRole('status')).toHaveText(
    'Se guardaron los textos; la vista previa ya los muestra.',
  );

  const preview = page.getByRole('region', { name: 'Vista previa' });
  await expect(preview).toContainText('BORRADOR');
  const budget = preview.getByRole('table', {
    name: 'Presupuesto codificado, devengado y porcentaje de ejecución',
  });
  await expect(
    budget.getByRole('row', { name: new RegExp(PROJECT_NAME) }).getByRole('cell'),
  ).toHaveText(['USD 5.500,00', 'USD 4.884,00', '88,80 %']);
  const computed = preview.getByRole('article', { name: COMPUTED });
  await expect(computed).toContainText('10 ferias');
  await expect(computed).toContainText('3 ferias');
  await expect(computed).toContainText('30,00 %');
  await expect(preview.getByRole('article', { name: MANUAL })).toContainText('75,00 %');
  await expect(preview.getByRole('region', { name: 'Conclusiones' })).toContainText(
    'La ejecución presupuestaria avanza conforme a lo previsto.',
  );
  await expect(
    preview.getByRole('img', { name: /Porcentaje de avance de cada meta/ }),
  ).toBeVisible();
  await screenshot('report-preview');
  await expectAccessible(page, 'report draft');

  for (const type of ['pdf', 'xlsx'] as const) {
    const pending = page.waitForEvent('download');
    await page
      .getByRole('region', { name: 'Descargas' })
      .getByRole('button', { name: `Descargar ${type.toUpperCase()}` })
      .click();
    const download = await pending;
    expect(download.suggestedFilename()).toBe(`informe-de-gestion-${YEAR}-borrador.${type}`);
    const file = fs.readFileSync(await download.path());
    expect(file.length).toBeGreaterThan(1000);
    expect(file.subarray(0, type === 'pdf' ? 4 : 2).toString('latin1')).toBe(
      type === 'pdf' ? '%PDF' : 'PK',
    );
  }
});

test('another coordinator reviews it; nobody approves it before the year ends', async ({
  browser,
}) => {
  const other = await personContext(browser);
  const second = await other.newPage();
  try {
    await signInAs(second, reviewer, `/management-reports/${reportId}`);
    await expect(second).toHaveURL(new RegExp(`/management-reports/${reportId}$`));
    const workflow = second.getByRole('region', { name: 'Estado del informe' });
    await expect(second.getByRole('region', { name: 'Textos del informe' })).toHaveCount(0);
    await workflow.getByRole('button', { name: 'Marcar como revisado' }).click();
    await expect(workflow.getByRole('status')).toHaveText('Se registró su revisión.');
    await expect(workflow).toContainText(reviewer.displayName);
    await expect(workflow).toContainText('Usted lo revisó. Lo aprueba una tercera persona');
    await expect(workflow).toContainText(`podrá aprobarse desde el ${firstOfJanuary(YEAR + 1)}`);
    await expect(workflow.getByRole('button', { name: 'Aprobar informe' })).toHaveCount(0);
    await expectAccessible(second, 'reviewed report, reviewer');
    await inEnglish(async () => {
      await expect(second.getByRole('region', { name: 'Report status' })).toContainText(
        `can be approved from ${firstOfJanuary(YEAR + 1, 'en')} (Ecuador time)`,
      );
      await expectAccessible(second, 'reviewed report, reviewer [en]', false);
    }, second);
  } finally {
    await other.close();
  }
});

test('last year’s report: a third coordinator approves it, and it stays frozen', async ({
  browser,
}) => {
  // Last year's plan (25 % executed) and its report, prepared and reviewed through the API.
  const program = await coordinator.api.request<{ id: string }>('POST', '/api/v1/plan/programs', {
    code: `Q-${SUFFIX}`,
    name: `Programa del año anterior ${SUFFIX}`,
    planObjective: 'Garantizar una vida libre de violencia y de trata de personas.',
  });
  const project = await coordinator.api.request<{ id: string }>('POST', '/api/v1/plan/projects', {
    programId: program.id,
    code: 'PR-A',
    name: PAST_PROJECT_NAME,
    executingUnits: ['Dirección de Seguridad Ciudadana'],
  });
  const entry = (kind: string, date: string, amount: string) =>
    coordinator.api.request('POST', `/api/v1/budget/projects/${project.id}/entries`, {
      kind,
      date,
      amount,
      note: null,
    });
  await entry('codificado', `${LAST_YEAR}-01-15`, '1000.00');
  await entry('devengado', `${LAST_YEAR}-11-20`, '250.00');
  const draft = await coordinator.api.request<{ id: string; version: number }>(
    'POST',
    '/api/v1/management-reports',
    { year: LAST_YEAR, conclusions: 'Cierre del año anterior.' },
  );
  await reviewer.api.request('POST', `/api/v1/management-reports/${draft.id}/review`, {
    version: draft.version,
  });

  const other = await personContext(browser);
  const third = await other.newPage();
  try {
    // This year's report, reviewed: still not approvable.
    await signInAs(third, approver, `/management-reports/${reportId}`);
    let workflow = third.getByRole('region', { name: 'Estado del informe' });
    await expect(workflow).toContainText('Está revisado. Podrá aprobarlo cuando termine');
    await expect(workflow.getByRole('button', { name: 'Aprobar informe' })).toHaveCount(0);

    await third.goto(`/management-reports/${draft.id}`);
    await expect(
      third.getByRole('heading', { level: 1, name: `Informe de gestión · Año ${LAST_YEAR}` }),
    ).toBeVisible();
    workflow = third.getByRole('region', { name: 'Estado del informe' });
    await expect(workflow).toContainText('Está revisado. Al aprobarlo');
    await expect(workflow).not.toContainText('podrá aprobarse desde');
    await dialogInEnglish(
      'approve dialog',
      async () => {
        await third.getByRole('button', { name: 'Approve report' }).click();
        return third.getByRole('alertdialog', { name: 'Approve this report?' });
      },
      third,
    );
    await workflow.getByRole('button', { name: 'Aprobar informe' }).click();
    const confirm = third.getByRole('alertdialog', { name: '¿Aprobar este informe?' });
    await expectAccessible(third, 'approve dialog', false);
    await confirm.getByRole('button', { name: 'Aprobar y congelar' }).click();
    await expect(confirm).toBeHidden();
    await expect(workflow).toContainText('Informe aprobado: sus cifras están congeladas.');
    await expect(third.getByText('Aprobado · congelado').first()).toBeVisible();
    await expectAccessible(third, 'approved report');
    await inEnglish(async () => {
      await expect(third.getByRole('region', { name: 'Report status' })).toContainText(
        'Approved report: its figures are frozen.',
      );
      await expectAccessible(third, 'approved report [en]', false);
    }, third);
  } finally {
    await other.close();
  }

  // The records change; the approved report does not.
  await entry('devengado', `${LAST_YEAR}-12-30`, '500.00');
  await page.goto('/management-reports');
  const approved = page.getByRole('region', { name: 'Aprobados (cifras congeladas)' });
  await approved.getByRole('link', { name: `Año ${LAST_YEAR}` }).click();
  const preview = page.getByRole('region', { name: 'Vista previa' });
  await expect(preview).toContainText('Aprobado — cifras congeladas');
  await expect(
    preview
      .getByRole('table', { name: 'Presupuesto codificado, devengado y porcentaje de ejecución' })
      .getByRole('row', { name: new RegExp(PAST_PROJECT_NAME) }),
  ).toContainText('25,00 %');
  const signatures = preview.getByRole('table', {
    name: 'Quién elaboró, revisó y aprobó el informe',
  });
  await expect(signatures.getByRole('row', { name: /Elaboró/ })).toContainText(
    coordinator.displayName,
  );
  await expect(signatures.getByRole('row', { name: /Revisó/ })).toContainText(reviewer.displayName);
  await expect(signatures.getByRole('row', { name: /Aprobó/ })).toContainText(approver.displayName);
  await expect(page.getByRole('region', { name: 'Textos del informe' })).toHaveCount(0);
  await screenshot('report-approved');
  await expectAccessible(page, 'approved report, preparer');
  // The project's live figures did change: (250 + 500) / 1 000.
  await page.goto(`/targets/plan/projects/${project.id}?year=${LAST_YEAR}`);
  await expect(
    page.getByRole('region', { name: `Ejecución del presupuesto en ${LAST_YEAR}` }).locator('dl'),
  ).toContainText('75,00 %');
});

test('English: the targets, the plan and a dialog', async () => {
  await page.goto(`/targets?year=${YEAR}`);
  await inEnglish(async () => {
    await expect(page.getByRole('heading', { level: 1, name: 'Targets' })).toBeVisible();
    await expect(
      page.getByRole('table', { name: `Percentage of progress by target in ${YEAR}` }),
    ).toContainText('30.00 %');
    await page.getByRole('link', { name: 'Plan and budget' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Plan and budget' })).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(PROJECT_NAME) })).toContainText(
      'USD 5,500.00',
    );
    await page.getByRole('button', { name: 'New program' }).click();
    await expect(page.getByRole('dialog', { name: 'New program' })).toBeVisible();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  });
});

test('a caseworker and a partner cannot reach targets or reports', async ({ browser }) => {
  const admin = await adminSession();
  const team = await createTeam(admin, `Equipo Metas ${unique()}`);
  const caseworker = await createStaff(admin, 'caseworker', team.id);
  const institution = await createPartnerInstitution(admin, `Fundación Metas ${word()}`);
  const partner = await createPartnerUser(admin, institution.id);
  for (const person of [caseworker, partner]) {
    const other = await personContext(browser);
    const reader = await other.newPage();
    try {
      await signInFirstTime(reader, person, '/');
      const nav = reader.getByRole('navigation', { name: 'Navegación principal' });
      await expect(nav.getByRole('link').first()).toBeVisible();
      await expect(nav.getByRole('link', { name: 'Metas' })).toHaveCount(0);
      await expect(nav.getByRole('link', { name: 'Informe de gestión' })).toHaveCount(0);
      for (const address of [
        `/targets?year=${YEAR}`,
        `/targets/plan/projects/${projectId}`,
        `/management-reports/${reportId}`,
      ]) {
        await reader.goto(address);
        await expect(reader).not.toHaveURL(/\/targets|\/management-reports/);
      }
      await expect(reader.getByText(PROJECT_NAME)).toHaveCount(0);
    } finally {
      await other.close();
    }
  }
});
