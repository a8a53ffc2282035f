import { expect, test } from '@playwright/test';
import { expectAccessible, signInFirstTime } from './support/browser';
import {
  dateSegment,
  expectCasePage,
  fillRequired,
  registerCase,
  staffSession,
  tabTo,
  textbox,
  tinyPdf,
} from './support/cases';
import { LeakWatch } from './support/leaks';
import { adminSession, createStaff, createTeam, unique } from './support/world';

const CANARY = {
  name: 'CANARIO-NOMBRE-7Q',
  document: 'CANARIO-DOC-7Q',
  email: 'canario7q@example.org',
  address: 'CANARIO-DIRECCION-7Q',
  narrative: 'CANARIO-RELATO-7Q',
  note: 'CANARIO-NOTA-7Q',
  file: 'CANARIO-ARCHIVO-7Q',
};

test('a caseworker registers a person with the keyboard alone, adds a note and a file; nothing leaks', async ({
  page,
}) => {
  const admin = await adminSession();
  const team = await createTeam(admin);
  const caseworker = await createStaff(admin, 'caseworker', team.id);
  const leaks = new LeakWatch(page);
  await signInFirstTime(page, caseworker, '/cases');
  await expect(page.getByRole('heading', { level: 1, name: 'Casos' })).toBeVisible();
  await expectAccessible(page, 'case list');

  // Keyboard only from here to the case page: Tab, typing, Space and Enter.
  await tabTo(page, page.getByRole('link', { name: 'Registrar persona' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Registrar persona' })).toBeVisible();
  await leaks.recordTitle();
  const type = async (target: Parameters<typeof tabTo>[1], text: string) => {
    await tabTo(page, target);
    await page.keyboard.type(text);
  };
  await type(textbox(page, 'Nombre completo'), CANARY.name);
  await type(page.getByRole('button', { name: /Sexo o género/ }), 'Mujer');
  await type(dateSegment(page, 'Fecha de nacimiento'), '15032004');
  await type(textbox(page, 'Edad al ser identificada'), '21');
  await type(textbox(page, 'Tipo de documento de identidad'), 'Pasaporte');
  await type(textbox(page, 'Número de documento'), CANARY.document);
  const groups = page.getByRole('group', { name: 'Grupos en situación de vulnerabilidad' });
  await tabTo(page, groups.getByRole('checkbox', { name: 'Mujer' }));
  await page.keyboard.press('Space');
  await type(textbox(page, 'Correo electrónico'), CANARY.email);
  await type(textbox(page, 'Dirección'), CANARY.address);
  await type(dateSegment(page, 'Fecha de identificación'), '02032026');
  await type(page.getByRole('button', { name: /Nivel de riesgo/ }), 'Alto');
  await tabTo(page, page.getByRole('radio', { name: 'Posible víctima' }));
  await page.keyboard.press('Space');
  await type(textbox(page, 'Relato'), CANARY.narrative);
  await tabTo(page, page.getByRole('checkbox', { name: 'Trabajo forzoso' }));
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: /Sexo o género/ })).toContainText('Mujer');
  await expect(page.getByRole('button', { name: /Nivel de riesgo/ })).toContainText('Alto');
  await expectAccessible(page, 'intake form');
  await tabTo(page, page.getByRole('button', { name: 'Registrar caso' }));
  await page.keyboard.press('Enter');

  await expectCasePage(page);
  await leaks.recordTitle();
  await expect(page.getByText(/queda registrado quién la vio/)).toBeVisible();
  await expect(page.getByText(CANARY.name)).toBeVisible();
  await expect(page.getByText(/^TRT-\d{4}-\d{6}$/)).toBeVisible();
  await expect(page.getByText('Trabajo forzoso')).toBeVisible();

  // An append-only note.
  await textbox(page, 'Nueva nota').fill(CANARY.note);
  await page.getByRole('button', { name: 'Añadir nota' }).click();
  await expect(page.getByText('Nota añadida.')).toBeVisible();
  await expect(page.getByRole('list', { name: /Notas/ }).getByText(CANARY.note)).toBeVisible();

  // A file, uploaded with its progress, listed, and downloaded through a blob address.
  await page.getByRole('tab', { name: 'Archivos' }).click();
  await expect(page.getByText(/hasta 5 MB/)).toBeVisible();
  const pdf = tinyPdf();
  await page.getByLabel('Archivo', { exact: true }).setInputFiles({
    name: `${CANARY.file}.pdf`,
    mimeType: 'application/pdf',
    buffer: pdf,
  });
  await page.getByRole('button', { name: 'Subir archivo' }).click();
  await expect(page.getByText('Archivo subido.')).toBeVisible();
  await expect(page.getByRole('rowheader', { name: `${CANARY.file}.pdf` })).toBeVisible();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: `Descargar ${CANARY.file}.pdf` }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${CANARY.file}.pdf`);
  expect(download.url()).toMatch(/^blob:/);
  expect(download.url()).not.toContain(CANARY.file);
  await expectAccessible(page, 'case detail');

  await page.getByRole('link', { name: 'Editar datos' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Editar caso' })).toBeVisible();
  await expect(textbox(page, 'Nombre completo')).toHaveValue(CANARY.name);
  await leaks.recordTitle();
  await expectAccessible(page, 'case edit');

  await page.goto('/cases');
  await expect(page.getByRole('table')).toBeVisible();
  await expect(page.getByRole('table')).not.toContainText(CANARY.name);
  await expect(page.getByRole('cell', { name: caseworker.displayName })).toBeVisible();
  await expect(page.getByRole('cell', { name: team.name })).toBeVisible();
  await leaks.expectNoLeaks(Object.values(CANARY));
});

test('intake without a required field says so on the field and in the summary', async ({
  page,
}) => {
  const admin = await adminSession();
  const team = await createTeam(admin);
  const caseworker = await createStaff(admin, 'caseworker', team.id);
  await signInFirstTime(page, caseworker, '/cases/new');
  await expect(page.getByRole('heading', { level: 1, name: 'Registrar persona' })).toBeVisible();
  await fillRequired(page, '');
  await textbox(page, 'Teléfono').fill('llámeme');
  await page.getByRole('button', { name: 'Registrar caso' }).click();

  const summary = page.getByRole('alert').filter({ hasText: 'Hay un problema que corregir' });
  await expect(summary).toBeFocused();
  await expect(
    summary.getByRole('link', { name: /Nombre completo: Complete este campo/ }),
  ).toBeVisible();
  await expect(summary.getByRole('link', { name: /Teléfono: Escriba un teléfono/ })).toBeVisible();
  const name = textbox(page, 'Nombre completo');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toHaveAccessibleDescription(/Complete este campo/);
  await summary.getByRole('link', { name: /Nombre completo/ }).click();
  await expect(name).toBeFocused();
  await expectAccessible(page, 'intake with errors', false);
  await expect(page).toHaveURL(/\/cases\/new$/);
});

test('a stale edit shows what changed and keeps what the person typed', async ({ page }) => {
  const admin = await adminSession();
  const team = await createTeam(admin);
  const first = await createStaff(admin, 'caseworker', team.id);
  const second = await createStaff(admin, 'caseworker', team.id);
  const other = await staffSession(second);
  const kase = await registerCase(other, {
    fullName: `Persona ${unique()}`,
    phone: '+593 2 111 1111',
  });

  await signInFirstTime(page, first, `/cases/${kase.id}/edit`);
  await expect(page.getByRole('heading', { level: 1, name: 'Editar caso' })).toBeVisible();
  await expect(textbox(page, 'Teléfono')).toHaveValue('+593 2 111 1111');
  await textbox(page, 'Otros nombres o apodos').fill('La Flaca');
  await textbox(page, 'Teléfono').fill('+593 2 222 2222');

  // Meanwhile a colleague saves the same case.
  await other.request('PATCH', `/api/v1/cases/${kase.id}`, {
    version: kase.version,
    identity: { phone: '+593 2 333 3333' },
    attributes: { province: 'Pichincha' },
  });

  await page.getByRole('button', { name: 'Guardar cambios' }).click();
  const stale = page.getByRole('alert').filter({ hasText: 'Otra persona cambió este caso' });
  await expect(stale).toBeVisible();
  const phoneRow = stale.getByRole('row', { name: /Teléfono/ });
  await expect(phoneRow).toContainText('+593 2 111 1111');
  await expect(phoneRow).toContainText('+593 2 333 3333');
  await expect(phoneRow).toContainText('+593 2 222 2222');
  await expect(stale.getByRole('row', { name: /Provincia de identificación/ })).toContainText(
    'Usted no lo cambió',
  );
  await expectAccessible(page, 'stale edit', false);

  await page
    .getByRole('button', { name: 'Cargar la versión actual y conservar mis cambios' })
    .click();
  await expect(textbox(page, 'Otros nombres o apodos')).toHaveValue('La Flaca');
  await expect(textbox(page, 'Teléfono')).toHaveValue('+593 2 333 3333');
  await expect(textbox(page, 'Provincia de identificación')).toHaveValue('Pichincha');
  await expect(page.getByText('usted escribió «+593 2 222 2222»')).toBeVisible();
  await page.getByRole('button', { name: 'Usar mi valor en Teléfono' }).click();
  await expect(textbox(page, 'Teléfono')).toHaveValue('+593 2 222 2222');

  await page.getByRole('button', { name: 'Guardar cambios' }).click();
  await expectCasePage(page);
  await expect(page.getByText('La Flaca')).toBeVisible();
  await expect(page.getByText('+593 2 222 2222')).toBeVisible();
  await expect(page.getByText('Pichincha')).toBeVisible();
});

test('registering the same document number twice warns and names the team to ask', async ({
  page,
}) => {
  const admin = await adminSession();
  const team = await createTeam(admin);
  const caseworker = await createStaff(admin, 'caseworker', team.id);
  const colleague = await staffSession(await createStaff(admin, 'caseworker', team.id));
  const documentNumber = `DOC-${unique()}`;
  const existing = await registerCase(colleague, {
    fullName: `Persona ${unique()}`,
    documentNumber,
  });

  await signInFirstTime(page, caseworker, '/cases/new');
  await fillRequired(page, `Persona ${unique()}`);
  await textbox(page, 'Número de documento').fill(documentNumber);
  await page.getByRole('button', { name: 'Registrar caso' }).click();

  await expectCasePage(page);
  const warning = page.getByRole('status').filter({ hasText: 'Posible caso duplicado' });
  await expect(warning).toContainText(`Consulte al equipo «${team.name}»`);
  await expect(warning).toContainText('Número de documento');
  await expect(
    warning.getByRole('link', { name: `Abrir el caso ${existing.caseNumber}` }),
  ).toBeVisible();
  await expectAccessible(page, 'duplicate warning', false);
});
