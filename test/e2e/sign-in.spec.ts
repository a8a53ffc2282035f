import { expect, test } from '@playwright/test';
import { expectAccessible, signIn, signInFirstTime } from './support/browser';
import { LeakWatch } from './support/leaks';
import { adminSession, createStaff, createTeam, unique } from './support/world';

test('a new caseworker signs in for the first time, signs out and in again', async ({ page }) => {
  const admin = await adminSession();
  const team = await createTeam(admin);
  const caseworker = await createStaff(admin, 'caseworker', team.id);
  const leaks = new LeakWatch(page);

  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expectAccessible(page, 'sign-in: credentials');

  // Wrong password: said in words, nothing about which part was wrong.
  await page.getByRole('textbox', { name: 'Correo electrónico' }).fill(caseworker.email);
  await page.getByRole('textbox', { name: 'Contraseña', exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: 'Continuar' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'El correo o la contraseña no son correctos.',
  );
  await expectAccessible(page, 'sign-in: wrong credentials', false);

  // The forced change explains the rules and says why a refusal happened.
  await page
    .getByRole('textbox', { name: 'Contraseña', exact: true })
    .fill(caseworker.initialPassword);
  await page.getByRole('button', { name: 'Continuar' }).click();
  await expect(page.getByRole('heading', { name: 'Cree su contraseña' })).toBeVisible();
  await expect(page.getByText(/Al menos 12 caracteres/)).toBeVisible();
  await expectAccessible(page, 'sign-in: password change');
  await page.getByRole('textbox', { name: 'Nueva contraseña', exact: true }).fill('amparo123456');
  await page.getByRole('textbox', { name: 'Repita la nueva contraseña' }).fill('amparo123456');
  await page.getByRole('button', { name: 'Guardar contraseña' }).click();
  await expect(page.getByText(/Es demasiado fácil de adivinar/)).toBeVisible();
  await expect(
    page.getByRole('textbox', { name: 'Nueva contraseña', exact: true }),
  ).toHaveAttribute('aria-invalid', 'true');
  await page.goto('/');

  const authenticator = await signInFirstTime(page, caseworker);
  await expect(page.getByRole('heading', { level: 1, name: 'Mi trabajo' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Navegación principal' })).toBeVisible();
  await expect(page.getByText(caseworker.displayName)).toBeVisible();

  await page.getByRole('button', { name: 'Cerrar sesión' }).click();
  await expect(page).toHaveURL(/\/sign-in\?reason=signed_out/);
  await expect(page.getByRole('status')).toContainText('Ha cerrado la sesión.');
  await page.goto('/cases');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fcases/);
  await signIn(page, caseworker, authenticator);
  await expect(page).toHaveURL(/\/cases$/);
  await leaks.expectNoLeaks([caseworker.initialPassword, 'Colibrí-ventana-naranja-47!']);
});

test('second-factor enrolment shows the QR code and the key, and is accessible in both languages', async ({
  page,
}) => {
  const admin = await adminSession();
  const team = await createTeam(admin);
  const supervisor = await createStaff(admin, 'supervisor', team.id);
  await page.goto('/sign-in');
  await page.getByRole('textbox', { name: 'Correo electrónico' }).fill(supervisor.email);
  await page
    .getByRole('textbox', { name: 'Contraseña', exact: true })
    .fill(supervisor.initialPassword);
  await page.getByRole('button', { name: 'Continuar' }).click();
  await page
    .getByRole('textbox', { name: 'Nueva contraseña', exact: true })
    .fill('Colibrí-ventana-naranja-47!');
  await page
    .getByRole('textbox', { name: 'Repita la nueva contraseña' })
    .fill('Colibrí-ventana-naranja-47!');
  await page.getByRole('button', { name: 'Guardar contraseña' }).click();
  await expect(page.getByRole('img', { name: /Código QR/ })).toBeVisible();
  await expect(page.getByTestId('totp-secret')).toHaveText(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
  await expectAccessible(page, 'sign-in: enrolment');
  await page.getByRole('textbox', { name: 'Código de 6 dígitos' }).fill('000000');
  await page.getByRole('button', { name: 'Activar y entrar' }).click();
  await expect(page.getByRole('alert')).toContainText('El código no es correcto');
});

test('lock-out says how long to wait; a busy server says to try again', async ({ page }) => {
  const email = `nadie.${unique()}@e2e.example`;
  await page.goto('/sign-in');
  const alert = page.getByRole('alert');
  for (let attempt = 1; attempt <= 11; attempt += 1) {
    await page.getByRole('textbox', { name: 'Correo electrónico' }).fill(email);
    await page
      .getByRole('textbox', { name: 'Contraseña', exact: true })
      .fill(`incorrecta-${attempt}`);
    await page.getByRole('button', { name: 'Continuar' }).click();
    await expect(alert).toBeVisible();
    if ((await alert.innerText()).includes('Demasiados intentos')) break;
  }
  await expect(alert).toContainText(/espere \d+ segundos/);

  await page.route('**/api/v1/auth/login', (route) =>
    route.fulfill({
      status: 503,
      headers: { 'content-type': 'application/problem+json', 'retry-after': '1' },
      body: JSON.stringify({ type: 'about:blank', title: 'Busy', status: 503, code: 'busy' }),
    }),
  );
  await page.getByRole('button', { name: 'Continuar' }).click();
  await expect(alert).toContainText('El servidor está atendiendo muchos inicios de sesión');
});

test('an idle session warns, ends, and sign-in returns to the same page', async ({ page }) => {
  const admin = await adminSession();
  const team = await createTeam(admin);
  const caseworker = await createStaff(admin, 'caseworker', team.id);
  await page.clock.install();
  const authenticator = await signInFirstTime(page, caseworker);
  await page.goto('/referrals');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // The sent box's own requests are activity: let them finish before time jumps.
  await page.waitForLoadState('networkidle');

  await page.clock.fastForward('13:30');
  const warning = page.getByRole('alertdialog', { name: '¿Sigue ahí?' });
  await expect(warning).toBeVisible();
  await expectAccessible(page, 'idle warning', false);
  await warning.getByRole('button', { name: 'Seguir conectado' }).click();
  await expect(warning).toBeHidden();

  await page.clock.fastForward('15:00');
  await expect(page).toHaveURL(/\/sign-in\?reason=idle&next=%2Freferrals/);
  await expect(page.getByRole('status')).toContainText('Cerramos su sesión por inactividad');
  await signIn(page, caseworker, authenticator);
  await expect(page).toHaveURL(/\/referrals$/);
});

test('a session ended on the server returns to sign-in with the page remembered', async ({
  page,
  context,
}) => {
  const admin = await adminSession();
  const team = await createTeam(admin);
  const caseworker = await createStaff(admin, 'caseworker', team.id);
  const authenticator = await signInFirstTime(page, caseworker, '/cases');
  await expect(page).toHaveURL(/\/cases$/);
  await page.waitForLoadState('networkidle');
  await context.clearCookies();
  await page.getByRole('link', { name: 'Derivaciones' }).click();
  await expect(page).toHaveURL(/\/sign-in\?reason=ended&next=%2Freferrals/);
  await signIn(page, caseworker, authenticator);
  await expect(page).toHaveURL(/\/referrals$/);
});
