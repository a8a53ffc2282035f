import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { confirmStepUp, expectAccessible, signInFirstTime } from './support/browser';
import { LeakWatch } from './support/leaks';
import {
  apiStaff,
  personContext,
  seedCase,
  typeInto,
  untilStepUpLapsed,
  type ApiStaff,
  type SeededCase,
} from './support/supervision';
import type { Authenticator } from './support/totp';
import { adminSession, createStaff, createTeam, type Staff } from './support/world';

/**
 * The supervisor's journeys, in order, sharing one world: two teams; the
 * owning team's supervisor (assigns, reviews, erases) and another team's
 * supervisor (breaks glass). Step-up needs a session older than five
 * minutes (signing in counts as one), so both sign in first.
 */
test.describe.configure({ mode: 'serial' });

interface Person {
  staff: Staff;
  context: BrowserContext;
  page: Page;
  authenticator: Authenticator;
  leaks: LeakWatch;
  /** Signing in counts as a step-up: the dialog shows once the window has lapsed. */
  signedInAt: number;
}

let owner: Person;
let outsider: Person;
let caseworker: ApiStaff;
let teammate: ApiStaff;
let otherCaseworker: ApiStaff;
const cases: Record<'assign' | 'breakGlass' | 'erase', SeededCase> = {} as never;
const JUSTIFICATION = 'La fiscalía de turno informa riesgo inminente; el equipo no contesta.';

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = await adminSession();
  const team = await createTeam(admin, `Equipo Norte ${Date.now()}`);
  const otherTeam = await createTeam(admin, `Equipo Sur ${Date.now()}`);
  caseworker = await apiStaff(admin, 'caseworker', team.id);
  teammate = await apiStaff(admin, 'caseworker', team.id);
  otherCaseworker = await apiStaff(admin, 'caseworker', otherTeam.id);
  cases.assign = await seedCase(caseworker.api);
  cases.breakGlass = await seedCase(caseworker.api);
  cases.erase = await seedCase(caseworker.api);

  const signedIn = async (staff: Staff): Promise<Person> => {
    const context = await personContext(browser);
    const page = await context.newPage();
    const leaks = new LeakWatch(page);
    const authenticator = await signInFirstTime(page, staff);
    return { staff, context, page, authenticator, leaks, signedInAt: Date.now() };
  };
  owner = await signedIn(await createStaff(admin, 'supervisor', team.id));
  outsider = await signedIn(await createStaff(admin, 'supervisor', otherTeam.id));
});

test.afterAll(async () => {
  await owner.context.close();
  await outsider.context.close();
});

test('a supervisor assigns a case within the team, then to another team', async () => {
  const { page } = owner;
  await page.goto(`/cases/${cases.assign.id}`);
  const actions = page.getByRole('region', { name: 'Acciones de supervisión' });
  await expect(actions).toContainText(`Asignado a ${caseworker.staff.displayName}`);
  const assignTo = actions.getByRole('combobox', { name: 'Asignar a', exact: true });

  await actions.getByRole('button', { name: 'Asignar', exact: true }).click();
  await expect(actions.getByText('Elija a quién asignar el caso.')).toBeVisible();

  await assignTo.fill(teammate.staff.displayName);
  await page.getByRole('option', { name: new RegExp(teammate.staff.displayName) }).click();
  await expectAccessible(page, 'supervisor actions');
  await actions.getByRole('button', { name: 'Asignar', exact: true }).click();
  await expect(actions.getByRole('status')).toContainText(
    `Caso asignado a ${teammate.staff.displayName}.`,
  );
  await expect(actions).toContainText(`Asignado a ${teammate.staff.displayName}`);

  // To another team's caseworker: said before, and the case leaves the supervisor's reach.
  await assignTo.fill(otherCaseworker.staff.displayName);
  await page.getByRole('option', { name: new RegExp(otherCaseworker.staff.displayName) }).click();
  await expect(
    actions.getByText(/el caso pasará a ese equipo y usted dejará de verlo/),
  ).toBeVisible();
  await actions.getByRole('button', { name: 'Asignar', exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('status').first()).toContainText('El caso pasó al equipo');
  await expect(
    page.getByRole('region', { name: /Casos de mi equipo/ }).getByText(cases.assign.caseNumber),
  ).toHaveCount(0);
  await expectAccessible(page, 'my work after a move');
});

test('another team’s supervisor breaks glass with a justification and a step-up, and sees the countdown', async () => {
  test.setTimeout(5 * 60_000);
  const { page } = outsider;
  await page.goto(`/cases/${cases.breakGlass.id}`);
  await expect(page.getByRole('alert')).toContainText('No se encontró');

  await page.goto(`/cases/${cases.breakGlass.id}/break-glass`);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Acceso de emergencia a un caso de otro equipo' }),
  ).toBeVisible();
  await expect(page.getByText(/dura 60 minutos/)).toBeVisible();
  await expectAccessible(page, 'break-glass');

  const justification = page.getByRole('textbox', { name: 'Justificación', exact: true });
  const open = page.getByRole('button', { name: 'Abrir el caso por 60 minutos' });
  await open.click();
  await expect(page.getByRole('alert')).toContainText('Escriba la justificación.');
  await justification.fill('Urgente');
  await open.click();
  await expect(page.getByRole('alert')).toContainText('al menos 20 caracteres');
  await expect(justification).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'break-glass: errors', false);
  await justification.fill(JUSTIFICATION);

  await untilStepUpLapsed(page, outsider.signedInAt);
  await open.click();
  await expectAccessible(page, 'break-glass: step-up', false);
  await confirmStepUp(page, outsider.authenticator);
  await expect(page).toHaveURL(new RegExp(`/cases/${cases.breakGlass.id}$`));
  const banner = page.getByRole('region', { name: 'Acceso de emergencia abierto' });
  await expect(banner).toContainText(/Le quedan (59|60) min \d\d s/);
  await expect(banner).toContainText('Solo puede leer el caso y añadir notas');
  await expect(page.getByText(cases.breakGlass.caseNumber)).toBeVisible();
  // Reached through break-glass: no supervisor actions, even for a supervisor.
  await expect(page.getByRole('region', { name: 'Acciones de supervisión' })).toHaveCount(0);
  const before = await banner.innerText();
  await expect(banner).not.toHaveText(before);
  await expectAccessible(page, 'case with break-glass banner');
  await outsider.leaks.expectNoLeaks([cases.breakGlass.fullName, JUSTIFICATION]);
});

