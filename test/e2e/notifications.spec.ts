import { expect, test } from '@playwright/test';
import { ApiSession } from './support/api-session';
import { expectAccessible, signIn } from './support/browser';
import { createCase, recordConsent, sendReferral, signedInStaff } from './support/casework';
import { E2E_BASE_URL } from './support/env';
import { LeakWatch } from './support/leaks';
import { adminSession, createTeam, STRONG_PASSWORD, unique, type Staff } from './support/world';

/**
 * A partner institution of its own (no other journey's referral reaches it)
 * and one of its staff, signed in once through the API to enrol the second
 * factor. `signIn` reads only the email of a Staff.
 */
async function partnerOfNewInstitution(admin: ApiSession) {
  const institution = await admin.request<{ id: string; name: string }>(
    'POST',
    '/api/v1/institutions',
    { name: `Clínica Avisos ${unique()}`, sector: 'health' },
  );
  const email = `partner.${unique()}@e2e.example`;
  const created = await admin.request<{ id: string; initialPassword: string }>(
    'POST',
    '/api/v1/users',
    { email, displayName: `Socia ${unique()}`, institutionId: institution.id, role: 'partner' },
  );
  const session = new ApiSession(E2E_BASE_URL);
  await session.signIn(email, created.initialPassword, STRONG_PASSWORD);
  if (!session.authenticator) throw new Error('no authenticator');
  const staff: Staff = {
    id: created.id,
    email,
    displayName: 'partner',
    role: 'caseworker',
    initialPassword: created.initialPassword,
    teamId: '',
  };
  return { institution, staff, authenticator: session.authenticator };
}

test('a partner sees a new referral in the counter, follows it from the list and marks notices read', async ({
  page,
}) => {
  const leaks = new LeakWatch(page);
  const admin = await adminSession();
  const team = await createTeam(admin);
  const worker = await signedInStaff(admin, 'caseworker', team.id);
  const partner = await partnerOfNewInstitution(admin);
  const fullName = `Persona Canario ${unique()}`;
  const kase = await createCase(worker.session, fullName);
  await recordConsent(worker.session, kase.id, {
    scope: [{ institutionIds: [partner.institution.id], categories: ['minimal', 'health'] }],
  });

  await page.goto('/notifications');
  await signIn(page, partner.staff, partner.authenticator);
  await expect(page.getByRole('heading', { level: 1, name: 'Avisos' })).toBeVisible();
  await expect(page.getByText('No tiene avisos.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Avisos, ninguno sin leer' })).toBeVisible();

  // A referral arrives; the counter is refreshed when the partner moves on (never on a timer).
  const first = await sendReferral(worker.session, kase.id, partner.institution.id);
  await page.getByRole('link', { name: 'Bandeja de entrada' }).click();
  const bell = page.getByRole('link', { name: 'Avisos, 1 sin leer' });
  await expect(bell).toBeVisible();
  const second = await sendReferral(worker.session, kase.id, partner.institution.id);

  await bell.click();
  await expect(page).toHaveURL(/\/notifications$/);
  await expect(page.getByRole('link', { name: 'Avisos, 2 sin leer' })).toBeVisible();
  await expect(page.getByText('2 avisos sin leer.')).toBeVisible();
  const items = page
    .getByRole('listitem')
    .filter({ hasText: 'Nueva derivación para su institución' });
  await expect(items).toHaveCount(2);
  await expect(items.first()).toContainText('Se atiende en la bandeja de entrada');
  await expectAccessible(page, 'notifications');

  // The newest first: following it opens the referral in the inbox, and it counts as read.
  await items.first().getByRole('link', { name: 'Nueva derivación para su institución' }).click();
  await expect(page).toHaveURL(new RegExp(`/inbox/${second.id}$`));
  await expect(page.getByRole('link', { name: 'Avisos, 1 sin leer' })).toBeVisible();

  await page.getByRole('link', { name: 'Avisos, 1 sin leer' }).click();
  await expect(page.getByText('1 aviso sin leer.')).toBeVisible();
  const unread = page.getByRole('listitem').filter({ hasText: 'Sin leer' });
  await expect(unread).toHaveCount(1);
  await expect(unread.getByRole('link')).toHaveAttribute('href', `/inbox/${first.id}`);
  await unread
    .getByRole('button', { name: 'Marcar como leído: Nueva derivación para su institución' })
    .click();
  await expect(page.getByText('Ningún aviso sin leer.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Avisos, ninguno sin leer' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Marcar todos como leídos' })).toBeDisabled();
  await expectAccessible(page, 'notifications, all read');

  // Nothing of the case anywhere: no name, no case number.
  await expect(page.getByText(kase.caseNumber)).toHaveCount(0);
  await leaks.expectNoLeaks([fullName, kase.caseNumber]);
});

test('mark all as read', async ({ page }) => {
  const admin = await adminSession();
  const team = await createTeam(admin);
  const worker = await signedInStaff(admin, 'caseworker', team.id);
  const partner = await partnerOfNewInstitution(admin);
  const kase = await createCase(worker.session, `Persona Canario ${unique()}`);
  await recordConsent(worker.session, kase.id, {
    scope: [{ institutionIds: [partner.institution.id], categories: ['minimal'] }],
  });
  for (let i = 0; i < 3; i += 1) {
    await sendReferral(worker.session, kase.id, partner.institution.id);
  }
  await page.goto('/notifications');
  await signIn(page, partner.staff, partner.authenticator);
  await expect(page.getByText('3 avisos sin leer.')).toBeVisible();
  await page.getByRole('button', { name: 'Marcar todos como leídos' }).click();
  const done = page
    .getByRole('status')
    .filter({ hasText: 'Todos los avisos están marcados como leídos.' });
  await expect(done).toBeVisible();
  await expect(done).toBeFocused();
  await expect(page.getByRole('link', { name: 'Avisos, ninguno sin leer' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Sin leer' })).toHaveCount(0);
});
