import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './support/browser';
import { createCase, recordConsent, sendReferral, signedInStaff } from './support/casework';
import { adminSession, createTeam, institutionOf, unique } from './support/world';

test("a supervisor approves a guardian's consent a caseworker recorded, never their own", async ({
  page,
}) => {
  const admin = await adminSession();
  const team = await createTeam(admin);
  const worker = await signedInStaff(admin, 'caseworker', team.id);
  const supervisor = await signedInStaff(admin, 'supervisor', team.id);
  const kase = await createCase(worker.session, `Niña ${unique()}`, { minor: true });
  const scope = [{ sectors: ['health'], categories: ['minimal', 'health'] }];
  await recordConsent(worker.session, kase.id, { givenBy: 'guardian', scope });
  await recordConsent(supervisor.session, kase.id, { givenBy: 'best_interest', scope });

  await page.goto(`/cases/${kase.id}/consents`);
  if (!supervisor.session.authenticator) throw new Error('no authenticator');
  await signIn(page, supervisor.staff, supervisor.session.authenticator);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Consentimientos del caso' }),
  ).toBeVisible();

  const own = page.getByRole('article').filter({ hasText: 'Determinación del interés superior' });
  const guardian = page.getByRole('article').filter({ hasText: 'Madre, padre o tutor legal' });
  await expect(own).toContainText('Pendiente de aprobación');
  await expect(own.getByRole('button', { name: /Aprobar/ })).toBeDisabled();
  await expect(own).toContainText('No puede aprobarlo: usted lo registró.');
  await expect(guardian).toContainText(worker.staff.displayName);
  await expectAccessible(page, 'consents awaiting approval');

  await guardian.getByRole('button', { name: /Aprobar/ }).click();
  await expect(guardian.getByRole('status')).toContainText('Consentimiento aprobado');
  await expect(guardian).toContainText('Vigente');
  await expect(guardian).toContainText(`Aprobado por${supervisor.staff.displayName}`);
});

test('revoking a consent says which referral it withdraws, then withdraws it', async ({ page }) => {
  const admin = await adminSession();
  const team = await createTeam(admin);
  const worker = await signedInStaff(admin, 'caseworker', team.id);
  const kase = await createCase(worker.session, `Persona ${unique()}`);
  const hospital = await institutionOf(worker.session, 'health');
  const shelter = await institutionOf(worker.session, 'shelter');
  await recordConsent(worker.session, kase.id, {
    scope: [{ sectors: ['health'], categories: ['minimal', 'health'] }],
  });
  await recordConsent(worker.session, kase.id, {
    scope: [{ institutionIds: [shelter.id], categories: ['minimal'] }],
  });
  const referral = await sendReferral(worker.session, kase.id, hospital.id, ['minimal', 'health']);
  await sendReferral(worker.session, kase.id, shelter.id);

  await page.goto(`/cases/${kase.id}/consents`);
  if (!worker.session.authenticator) throw new Error('no authenticator');
  await signIn(page, worker.staff, worker.session.authenticator);
  const health = page.getByRole('article').filter({ hasText: 'Sector Salud' });
  await health.getByRole('button', { name: 'Revocar la versión 1' }).click();

  const dialog = page.getByRole('alertdialog', { name: '¿Revocar el consentimiento (versión 1)?' });
  await expect(dialog).toContainText('Se retirarán estas derivaciones');
  await expect(dialog.getByRole('listitem')).toHaveText([
    /^Hospital General Municipal \(demo\): Atención médica/,
  ]);
  await expect(dialog).not.toContainText('Casa de Acogida');
  await expectAccessible(page, 'revocation confirmation', false);
  await dialog.getByRole('button', { name: /Motivo de la revocación/ }).click();
  await page.getByRole('option', { name: 'La persona lo retiró' }).click();
  await dialog.getByRole('button', { name: 'Revocar el consentimiento' }).click();

  await expect(dialog).toBeHidden();
  await expect(health.getByRole('status')).toContainText('Se retiró 1 derivación');
  await expect(health).toContainText('Revocado');
  await expect(health).toContainText('La persona lo retiró');
  await expectAccessible(page, 'consents after revocation');

  await page.goto(`/referrals/${referral.id}`);
  await expect(page.getByText('Retirada').first()).toBeVisible();
  await expect(page.getByText('Motivo: Se revocó el consentimiento')).toBeVisible();
  await expect(page.getByText(/Cerrado y destruido: El consentimiento fue revocado/)).toBeVisible();
});
