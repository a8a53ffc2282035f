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
 * The coordinator's trainings journey. In the browser the coordinator creates
 * a programme (required fields first), adds its three sessions, enrols one
 * person by hand (a canary name) beside forty enrolled through the API, takes
 * the first session's attendance on a phone (390 × 844: everyone present, two
 * taken off, the keyboard, the guard against leaving unsaved), meets a sheet
 * someone else saved meanwhile, types scores in the grid, reads completion as
 * the server computed it (with the reason when not), issues, downloads and
 * revokes certificates, and reads the year's figures. A caseworker and a
 * partner have no trainings. Every screen and dialog: axe, Spanish and
 * English. The canary never reaches an address, a title, storage or the log.
 */
test.describe.configure({ mode: 'serial' });

const word = () => unique().replace(/\d/g, (d) => 'ghijklmnop'.charAt(Number(d)));
const CANARY = `Canario${word()}`;
const CANARY_NAME = `${CANARY} Quishpe`;
const NAME = `Atención especializada a víctimas ${word()}`;
const SEEDED = 40;
const SCREENSHOTS = process.env.E2E_SCREENSHOTS ?? '/tmp/i15/shots';

interface Session {
  id: string;
  date: string;
}
interface Programme {
  id: string;
  endsOn: string;
  sessions: Session[];
}

let context: BrowserContext;
let page: Page;
let leaks: LeakWatch;
let coordinatorApi: ApiSession;
let caseworker: Staff;
let programmeId: string;
/** The seeded participants, by their place in the list (P01 …). */
const seeded: { id: string; name: string }[] = [];
let canaryId: string;

async function screenshot(name: string, fullPage = true, on: Page = page): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await on.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });
}

