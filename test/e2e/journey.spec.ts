import { expect, test } from '@playwright/test';
import { expectAccessible, signInFirstTime } from './support/browser';
import { expectCasePage, fillRequired, textbox } from './support/cases';
import { LeakWatch } from './support/leaks';
import { adminSession, createStaff, createTeam } from './support/world';

const CANARY = { name: 'CANARIO-JORNADA-Z3', phone: '+593 99 700 0733' };
const HOSPITAL = /Hospital General Municipal/;

/**
 * The caseworker's whole path through the application, from the first
 * sign-in: register a person, record their consent, refer them to a
 * hospital, see the referral as sent. Only the browser is used; the
 * supervisor's screens are never loaded on the way.
 */
test('a caseworker registers a person, records consent, refers them to a hospital and sees it sent', async ({
  page,
}) => {
  const admin = await adminSession();
  const team = await createTeam(admin);
  const caseworker = await createStaff(admin, 'caseworker', team.id);
  const leaks = new LeakWatch(page);
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });

  await signInFirstTime(page, caseworker);
  await expect(page.getByRole('heading', { level: 1, name: 'Mi trabajo' })).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: 'Casos' }).click();
  await page.getByRole('link', { name: 'Registrar persona' }).click();
  await fillRequired(page, CANARY.name);
  await textbox(page, 'Teléfono').fill(CANARY.phone);
  await page.getByRole('button', { name: 'Registrar caso' }).click();
  await expectCasePage(page);
  await expect(page.getByText(CANARY.name)).toBeVisible();

  await page.getByRole('tab', { name: 'Consentimientos' }).click();
  await page.getByRole('link', { name: 'Registrar un consentimiento' }).click();
  await page.getByRole('checkbox', { name: 'Intercambio de información' }).check({ force: true });
  await page.getByRole('button', { name: /Sector/ }).click();
  await page.getByRole('option', { name: 'Salud', exact: true }).click();
  await page.getByRole('checkbox', { name: 'Salud', exact: true }).check({ force: true });
  await page.getByRole('button', { name: 'Registrar el consentimiento' }).click();
  await expect(page.getByText('Vigente')).toBeVisible();

  const caseUrl = page.url().replace(/\/consents$/, '');
  await page.goto(caseUrl);
  await page.getByRole('tab', { name: 'Derivaciones' }).click();
  await page.getByRole('link', { name: 'Nueva derivación' }).click();
  await page.getByRole('combobox', { name: 'Institución', exact: true }).fill('Hospital');
  await page.getByRole('option', { name: HOSPITAL }).click();
  await page.getByRole('checkbox', { name: 'Atención médica' }).check({ force: true });
  await page.getByRole('checkbox', { name: 'Salud', exact: true }).check({ force: true });
  await page.getByRole('button', { name: 'Enviar la derivación' }).click();
  await expect(page.getByText('Derivación enviada. La institución ya puede verla.')).toBeVisible();

  await page.getByRole('navigation').getByRole('link', { name: 'Derivaciones' }).click();
  const row = page.getByRole('row', { name: HOSPITAL });
  await expect(row).toContainText('Enviada');
  await expect(row).toContainText('Atención médica');
  await expectAccessible(page, 'sent box after the journey');

  // Routes are split: a caseworker's screens never load the supervisor's.
  expect(
    scripts.filter((path) => /ReviewQueue|BreakGlassPage|SupervisorActions/.test(path)),
  ).toEqual([]);
  await leaks.expectNoLeaks(Object.values(CANARY));
});