test('the owning team’s supervisor reviews the break-glass in the queue', async () => {
  const { page } = owner;
  await page.goto('/');
  await expect(
    page.getByRole('region', { name: /Cola de revisión/ }).getByRole('heading'),
  ).toContainText('1 pendiente');
  await page.getByRole('link', { name: 'Abrir la cola de revisión' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cola de revisión' })).toBeVisible();
  const entry = page.getByRole('article', {
    name: `Acceso de emergencia · caso ${cases.breakGlass.caseNumber}`,
  });
  await expect(entry).toContainText(outsider.staff.displayName);
  await expect(entry).toContainText(JUSTIFICATION);
  await expect(entry).toContainText('Abierto hasta');
  await expectAccessible(page, 'review queue: pending');

  await entry.getByRole('button', { name: 'Registrar la revisión' }).click();
  await expect(entry.getByText('Elija un resultado.')).toBeVisible();
  await entry.getByRole('radio', { name: 'Justificado', exact: true }).check({ force: true });
  await entry.getByRole('button', { name: 'Registrar la revisión' }).click();
  await expect(page.getByRole('status').first()).toContainText(
    `Revisión registrada para el caso ${cases.breakGlass.caseNumber}: Justificado.`,
  );
  await expect(entry).toHaveCount(0);
  await expect(page.getByText('No hay nada por revisar.')).toBeVisible();

  await page.getByRole('tab', { name: 'Revisadas' }).click();
  const reviewed = page.getByRole('article', {
    name: `Acceso de emergencia · caso ${cases.breakGlass.caseNumber}`,
  });
  await expect(reviewed).toContainText('Justificado');
  await expect(reviewed).toContainText(`revisado por ${owner.staff.displayName}`);
  await expectAccessible(page, 'review queue: reviewed');
});

test('a supervisor erases a case: reason, typed case number, step-up', async () => {
  test.setTimeout(5 * 60_000);
  const { page } = owner;
  await untilStepUpLapsed(page, owner.signedInAt);
  await page.goto(`/cases/${cases.erase.id}`);
  const actions = page.getByRole('region', { name: 'Acciones de supervisión' });

  // The dialog in English first (the language switcher is outside the modal).
  await page
    .getByRole('group', { name: 'Idioma' })
    .getByRole('button', { name: 'English' })
    .click();
  await page.getByRole('button', { name: 'Erase the case…' }).click();
  await expect(page.getByRole('alertdialog', { name: /Erase case .* for good\?/ })).toBeVisible();
  await expectAccessible(page, 'erasure dialog [en]', false);
  await page.getByRole('button', { name: 'Do not erase' }).click();
  await page
    .getByRole('group', { name: 'Language' })
    .getByRole('button', { name: 'Español' })
    .click();

  await actions.getByRole('button', { name: 'Borrar el caso…' }).click();
  const dialog = page.getByRole('alertdialog', {
    name: `¿Borrar definitivamente el caso ${cases.erase.caseNumber}?`,
  });
  await expect(dialog).toContainText('El borrado no se puede deshacer.');
  await expect(dialog).toContainText('los datos identificativos');
  await expect(dialog).toContainText('Se conservan los datos no identificativos');
  const confirm = dialog.getByRole('button', { name: 'Borrar definitivamente' });
  await expect(confirm).toBeDisabled();
  await expectAccessible(page, 'erasure dialog', false);

  await dialog.getByRole('button', { name: /Motivo del borrado/ }).click();
  await page.getByRole('option', { name: 'Registro duplicado' }).click();
  await typeInto(page, 'Número del caso', 'TRT-0000-000000');
  await expect(confirm).toBeDisabled();
  await typeInto(page, 'Número del caso', cases.erase.caseNumber);
  await expect(confirm).toBeEnabled();
  await confirm.click();
  await expectAccessible(page, 'erasure: step-up over the dialog', false);
  await confirmStepUp(page, owner.authenticator);
  await expect(dialog).toBeHidden();
  await expect(actions).toContainText('Este caso fue borrado');

  await page.goto('/');
  const row = page
    .getByRole('region', { name: /Casos de mi equipo/ })
    .getByRole('row', { name: new RegExp(cases.erase.caseNumber) });
  await expect(row).toContainText('Borrado');
  await owner.leaks.expectNoLeaks([cases.erase.fullName, cases.assign.fullName]);
});
