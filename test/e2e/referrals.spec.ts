import { expect, test, type Page } from '@playwright/test';
import { confirmStepUp, expectAccessible, signIn } from './support/browser';
import {
  createCase,
  recordConsent,
  sendReferral,
  signedInStaff,
  type SignedInStaff,
} from './support/casework';
import { LeakWatch } from './support/leaks';
import { adminSession, createTeam, institutionOf, unique } from './support/world';

const HOSPITAL = 'Hospital General Municipal (demo)';

async function caseworkerWithCase(page: Page, path: (caseId: string) => string) {
  const admin = await adminSession();
  const team = await createTeam(admin);
  const worker = await signedInStaff(admin, 'caseworker', team.id);
  const fullName = `Persona Canario ${unique()}`;
  const kase = await createCase(worker.session, fullName);
  const hospital = await institutionOf(worker.session, 'health');
  await page.goto(path(kase.id));
  await signIn(page, worker.staff, authenticatorOf(worker));
  return { worker, kase, fullName, hospital };
}

const authenticatorOf = (worker: SignedInStaff) => {
  if (!worker.session.authenticator) throw new Error('no authenticator');
  return worker.session.authenticator;
};

/** Fills the referral form: the hospital, medical care, health data, priority. */
async function fillReferral(page: Page) {
  await page.getByRole('combobox', { name: 'Institución', exact: true }).fill('Hospital');
  await page.getByRole('option', { name: new RegExp(HOSPITAL.replace(/[()]/g, '.')) }).click();
  await expect(page.getByText('Sector: Salud')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Atención médica' }).check({ force: true });
  await page.getByRole('checkbox', { name: 'Salud', exact: true }).check({ force: true });
  await page.getByRole('radio', { name: 'Prioritaria' }).check({ force: true });
}

test('a caseworker records a consent, refers the person to a hospital and sees it in the sent box', async ({
  page,
}) => {
  const leaks = new LeakWatch(page);
  const { kase, fullName } = await caseworkerWithCase(page, (id) => `/cases/${id}/consents/new`);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Registrar un consentimiento' }),
  ).toBeVisible();
  await expectAccessible(page, 'record a consent');

  await page.getByRole('checkbox', { name: 'Intercambio de información' }).check({ force: true });
  await page.getByRole('button', { name: /Sector/ }).click();
  await page.getByRole('option', { name: 'Salud', exact: true }).click();
  await page.getByRole('checkbox', { name: 'Salud', exact: true }).check({ force: true });
  await page.getByRole('button', { name: 'Registrar el consentimiento' }).click();

  await expect(page).toHaveURL(new RegExp(`/cases/${kase.id}/consents$`));
  await expect(
    page.getByRole('status').filter({ hasText: 'Consentimiento registrado' }),
  ).toBeVisible();
  await expect(page.getByText('Vigente')).toBeVisible();
  await expectAccessible(page, 'consents of a case');

  await page.goto(`/cases/${kase.id}/referrals/new`);
  await expect(page.getByRole('heading', { level: 1, name: 'Nueva derivación' })).toBeVisible();
  await fillReferral(page);
  await expectAccessible(page, 'new referral');
  await page.getByRole('button', { name: 'Enviar la derivación' }).click();

  await expect(page).toHaveURL(/\/referrals\/[0-9a-f-]{36}$/);
  await expect(page.getByText('Derivación enviada. La institución ya puede verla.')).toBeVisible();
  await expect(page.getByRole('list').getByText('Enviada')).toBeVisible();
  await expectAccessible(page, 'referral detail');

  await page.getByRole('link', { name: 'Derivaciones' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Derivaciones enviadas' }),
  ).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp('Hospital General') });
  await expect(row).toContainText('Atención médica');
  await expect(row).toContainText('Prioritaria');
  await expectAccessible(page, 'sent box');
  await page.getByRole('checkbox', { name: /Solo las vencidas/ }).click({ force: true });
  await expect(page.getByRole('checkbox', { name: /Solo las vencidas/ })).toBeChecked();
  await expect(page.getByText('Ninguna derivación coincide con estos filtros.')).toBeVisible();
  await expect(page).toHaveURL(/overdue=true/);
  await leaks.expectNoLeaks([fullName]);
});

