import { execFileSync } from 'node:child_process';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import {
  choose,
  expectDialogAccessible,
  pkcs12Serial,
  signInAdminInBrowser,
} from './support/admin';
import { confirmStepUp, expectAccessible, signInFirstTime } from './support/browser';
import { LeakWatch } from './support/leaks';
import { readState } from './support/state';
import { personContext, untilStepUpLapsed } from './support/supervision';
import type { Authenticator } from './support/totp';
import { adminSession, unique, type Staff } from './support/world';

/**
 * The administrator's journey, in order, in one signed-in page: an
 * institution, a team, a partner user of the institution (step-up through the
 * dialog, the one-time password shown once), that user's first sign-in with
 * it, a generated certificate (downloaded once) revoked after confirmation,
 * and the user disabled. Signing in counts as a step-up for the server's window:
 * the journey waits that out once, before the first action that needs one.
 */
test.describe.configure({ mode: 'serial' });

let context: BrowserContext;
let page: Page;
let leaks: LeakWatch;
let authenticator: Authenticator;
let signedInAt: number;
let leadAgencyName: string;
const suffix = unique();
const institutionName = `Fiscalía Provincial de Prueba ${suffix}`;
const partner = {
  email: `fiscal.${suffix}@e2e.example`,
  displayName: `Fiscal Canario ${suffix}`,
};
let institutionUrl: string;
let userUrl: string;
/** A PEM certificate request for a fresh RSA key of `bits` (the key is thrown away). */
const certificateRequest = (bits: number) =>
  execFileSync(
    'openssl',
    [
      'req',
      '-new',
      '-newkey',
      `rsa:${bits}`,
      '-nodes',
      '-keyout',
      '/dev/null',
      '-subj',
      `/CN=fiscalia-${suffix}`,
      '-sha256',
    ],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
/** Secrets the screens showed once: none may leave the page's content. */
const canaries: string[] = [];

test.beforeAll(async ({ browser }) => {
  const admin = await adminSession();
  if (!admin.authenticator) throw new Error('the admin session has no authenticator');
  authenticator = admin.authenticator;
  leadAgencyName = (
    await admin.request<{ name: string }>('GET', `/api/v1/institutions/${readState().leadAgencyId}`)
  ).name;
  context = await personContext(browser);
  page = await context.newPage();
  leaks = new LeakWatch(page);
  await signInAdminInBrowser(page, authenticator);
  signedInAt = Date.now();
});

test.afterAll(async () => {
  await context.close();
});

test('the admin lists and filters institutions and creates one', async () => {
  await page.getByRole('link', { name: 'Instituciones' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Instituciones' })).toBeVisible();
  await expectAccessible(page, 'institutions');

  await choose(page, /Sector$/, 'Salud', page.getByRole('search'));
  await expect(page).toHaveURL(/sector=health/);
  await expect(page.getByRole('link', { name: 'Hospital General Municipal (demo)' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Justicia' })).toHaveCount(0);
  await choose(page, /Sector$/, 'Todos los sectores', page.getByRole('search'));

  const openCreate = (language: 'es' | 'en' = 'es') =>
    page
      .getByRole('button', {
        name: language === 'es' ? 'Nueva institución' : 'New institution',
        exact: true,
      })
      .click();
  await openCreate();
  const dialog = page.getByRole('dialog', { name: 'Nueva institución asociada' });
  await expect(dialog).toBeVisible();
  await expectDialogAccessible(page, 'new institution dialog', openCreate);

  // Nothing typed: the summary names each field, and the fields say why.
  await dialog.getByRole('button', { name: 'Crear institución' }).click();
  await expect(dialog.getByRole('alert').filter({ hasText: 'Hay un problema' })).toBeVisible();
  await expectAccessible(page, 'new institution with errors', false);

  await dialog.getByRole('textbox', { name: 'Nombre', exact: true }).fill(institutionName);
  await choose(page, /Sector$/, 'Justicia', dialog);
  await dialog
    .getByRole('textbox', { name: 'Correo de contacto' })
    .fill(`mesa.${suffix}@fiscalia.example`);
  await dialog.getByRole('textbox', { name: 'Teléfono de contacto' }).fill('+593 2 555 0101');
  await dialog.getByRole('button', { name: 'Crear institución' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Institución' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: institutionName })).toBeVisible();
  await expect(
    page.getByRole('status').filter({ hasText: 'Se creó la institución' }),
  ).toBeVisible();
  institutionUrl = new URL(page.url()).pathname;
  await expect(page.getByText('Esta institución no tiene certificados.')).toBeVisible();
  await expectAccessible(page, 'institution detail');

  // A change of the contact point alone asks for no code.
  await page.getByRole('textbox', { name: 'Nombre del punto de contacto' }).fill('Mesa de partes');
  await page.getByRole('button', { name: 'Guardar cambios' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Cambios guardados.' })).toBeVisible();
});

test('the admin creates a team', async () => {
  await page.getByRole('link', { name: 'Equipos' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Equipos' })).toBeVisible();
  await expectAccessible(page, 'teams');
  const team = `Equipo Litoral ${suffix}`;
  await page.getByRole('textbox', { name: 'Nombre del equipo' }).fill(team);
  await page.getByRole('button', { name: 'Crear equipo' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Se creó el equipo' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: team })).toBeVisible();
});

test('the admin creates a partner user after a step-up, and sees the one-time password once', async ({
  browser,
}) => {
  test.setTimeout(5 * 60_000);
  await page.getByRole('link', { name: 'Usuarios' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Usuarios' })).toBeVisible();
  await expectAccessible(page, 'users');

  await page.getByRole('link', { name: 'Nuevo usuario' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nuevo usuario' })).toBeVisible();
  await expectAccessible(page, 'new user');

  await untilStepUpLapsed(page, signedInAt);
  const form = page.locator('form');
  await form.getByRole('textbox', { name: 'Correo electrónico' }).fill(partner.email);
  await form.getByRole('textbox', { name: 'Nombre', exact: true }).fill(partner.displayName);
  await choose(page, /Función$/, 'Institución asociada', form);
  // The lead agency first: the server refuses the pair and names the role field.
  await choose(page, /Institución$/, leadAgencyName, form);
  await form.getByRole('button', { name: 'Crear usuario' }).click();
  await expectAccessible(page, 'step-up dialog', false);
  await confirmStepUp(page, authenticator);
  const summary = page.getByRole('alert').filter({ hasText: 'Hay un problema' });
  await expect(summary).toContainText('Esa función no corresponde a esa institución');
  // In the summary and on the role field itself.
  await expect(form.getByText(/Esa función no corresponde a esa institución/)).toHaveCount(2);
  await expectAccessible(page, 'new user refused by the server', false);

  await choose(page, /Institución$/, institutionName, form);
  await form.getByRole('button', { name: 'Crear usuario' }).click();
  const shown = page.getByTestId('initial-password');
  await expect(shown).toBeVisible();
  const initialPassword = (await shown.innerText()).trim();
  expect(initialPassword.length).toBeGreaterThanOrEqual(12);
  canaries.push(initialPassword);
  await expect(page.getByText('No se volverá a mostrar')).toBeVisible();
  await expectAccessible(page, 'one-time password');

  await page.getByRole('link', { name: 'Ver el usuario' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Usuario', exact: true })).toBeVisible();
  userUrl = new URL(page.url()).pathname;
  await expect(page.getByText(initialPassword)).toHaveCount(0);
  await expectAccessible(page, 'user detail');

  // Back: the creation screen starts empty; the password is gone for good.
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Nuevo usuario' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Crear usuario' })).toBeVisible();
  await expect(page.getByTestId('initial-password')).toHaveCount(0);
  await expect(page.getByText(initialPassword)).toHaveCount(0);
  const historyState = await page.evaluate(() => JSON.stringify(window.history.state));
  expect(historyState).not.toContain(initialPassword);

  // The password works: the partner signs in for the first time in a browser of their own.
  const theirs = await personContext(browser);
  try {
    const theirPage = await theirs.newPage();
    // signInFirstTime reads the email and the initial password only.
    const staff: Staff = { ...partner, id: '', role: 'caseworker', teamId: '', initialPassword };
    await signInFirstTime(theirPage, staff);
  } finally {
    await theirs.close();
  }
});

test('the admin issues a generated certificate, downloads it once and revokes it', async () => {
  await page.goto(institutionUrl);
  await expect(page.getByRole('heading', { level: 2, name: 'Certificados' })).toBeVisible();
  await page.getByRole('radio', { name: /Generar la clave aquí/ }).check({ force: true });
  await page.getByRole('button', { name: 'Emitir certificado' }).click();

  const password = page.getByTestId('pkcs12-password');
  await expect(password).toBeVisible();
  const bundlePassword = (await password.innerText()).trim();
  canaries.push(bundlePassword);
  await expectAccessible(page, 'certificate issued');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Descargar archivo .p12' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^certificado-[0-9a-f]+\.p12$/);
  await expect(page.getByText('Ya no se puede descargar de nuevo')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Descargar archivo .p12' })).toHaveCount(0);

  const table = page.getByRole('table', { name: /^1 (certificado|certificate)$/ });
  await expect(table).toBeVisible();
  const row = table.getByRole('row').nth(1);
  await expect(row).toContainText('Vigente');
  await expect(row).toContainText(/Del .+ al .+/);
  const serial = (await row.getByRole('rowheader').locator('.fingerprint').first().innerText())
    .trim()
    .replace(/^0+/, '');
  const inFile = (await pkcs12Serial(download, bundlePassword))
    .split(' ')
    .map((s) => s.replace(/^0+/, ''));
  expect(inFile).toContain(serial);

  await page.getByRole('button', { name: 'He terminado' }).click();
  await expect(page.getByTestId('pkcs12-password')).toHaveCount(0);

  const openRevoke = (language: 'es' | 'en' = 'es') =>
    row
      .getByRole('button', {
        name: language === 'es' ? /Revocar el certificado/ : /Revoke certificate/,
      })
      .click();
  await openRevoke();
  const dialog = page.getByRole('alertdialog', { name: '¿Revocar el certificado?' });
  await expect(dialog).toContainText('Las conexiones con TLS mutuo que lo presenten se rechazan.');
  await expect(dialog).toContainText('No se entregan ni se cifran paquetes para él.');
  await expectDialogAccessible(page, 'revoke certificate dialog', openRevoke);
  await dialog.getByRole('button', { name: 'Revocar certificado' }).click();
  await expect(dialog.getByText('Elija el motivo de la revocación.')).toBeVisible();
  await choose(page, /Motivo$/, 'Reemplazado por otro', dialog);
  await dialog.getByRole('button', { name: 'Revocar certificado' }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByRole('status').filter({ hasText: 'El certificado quedó revocado.' }),
  ).toBeVisible();
  await expect(row).toContainText('Revocado');
  await expect(row.getByRole('button', { name: /Revocar/ })).toHaveCount(0);
  await expectAccessible(page, 'certificate revoked');

  // From the institution's own request: a weak key is refused on the file field, a good one issued.
  await page
    .getByRole('radio', { name: /Desde una solicitud de certificado/ })
    .check({ force: true });
  const csrFile = page.getByLabel('Archivo de la solicitud (CSR)');
  await csrFile.setInputFiles({
    name: 'fiscalia.csr',
    mimeType: 'application/pkcs10',
    buffer: certificateRequest(1024),
  });
  await page.getByRole('button', { name: 'Emitir certificado' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'Hay un problema' });
  await expect(refusal).toContainText('La clave RSA debe tener al menos 2048 bits.');
  await expect(csrFile).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'certificate request refused', false);
  await csrFile.setInputFiles({
    name: 'fiscalia.csr',
    mimeType: 'application/pkcs10',
    buffer: certificateRequest(2048),
  });
  await page.getByRole('button', { name: 'Emitir certificado' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Se emitió el certificado' }),
  ).toBeVisible();
  const both = page.getByRole('table', { name: '2 certificados' });
  await expect(both.getByRole('row').filter({ hasText: 'Solicitud (CSR)' })).toContainText(
    'Vigente',
  );
});

test('the admin disables the partner user, then the institution and enables it again', async () => {
  // Found by part of the email: the term travels in a request body, never in an address.
  await page.getByRole('link', { name: 'Usuarios' }).click();
  await page.getByRole('searchbox', { name: 'Buscar por correo' }).fill(`fiscal.${suffix}`);
  await page.getByRole('button', { name: 'Buscar', exact: true }).click();
  await expect(page.getByRole('table', { name: '1 usuario, por correo' })).toBeVisible();
  await expectAccessible(page, 'users found by email');
  await page.getByRole('link', { name: partner.email }).click();
  await expect(page).toHaveURL(new RegExp(`${userUrl}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Usuario', exact: true })).toBeVisible();
  await expect(page.getByText('Activado', { exact: true })).toBeVisible();
  // A password reset (step-up still fresh): a new one-time password, shown once.
  await page.getByRole('button', { name: 'Restablecer contraseña' }).click();
  const reset = page.getByRole('alertdialog', { name: '¿Restablecer la contraseña?' });
  await expect(reset).toContainText('La contraseña actual deja de valer');
  await reset.getByRole('button', { name: 'Restablecer', exact: true }).click();
  await expect(reset).toBeHidden();
  const resetShown = page.getByTestId('reset-password');
  await expect(resetShown).toBeVisible();
  canaries.push((await resetShown.innerText()).trim());
  await expect(page.getByText('Debe cambiarla al entrar')).toBeVisible();

  const openDisable = (language: 'es' | 'en' = 'es') =>
    page
      .getByRole('button', { name: language === 'es' ? 'Deshabilitar cuenta' : 'Disable account' })
      .click();
  await openDisable();
  const dialog = page.getByRole('alertdialog', { name: '¿Deshabilitar la cuenta?' });
  await expect(dialog).toContainText('La persona no podrá iniciar sesión.');
  await expectDialogAccessible(page, 'disable account dialog', openDisable);
  await dialog.getByRole('button', { name: 'Deshabilitar', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByRole('status').filter({ hasText: 'La cuenta quedó deshabilitada.' }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Habilitar cuenta' })).toBeVisible();
  await expectAccessible(page, 'disabled user');

  await page.goto(institutionUrl);
  const openStatus = (language: 'es' | 'en' = 'es') =>
    page
      .getByRole('button', {
        name: language === 'es' ? 'Deshabilitar institución' : 'Disable institution',
      })
      .click();
  await openStatus();
  const disable = page.getByRole('alertdialog', { name: '¿Deshabilitar la institución?' });
  await expect(disable).toContainText('Sus certificados dejan de abrir conexiones');
  await expectDialogAccessible(page, 'disable institution dialog', openStatus);
  await disable.getByRole('button', { name: 'Deshabilitar', exact: true }).click();
  await expect(disable).toBeHidden();
  await expect(
    page.getByText('Una institución deshabilitada no puede recibir certificados'),
  ).toBeVisible();

  // Enabling gives access back: a step-up (still fresh from creating the user).
  await page.getByRole('button', { name: 'Habilitar institución' }).click();
  const enable = page.getByRole('alertdialog', { name: '¿Habilitar la institución?' });
  await expect(enable).toContainText('se le pedirá un código de verificación');
  await enable.getByRole('button', { name: 'Habilitar', exact: true }).click();
  await expect(enable).toBeHidden();
  await expect(
    page.getByRole('status').filter({ hasText: 'La institución quedó habilitada.' }),
  ).toBeVisible();
});

test('no one-time secret reached storage, addresses, titles, the console or the server log', async () => {
  expect(canaries).toHaveLength(3);
  await leaks.expectNoLeaks([...canaries, partner.email]);
});
