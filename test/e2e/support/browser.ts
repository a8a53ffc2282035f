import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { Authenticator } from './totp';
import { STRONG_PASSWORD, type Staff } from './world';

/**
 * The first sign-in of a new account, as its owner does it in the browser:
 * initial password, the forced change, second-factor enrolment from the key
 * shown as text beside the QR code, and the first code. Returns their app.
 */
export async function signInFirstTime(
  page: Page,
  staff: Pick<Staff, 'email' | 'initialPassword'>,
  path = '/',
): Promise<Authenticator> {
  await page.goto(path);
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByRole('textbox', { name: 'Correo electrónico' }).fill(staff.email);
  await page.getByRole('textbox', { name: 'Contraseña', exact: true }).fill(staff.initialPassword);
  await page.getByRole('button', { name: 'Continuar' }).click();

  await expect(page.getByRole('heading', { name: 'Cree su contraseña' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Nueva contraseña', exact: true }).fill(STRONG_PASSWORD);
  await page.getByRole('textbox', { name: 'Repita la nueva contraseña' }).fill(STRONG_PASSWORD);
  await page.getByRole('button', { name: 'Guardar contraseña' }).click();

  await expect(page.getByRole('heading', { name: 'Active el segundo factor' })).toBeVisible();
  await expect(page.getByRole('img', { name: /Código QR/ })).toBeVisible();
  const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
  const authenticator = new Authenticator(secret);
  await page.getByRole('textbox', { name: 'Código de 6 dígitos' }).fill(await authenticator.code());
  await page.getByRole('button', { name: 'Activar y entrar' }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
  return authenticator;
}

/** Signing in again (after sign-out or the end of a session). */
export async function signIn(
  page: Page,
  staff: Staff,
  authenticator: Authenticator,
): Promise<void> {
  await page.getByRole('textbox', { name: 'Correo electrónico' }).fill(staff.email);
  await page.getByRole('textbox', { name: 'Contraseña', exact: true }).fill(STRONG_PASSWORD);
  await page.getByRole('button', { name: 'Continuar' }).click();
  await page.getByRole('textbox', { name: 'Código de 6 dígitos' }).fill(await authenticator.code());
  await page.getByRole('button', { name: 'Entrar' }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}

/** Answers the step-up dialog the API's `step_up_required` opened. */
export async function confirmStepUp(page: Page, authenticator: Authenticator): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Confirme su identidad' });
  await expect(dialog).toBeVisible();
  await dialog
    .getByRole('textbox', { name: 'Código de verificación' })
    .fill(await authenticator.code());
  await dialog.getByRole('button', { name: 'Confirmar' }).click();
  await expect(dialog).toBeHidden();
}

/**
 * axe-core on what the page shows now (WCAG 2.1 A and AA): zero violations,
 * in Spanish and, when `bothLanguages`, after switching to English and back.
 */
export async function expectAccessible(page: Page, screen: string, bothLanguages = true) {
  const check = async (language: string) => {
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    const summary = results.violations.map(
      (v) => `${v.id} (${v.impact ?? ''}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
    expect(summary, `${screen} [${language}] has accessibility violations`).toEqual([]);
  };
  await check('es');
  if (!bothLanguages) return;
  const switcher = page.getByRole('group', { name: /Idioma|Language/ }).first();
  if ((await switcher.count()) === 0) return;
  await switcher.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await check('en');
  await switcher.getByRole('button', { name: 'Español' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
}