test('a referral refused for missing consent is sent once the consent is recorded from the refusal', async ({
  page,
}) => {
  const admin = await adminSession();
  const team = await createTeam(admin);
  const worker = await signedInStaff(admin, 'caseworker', team.id);
  const kase = await createCase(worker.session, `Persona ${unique()}`);
  // Referral to health is allowed, but only with the minimal data.
  await recordConsent(worker.session, kase.id, {
    purposes: ['service_referral'],
    scope: [{ sectors: ['health'], categories: ['minimal'] }],
  });
  await page.goto(`/cases/${kase.id}/referrals/new`);
  await signIn(page, worker.staff, authenticatorOf(worker));
  await fillReferral(page);
  await page.getByRole('button', { name: 'Enviar la derivación' }).click();

  const refusal = page.getByRole('alert').filter({ hasText: 'No se envió: falta consentimiento' });
  await expect(refusal).toBeVisible();
  await expect(refusal).toContainText(`compartir con ${HOSPITAL} (sector Salud)`);
  await expect(refusal.getByRole('listitem')).toHaveText([
    '«Intercambio de información» de los datos de «Salud»',
  ]);
  // Nothing typed is lost.
  await expect(page.getByRole('checkbox', { name: 'Atención médica' })).toBeChecked();
  await expectAccessible(page, 'referral refused for missing consent');

  await refusal.getByRole('button', { name: 'Registrar el consentimiento que falta' }).click();
  const dialog = page.getByRole('dialog', {
    name: 'Registrar el consentimiento para esta derivación',
  });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('radio', { name: 'Una institución concreta' })).toBeChecked();
  await expect(dialog.getByRole('combobox', { name: 'Institución' })).toHaveValue(
    /Hospital General/,
  );
  await expect(dialog.getByRole('checkbox', { name: 'Intercambio de información' })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: 'Salud', exact: true })).toBeChecked();
  await expectAccessible(page, 'consent dialog over a referral', false);
  await dialog.getByRole('button', { name: 'Registrar el consentimiento' }).click();

  await expect(page).toHaveURL(/\/referrals\/[0-9a-f-]{36}$/);
  await expect(page.getByText('Derivación enviada. La institución ya puede verla.')).toBeVisible();
  await expect(page.getByText('Salud', { exact: false }).first()).toBeVisible();
});

test('the vital-interest exception needs a justification and step-up, and goes to review', async ({
  page,
}) => {
  const { worker } = await caseworkerWithCase(page, (id) => `/cases/${id}/referrals/new`);
  await fillReferral(page);
  await page.getByRole('button', { name: 'Enviar la derivación' }).click();
  await page.getByRole('button', { name: 'Enviar sin consentimiento por interés vital…' }).click();

  const dialog = page.getByRole('alertdialog', {
    name: '¿Enviar por interés vital, sin consentimiento?',
  });
  await expect(dialog).toContainText('cola de revisión de su supervisor/a');
  await expectAccessible(page, 'vital-interest dialog', false);
  const justification = dialog.getByRole('textbox', { name: 'Justificación' });
  await justification.fill('Urgente');
  await dialog.getByRole('button', { name: 'Enviar por interés vital' }).click();
  await expect(dialog.getByText('Escriba al menos 20 caracteres.')).toBeVisible();
  await justification.fill('Hemorragia activa; la persona está inconsciente y sin acompañante.');

  // The sign-in's step-up is still fresh: the server is made to ask once, as once the window has lapsed.
  let asked = false;
  await page.route('**/api/v1/referrals', async (route) => {
    if (asked || route.request().method() !== 'POST') return route.fallback();
    asked = true;
    await route.fulfill({
      status: 401,
      contentType: 'application/problem+json',
      body: JSON.stringify({
        type: 'about:blank',
        title: 'Step-up',
        status: 401,
        code: 'step_up_required',
      }),
    });
  });
  await dialog.getByRole('button', { name: 'Enviar por interés vital' }).click();
  await confirmStepUp(page, authenticatorOf(worker));

  await expect(page).toHaveURL(/\/referrals\/[0-9a-f-]{36}$/);
  await expect(page.getByText(/Quedó en la cola de revisión de su supervisor\/a/)).toBeVisible();
  await expect(page.getByText('Interés vital').first()).toBeVisible();
  await expectAccessible(page, 'referral sent by vital interest');
});

test('a caseworker withdraws a referral with a reason', async ({ page }) => {
  const admin = await adminSession();
  const team = await createTeam(admin);
  const worker = await signedInStaff(admin, 'caseworker', team.id);
  const kase = await createCase(worker.session, `Persona ${unique()}`);
  const hospital = await institutionOf(worker.session, 'health');
  await recordConsent(worker.session, kase.id, {
    scope: [{ institutionIds: [hospital.id], categories: ['minimal'] }],
  });
  const referral = await sendReferral(worker.session, kase.id, hospital.id);
  await page.goto(`/referrals/${referral.id}`);
  await signIn(page, worker.staff, authenticatorOf(worker));

  await page.getByRole('button', { name: 'Retirar la derivación' }).click();
  const dialog = page.getByRole('alertdialog', { name: '¿Retirar esta derivación?' });
  await expect(dialog).toContainText(`${HOSPITAL} dejará de ver la derivación`);
  await dialog.getByRole('button', { name: 'Retirar la derivación' }).click();
  await expect(dialog.getByText('Elija el motivo.')).toBeVisible();
  await expectAccessible(page, 'withdraw dialog', false);
  await dialog.getByRole('button', { name: /Motivo/ }).click();
  await page.getByRole('option', { name: 'Enviada por error' }).click();
  await dialog.getByRole('button', { name: 'Retirar la derivación' }).click();

  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Derivación retirada' })).toBeVisible();
  await expect(page.getByText('Motivo: Enviada por error')).toBeVisible();
  await expect(page.getByText(/Cerrado y destruido: La derivación fue retirada/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Retirar la derivación' })).toHaveCount(0);
  await expectAccessible(page, 'withdrawn referral');
});