async function inEnglish(check: () => Promise<void>): Promise<void> {
  const switcher = page.getByRole('group', { name: /Idioma|Language/ }).first();
  await switcher.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await check();
  await switcher.getByRole('button', { name: 'Español' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
}

async function choose(scope: Page | Locator, field: RegExp, option: string): Promise<void> {
  await scope.getByRole('button', { name: field }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

const programme = () =>
  coordinatorApi.request<Programme>('GET', `/api/v1/trainings/programmes/${programmeId}`);

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = await adminSession();
  const team = await createTeam(admin, `Equipo Capacitaciones ${unique()}`);
  caseworker = await createStaff(admin, 'caseworker', team.id);
  const email = `coordinator.${unique()}@e2e.example`;
  const created = await admin.request<{ initialPassword: string }>('POST', '/api/v1/users', {
    email,
    displayName: `Coordinadora ${unique()}`,
    institutionId: readState().leadAgencyId,
    role: 'coordinator',
  });
  coordinatorApi = new ApiSession(E2E_BASE_URL);
  await coordinatorApi.signIn(email, created.initialPassword, STRONG_PASSWORD);

  context = await personContext(browser);
  page = await context.newPage();
  leaks = new LeakWatch(page);
  await page.goto('/trainings');
  await expect(page).toHaveURL(/\/sign-in/);
  if (!coordinatorApi.authenticator) throw new Error('the coordinator has no authenticator');
  await signIn(page, { email }, coordinatorApi.authenticator);
});

test.afterAll(async () => {
  await context.close();
});

test('the coordinator finds trainings in the menu; a new programme asks for its fields first', async () => {
  await page
    .getByRole('navigation', { name: 'Navegación principal' })
    .getByRole('link', { name: 'Capacitaciones' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Capacitaciones' })).toBeVisible();
  await expectAccessible(page, 'programme list');
  const filters = page.getByRole('search', { name: 'Filtrar programas' });
  await choose(filters, /Sector$/, 'Salud');
  await expect(page).toHaveURL(/sector=health/);
  await choose(filters, /Año$/, String(new Date().getFullYear()));
  await expect(page).toHaveURL(/year=\d{4}/);
  await expectAccessible(page, 'programme list, filtered', false);

  await page.getByRole('link', { name: 'Nuevo programa' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Nuevo programa de capacitación' }),
  ).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Asistencia mínima (%)' })).toHaveValue('80');
  await expectAccessible(page, 'programme editor');
  await page.getByRole('button', { name: 'Crear programa' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Hay un problema que corregir' });
  await expect(summary).toBeVisible();
  await expect(summary.getByRole('link', { name: 'Nombre: Complete este campo.' })).toBeVisible();
  await expect(
    summary.getByRole('link', { name: 'Horas totales: Complete este campo.' }),
  ).toBeVisible();
  await expectAccessible(page, 'programme editor with errors');

  await page.getByRole('textbox', { name: 'Nombre', exact: true }).fill(NAME);
  await page
    .getByRole('textbox', { name: 'Tema', exact: true })
    .fill('Atención especializada y oportuna a víctimas de trata: identificación y derivación.');
  for (const sector of ['Salud', 'Justicia', 'Educación']) {
    await page
      .getByRole('group', { name: 'Sectores a los que se dirige' })
      .getByText(sector, { exact: true })
      .click();
  }
  await page
    .getByRole('textbox', { name: 'Institución aliada' })
    .fill('Universidad Central del Ecuador');
  await choose(page, /Modalidad/, 'Mixta');
  await choose(page, /Provincia/, 'Imbabura');
  await dateSegment(page, 'Fecha de inicio').click();
  await page.keyboard.type(typed(daysFromNow(-20)));
  await dateSegment(page, 'Fecha de fin').click();
  await page.keyboard.type(typed(daysFromNow(20)));
  await page.getByRole('textbox', { name: 'Horas totales' }).fill('12');
  await page.getByRole('textbox', { name: 'Nota final mínima (0 a 100)' }).fill('70');
  await expect(
    page.getByText(
      'Aprueba quien asista al menos a 9,6 h de 12 h y obtenga al menos 70 en la evaluación final.',
    ),
  ).toBeVisible();
  await expectAccessible(page, 'programme editor, filled');
  await page.getByRole('button', { name: 'Crear programa' }).click();
  await expect(page).toHaveURL(/\/trainings\/[0-9a-f-]{36}$/);
  programmeId = page.url().split('/').pop() ?? '';
  await expect(page.getByRole('heading', { level: 1, name: NAME })).toBeVisible();
  const facts = page.getByRole('region', { name: 'El programa', exact: true });
  await expect(facts).toContainText('Mixta · Imbabura');
  await expect(facts).toContainText('Aprueba quien asista al menos al 80,00 % de las horas');
});

test('three sessions, in a dialog', async () => {
  const sessions = page.getByRole('tabpanel', { name: /Sesiones/ });
  await sessions.getByRole('button', { name: 'Añadir sesión' }).click();
  let dialog = page.getByRole('dialog', { name: 'Nueva sesión' });
  await dialog.getByRole('button', { name: 'Añadir sesión' }).click();
  await expect(dialog.getByRole('alert').filter({ hasText: 'Hay un problema' })).toBeVisible();
  await expect(dialog.getByText('Indique un lugar o un enlace.').first()).toBeVisible();
  await screenshot('session-dialog-errors', false);
  await expectAccessible(page, 'session dialog with errors', false);
  await dialog.getByRole('button', { name: 'Cancelar' }).click();
  await expect(dialog).toBeHidden();
  await inEnglish(async () => {
    await page.getByRole('button', { name: 'Add session' }).click();
    const english = page.getByRole('dialog', { name: 'New session' });
    await english.getByRole('button', { name: 'Add session' }).click();
    await expect(english.getByText('Give a place or a link.').first()).toBeVisible();
    await expectAccessible(page, 'session dialog with errors [en]', false);
    await english.getByRole('button', { name: 'Cancel' }).click();
    await expect(english).toBeHidden();
  });

  const add = async (
    daysAgo: number,
    time: string,
    where: { place?: string; link?: string },
    trainers: string,
  ) => {
    await sessions.getByRole('button', { name: 'Añadir sesión' }).click();
    dialog = page.getByRole('dialog', { name: 'Nueva sesión' });
    await dateSegment(page, 'Fecha').click();
    await page.keyboard.type(typed(daysFromNow(-daysAgo)));
    await dialog
      .getByRole('group', { name: 'Hora de inicio' })
      .getByRole('spinbutton')
      .first()
      .click();
    await page.keyboard.type(time);
    await dialog.getByRole('textbox', { name: 'Horas' }).fill('4');
    if (where.place) await dialog.getByRole('textbox', { name: 'Lugar' }).fill(where.place);
    if (where.link) await dialog.getByRole('textbox', { name: 'Enlace' }).fill(where.link);
    await dialog.getByRole('textbox', { name: 'Capacitadores' }).fill(trainers);
    await dialog.getByRole('button', { name: 'Añadir sesión' }).click();
    await expect(dialog).toBeHidden();
    await expect(sessions.getByRole('status')).toHaveText('Se añadió la sesión.');
  };
  await add(
    14,
    '0900',
    { place: 'Auditorio del Hospital San Vicente de Paúl' },
    'Dra. Ana Ruiz\nMgs. Luis Pozo',
  );
  await add(7, '0900', { link: 'https://aulavirtual.example.edu.ec/trata' }, 'Dra. Ana Ruiz');
  await add(1, '1430', { place: 'Aula 3, Universidad Central' }, 'Mgs. Luis Pozo');
  await expect(sessions.getByRole('listitem')).toHaveCount(3);
  await expect(sessions).toContainText('Sesiones programadas: 12 h de las 12 h del programa.');
  await screenshot('training-sessions');
  await expectAccessible(page, 'programme page, sessions');

  // Deleting asks first (and is not done here).
  await sessions.getByRole('button', { name: /^Eliminar la sesión: Sesión 3,/ }).click();
  const confirm = page.getByRole('alertdialog', { name: '¿Eliminar esta sesión?' });
  await expectAccessible(page, 'delete session dialog', false);
  await confirm.getByRole('button', { name: 'Cancelar' }).click();
  await inEnglish(async () => {
    await page.getByRole('button', { name: /^Delete the session: Session 3,/ }).click();
    const english = page.getByRole('alertdialog', { name: 'Delete this session?' });
    await expectAccessible(page, 'delete session dialog [en]', false);
    await english.getByRole('button', { name: 'Cancel' }).click();
    await expect(english).toBeHidden();
  });
});

test('forty people enrolled through the API, one by hand in a dialog', async () => {
  const sectors = ['health', 'justice', 'education', 'security'];
  const provinces = ['Imbabura', 'Pichincha', 'Carchi'];
  for (let i = 1; i <= SEEDED; i += 1) {
    const n = String(i).padStart(2, '0');
    const name = `Participante ${n} ${word()}`;
    const participant = await coordinatorApi.request<{ id: string }>(
      'POST',
      '/api/v1/trainings/participants',
      {
        fullName: name,
        institutionName: `Institución ${sectors[i % 4]} ${(i % 3) + 1}`,
        sector: sectors[i % 4],
        province: provinces[i % 3],
        position: 'Analista',
      },
    );
    seeded.push({ id: participant.id, name });
  }
  await coordinatorApi.request('POST', `/api/v1/trainings/programmes/${programmeId}/enrolments`, {
    participantIds: seeded.map((p) => p.id),
  });

  await page.getByRole('tab', { name: /Participantes/ }).click();
  await expect(page).toHaveURL(/tab=participants/);
  const panel = page.getByRole('tabpanel', { name: /Participantes/ });
  await expect(panel.getByRole('table').getByRole('row')).toHaveCount(SEEDED + 1);
  await panel.getByRole('button', { name: 'Inscribir a una persona' }).click();
  const dialog = page.getByRole('dialog', { name: 'Inscribir a una persona' });
  await expect(dialog).toContainText('nunca a víctimas');
  await dialog.getByRole('button', { name: 'Inscribir' }).click();
  await expect(dialog.getByRole('alert').filter({ hasText: 'Hay un problema' })).toBeVisible();
  await expectAccessible(page, 'enrol dialog with errors', false);
  await dialog.getByRole('textbox', { name: 'Nombre completo' }).fill(CANARY_NAME);
  await dialog
    .getByRole('textbox', { name: 'Institución' })
    .fill('Fiscalía Provincial de Imbabura');
  await choose(dialog, /Sector/, 'Justicia');
  await choose(dialog, /Provincia/, 'Imbabura');
  await dialog.getByRole('textbox', { name: 'Cargo' }).fill('Fiscal');
  await dialog.getByRole('textbox', { name: 'Correo de trabajo' }).fill('no es un correo');
  await dialog.getByRole('button', { name: 'Inscribir' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Correo de trabajo' })).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  await dialog
    .getByRole('textbox', { name: 'Correo de trabajo' })
    .fill(`fiscal.${word()}@fiscalia.example.ec`);
  await screenshot('training-enrol-dialog', false);
  await expectAccessible(page, 'enrol dialog, filled', false);
  await dialog.getByRole('button', { name: 'Inscribir' }).click();
  await expect(dialog).toBeHidden();
  await expect(panel.getByRole('status')).toHaveText('Se inscribió a la persona en el programa.');
  await expect(panel.getByRole('table').getByRole('row')).toHaveCount(SEEDED + 2);
  await expect(panel.getByRole('row', { name: new RegExp(CANARY) })).toContainText('No aprobó');
  const roster = await coordinatorApi.request<{
    items: { participantId: string; fullName: string }[];
  }>('GET', `/api/v1/trainings/programmes/${programmeId}/enrolments`);
  canaryId = roster.items.find((p) => p.fullName === CANARY_NAME)?.participantId ?? '';
  expect(canaryId).not.toBe('');
  await leaks.recordTitle();
  await expectAccessible(page, 'participants');

  await inEnglish(async () => {
    const english = page.getByRole('tabpanel', { name: /Participants/ });
    await english.getByRole('button', { name: 'Enrol a person' }).click();
    const enrol = page.getByRole('dialog', { name: 'Enrol a person' });
    await expect(enrol).toContainText('never victims');
    await expectAccessible(page, 'enrol dialog [en]', false);
    await enrol.getByRole('button', { name: 'Cancel' }).click();
    await expect(enrol).toBeHidden();
    await english
      .getByRole('button', { name: `Remove from the programme: ${CANARY_NAME}` })
      .click();
    const remove = page.getByRole('alertdialog', {
      name: 'Remove this person from the programme?',
    });
    await expectAccessible(page, 'remove dialog [en]', false);
    await remove.getByRole('button', { name: 'Cancel' }).click();
    await expect(remove).toBeHidden();
  });
  await panel.getByRole('button', { name: `Quitar del programa: ${CANARY_NAME}` }).click();
  const remove = page.getByRole('alertdialog', { name: '¿Quitar a esta persona del programa?' });
  await expectAccessible(page, 'remove dialog', false);
  await remove.getByRole('button', { name: 'Cancelar' }).click();
  await expect(remove).toBeHidden();
});

test('the first session on a phone: everyone present, two taken off, saved in one request', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('tab', { name: /Sesiones/ }).click();
  await page.getByRole('link', { name: /^Tomar asistencia: Sesión 1,/ }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Asistencia a la sesión' }),
  ).toBeVisible();
  const total = SEEDED + 1;
  const bar = page.getByRole('region', { name: 'Guardar la asistencia' });
  await expect(bar).toContainText(`0 de ${total} presentes`);
  await expect(page.getByRole('checkbox')).toHaveCount(total);
  await screenshot('attendance-empty-390', false);
  await expectAccessible(page, 'attendance sheet (phone)');

  await page.getByRole('button', { name: 'Marcar a todos presentes' }).click();
  await expect(bar).toContainText(`${total} de ${total} presentes`);
  await expect(bar).toContainText(`${total} cambios sin guardar`);
  const first = page.getByRole('checkbox', { name: seeded[0]?.name, exact: true });
  const second = page.getByRole('checkbox', { name: seeded[1]?.name, exact: true });
  // A tap anywhere on the row (its label) toggles it.
  await page.locator('label', { hasText: seeded[0]?.name ?? '' }).click();
  await expect(first).not.toBeChecked();
  // The keyboard: Space on the focused row toggles it.
  await second.focus();
  await page.keyboard.press('Space');
  await expect(second).not.toBeChecked();
  await expect(bar).toContainText(`${total - 2} de ${total} presentes`);
  await screenshot('attendance-marked-390', false);
  await expectAccessible(page, 'attendance sheet (phone), marked');

  // Leaving with marks not saved asks first.
  await page.getByRole('link', { name: 'Volver al programa' }).click();
  const leave = page.getByRole('alertdialog', { name: '¿Salir sin guardar?' });
  await expect(leave).toBeVisible();
  await screenshot('attendance-leave-guard-390', false);
  await expectAccessible(page, 'leave guard dialog', false);
  await leave.getByRole('button', { name: 'Seguir aquí' }).click();
  await expect(page).toHaveURL(/\/attendance$/);
  await inEnglish(async () => {
    await page.getByRole('link', { name: 'Back to the programme' }).click();
    const english = page.getByRole('alertdialog', { name: 'Leave without saving?' });
    await expectAccessible(page, 'leave guard dialog [en]', false);
    await english.getByRole('button', { name: 'Stay here' }).click();
    await expect(english).toBeHidden();
  });

  // One request saves the whole sheet: everyone enrolled, present or absent.
  const puts: string[] = [];
  const countPuts = (r: { method: () => string; url: () => string }) => {
    if (r.method() === 'PUT' && r.url().includes('/attendance')) puts.push(r.url());
  };
  page.on('request', countPuts);
  const saving = page.waitForResponse(
    (r) => r.request().method() === 'PUT' && r.url().includes('/attendance'),
  );
  await bar.getByRole('button', { name: 'Guardar asistencia' }).click();
  const saved = (await (await saving).json()) as {
    entries: unknown[];
    present: number;
    absent: number;
  };
  expect(saved.entries).toHaveLength(total);
  expect([saved.present, saved.absent]).toEqual([total - 2, 2]);
  await expect(page.getByRole('status').filter({ hasText: 'Se guardó la asistencia' })).toHaveText(
    `Se guardó la asistencia: ${total - 2} de ${total} presentes.`,
  );
  await expect(bar).toContainText('Asistencia guardada');
  page.off('request', countPuts);
  expect(puts).toHaveLength(1);
  await screenshot('attendance-saved-390');
  await inEnglish(async () => {
    await expect(page.getByRole('heading', { level: 1, name: 'Session attendance' })).toBeVisible();
    await expectAccessible(page, 'attendance sheet [en]', false);
  });
  await page.getByRole('link', { name: 'Volver al programa' }).click();
  await expect(page.getByRole('heading', { level: 1, name: NAME })).toBeVisible();
  await screenshot('training-programme-390');
  await page.setViewportSize({ width: 1280, height: 900 });
});

test('a sheet someone else saved meanwhile is not overwritten unasked', async () => {
  const { sessions } = await programme();
  const [, second, third] = sessions;
  if (!second || !third) throw new Error('three sessions expected');
  const everyoneBut = (absent: string[]) => ({
    entries: [...seeded.map((p) => p.id), canaryId].map((id) => ({
      participantId: id,
      present: !absent.includes(id),
    })),
  });
  const sheet = (id: string) =>
    `/api/v1/trainings/programmes/${programmeId}/sessions/${id}/attendance`;
  await coordinatorApi.request('PUT', sheet(second.id), everyoneBut([seeded[0]?.id ?? '']));

  await page.goto(`/trainings/${programmeId}/sessions/${third.id}/attendance`);
  await page.getByRole('button', { name: 'Marcar a todos presentes' }).click();
  // Someone else saves the same sheet first.
  await coordinatorApi.request('PUT', sheet(third.id), everyoneBut([seeded[2]?.id ?? '']));
  await page.getByRole('button', { name: 'Guardar asistencia' }).click();
  const conflict = page
    .getByRole('alert')
    .filter({ hasText: 'Otra persona guardó esta hoja de asistencia' });
  await expect(conflict).toBeVisible();
  await expectAccessible(page, 'attendance sheet, conflict', false);
  await conflict.getByRole('button', { name: 'Cargar la hoja actual' }).click();
  await expect(conflict).toBeHidden();
  await expect(
    page.getByRole('checkbox', { name: seeded[2]?.name, exact: true }),
  ).not.toBeChecked();
  await expect(page.getByRole('region', { name: 'Guardar la asistencia' })).toContainText(
    `${SEEDED} de ${SEEDED + 1} presentes`,
  );
});

test('scores in the grid; completion computed by the server, with the reason', async () => {
  // Most scores through the API: P04 below the minimum, P05 without a final score.
  await coordinatorApi.request('PUT', `/api/v1/trainings/programmes/${programmeId}/scores`, {
    entries: seeded.map((p, i) => ({
      participantId: p.id,
      preScore: 50,
      ...(i === 4 ? {} : { postScore: i === 3 ? 60 : 80 }),
    })),
  });
  await page.goto(`/trainings/${programmeId}?tab=scores`);
  const panel = page.getByRole('tabpanel', { name: 'Evaluaciones' });
  const pre = panel.getByRole('textbox', { name: `${CANARY_NAME} Inicial` });
  const post = panel.getByRole('textbox', { name: `${CANARY_NAME} Final` });
  await pre.fill('55');
  await post.fill('120');
  await panel.getByRole('button', { name: 'Guardar notas' }).click();
  await expect(post).toHaveAttribute('aria-invalid', 'true');
  await expect(panel.getByRole('alert').filter({ hasText: 'Hay un problema' })).toBeVisible();
  await expectAccessible(page, 'scores grid with an error');
  await post.fill('85,5');
  await panel.getByRole('button', { name: 'Guardar notas' }).click();
  await expect(panel.getByRole('status')).toHaveText('Se guardaron las notas de 1 persona.');
  await expect(panel.getByRole('row', { name: new RegExp(CANARY) })).toContainText('+30,5');
  await screenshot('training-scores');
  await expectAccessible(page, 'scores grid');

  await page.getByRole('tab', { name: /Participantes/ }).click();
  const roster = page.getByRole('tabpanel', { name: /Participantes/ });
  const row = (name: string) => roster.getByRole('row', { name: new RegExp(name) });
  await expect(row(CANARY)).toContainText('Aprobó');
  await expect(row(CANARY)).toContainText('100,00 %');
  await expect(row(seeded[0]?.name ?? '')).toContainText('33,33 %');
  await expect(row(seeded[0]?.name ?? '')).toContainText('Asistencia menor a 9,6 h');
  await expect(row(seeded[3]?.name ?? '')).toContainText('Nota final menor a 70');
  await expect(row(seeded[4]?.name ?? '')).toContainText('Falta la nota final');
  await expect(roster).toContainText(`Aprobaron 36 de ${SEEDED + 1}.`);
  await screenshot('training-programme');
  await expectAccessible(page, 'participants and completion');
});

test('certificates: issued to everyone who completed, one downloaded, one revoked', async () => {
  await page.getByRole('tab', { name: 'Certificados' }).click();
  const panel = page.getByRole('tabpanel', { name: 'Certificados' });
  await panel.getByRole('button', { name: 'Emitir los 36 certificados pendientes' }).click();
  await expect(panel.getByRole('status')).toHaveText('Se emitieron 36 certificados.');
  const canaryRow = panel.getByRole('row', { name: new RegExp(CANARY) });
  await expect(canaryRow).toContainText('Emitido');
  await expect(canaryRow.getByRole('cell').nth(1)).toHaveText(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
  await expectAccessible(page, 'certificates');

  const downloading = page.waitForEvent('download');
  await canaryRow
    .getByRole('button', { name: `Descargar PDF del certificado de ${CANARY_NAME}` })
    .click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^certificado-[0-9A-Z-]+\.pdf$/);
  const file = await download.path();
  expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');

  const other = seeded[10]?.name ?? '';
  await panel.getByRole('button', { name: `Revocar el certificado de ${other}` }).click();
  const dialog = page.getByRole('alertdialog', { name: '¿Revocar este certificado?' });
  await dialog.getByRole('button', { name: 'Revocar certificado' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Motivo' })).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  await expectAccessible(page, 'revoke dialog', false);
  await dialog.getByRole('button', { name: 'Cancelar' }).click();
  await inEnglish(async () => {
    await page
      .getByRole('tabpanel', { name: 'Certificates' })
      .getByRole('button', { name: `Revoke the certificate of ${other}` })
      .click();
    const english = page.getByRole('alertdialog', { name: 'Revoke this certificate?' });
    await expectAccessible(page, 'revoke dialog [en]', false);
    await english.getByRole('button', { name: 'Cancel' }).click();
    await expect(english).toBeHidden();
  });
  await panel.getByRole('button', { name: `Revocar el certificado de ${other}` }).click();
  await dialog
    .getByRole('textbox', { name: 'Motivo' })
    .fill('Emitido con horas que no correspondían.');
  await dialog.getByRole('button', { name: 'Revocar certificado' }).click();
  await expect(dialog).toBeHidden();
  await expect(panel.getByRole('status')).toHaveText('Se revocó el certificado.');
  await expect(panel.getByRole('row', { name: new RegExp(other) })).toContainText(
    'Uno revocado el',
  );
  await screenshot('training-certificates');
  await expectAccessible(page, 'certificates after a revocation');
});

test("the year's figures", async () => {
  const { endsOn } = await programme();
  const year = endsOn.slice(0, 4);
  await page.goto('/trainings');
  await page.getByRole('link', { name: 'Cifras del año' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Cifras de capacitación del año' }),
  ).toBeVisible();
  await choose(page.getByRole('search'), /Año$/, year);
  const byProgramme = page.getByRole('region', { name: 'Por programa' });
  const row = byProgramme.getByRole('row', { name: new RegExp(NAME) });
  await expect(row.getByRole('cell').nth(2)).toHaveText(String(SEEDED + 1));
  await expect(row.getByRole('cell').nth(3)).toHaveText('36');
  await expect(row.getByRole('cell').nth(4)).toHaveText('87,80 %');
  await expect(page.getByRole('region', { name: 'Por sector' }).getByRole('table')).toBeVisible();
  await screenshot('training-summary');
  await expectAccessible(page, 'figures of the year');
});

test('no name typed reaches addresses, titles, storage or the log', async () => {
  await page.goto('/trainings');
  await leaks.expectNoLeaks([CANARY]);
});

test('a caseworker has no trainings: no menu item, and the address leads home', async ({
  browser,
}) => {
  const other = await personContext(browser);
  const reader = await other.newPage();
  try {
    await signInFirstTime(reader, caseworker, '/');
    const nav = reader.getByRole('navigation', { name: 'Navegación principal' });
    await expect(nav.getByRole('link').first()).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Capacitaciones' })).toHaveCount(0);
    await reader.goto(`/trainings/${programmeId}`);
    await expect(reader).not.toHaveURL(/\/trainings/);
    await expect(reader.getByText(NAME)).toHaveCount(0);
  } finally {
    await other.close();
  }
});

test('a partner has no trainings either', async ({ browser }) => {
  const admin = await adminSession();
  const institution = await createPartnerInstitution(admin, 'Fundación Capacitaciones');
  const partner = await createPartnerUser(admin, institution.id);
  const other = await personContext(browser);
  const reader = await other.newPage();
  try {
    await signInFirstTime(reader, partner, '/');
    const nav = reader.getByRole('navigation', { name: 'Navegación principal' });
    await expect(nav.getByRole('link').first()).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Capacitaciones' })).toHaveCount(0);
    await reader.goto('/trainings/summary');
    await expect(reader).not.toHaveURL(/\/trainings/);
  } finally {
    await other.close();
  }
});
