import { expect, test } from '@playwright/test';
import { expectAccessible, signIn, signInFirstTime } from './support/browser';
import { LeakWatch } from './support/leaks';
import { apiStaff, seedCase, seedConsent, seedReferral } from './support/supervision';
import { adminSession, createStaff, createTeam, institutionOf } from './support/world';

const DAY = 24 * 60 * 60_000;

test('My work shows a caseworker their cases and referrals coming due, and a supervisor approvals and reviews', async ({
  page,
}) => {
  const admin = await adminSession();
  const team = await createTeam(admin);
  const otherTeam = await createTeam(admin);
  const caseworker = await apiStaff(admin, 'caseworker', team.id);
  const breaker = await apiStaff(admin, 'supervisor', otherTeam.id);
  const supervisor = await createStaff(admin, 'supervisor', team.id);
  const hospital = await institutionOf(caseworker.api, 'health');

  // The caseworker's cases: an adult with referrals, and a minor whose guardian consented.
  const adult = await seedCase(caseworker.api);
  const minor = await seedCase(caseworker.api, 15);
  await seedConsent(caseworker.api, adult.id);
  const guardian = await seedConsent(caseworker.api, minor.id, 'guardian');
  expect(guardian.status).toBe('pending_approval');
  await seedReferral(caseworker.api, adult.id, hospital.id, 3_000); // overdue in 3 s
  await seedReferral(caseworker.api, adult.id, hospital.id, DAY); // due tomorrow
  await seedReferral(caseworker.api, adult.id, hospital.id, 10 * DAY); // not yet a worry
  // Another team's supervisor opens the adult's case in an emergency: the team reviews it.
  await breaker.api.request('POST', `/api/v1/cases/${adult.id}/break-glass`, {
    justification: 'Llamada de la fiscalía de turno: riesgo inminente esta noche.',
  });
  await page.waitForTimeout(3_500);

  const leaks = new LeakWatch(page);
  await page.goto('/');
  await signIn(page, caseworker.staff, caseworker.authenticator);
  await expect(page.getByRole('heading', { level: 1, name: 'Mi trabajo' })).toBeVisible();

  const mine = page.getByRole('region', { name: /Mis casos/ });
  await expect(mine.getByRole('link', { name: adult.caseNumber })).toBeVisible();
  await expect(mine.getByRole('link', { name: minor.caseNumber })).toBeVisible();
  await expect(mine.getByRole('link', { name: 'Ver todos los casos' })).toHaveAttribute(
    'href',
    '/cases',
  );

  const due = page.getByRole('region', { name: /Derivaciones por vencer/ });
  await expect(due.getByRole('heading')).toContainText('2 sin acuse · 1 vencidas');
  const rows = due.getByRole('listitem');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText(hospital.name);
  await expect(rows.first()).toContainText('Vencida');
  await expect(rows.nth(1)).toContainText('Vence');
  // A caseworker has no approvals or review queue.
  await expect(page.getByRole('region', { name: /Cola de revisión/ })).toHaveCount(0);
  await expectAccessible(page, 'my work: caseworker');

  await page.getByRole('button', { name: 'Cerrar sesión' }).click();
  await signInFirstTime(page, supervisor);
  const teamCases = page.getByRole('region', { name: /Casos de mi equipo/ });
  await expect(teamCases.getByRole('link', { name: adult.caseNumber })).toBeVisible();
  await expect(teamCases.getByRole('row', { name: new RegExp(adult.caseNumber) })).toContainText(
    caseworker.staff.displayName,
  );

  const consents = page.getByRole('region', { name: /Consentimientos por aprobar/ });
  await expect(consents.getByRole('heading')).toContainText('1 pendiente');
  await expect(consents.getByRole('link', { name: `Caso ${minor.caseNumber}` })).toHaveAttribute(
    'href',
    `/cases/${minor.id}`,
  );
  await expect(consents).toContainText('Madre, padre o tutor legal');

  const reviews = page.getByRole('region', { name: /Cola de revisión/ });
  await expect(reviews.getByRole('heading')).toContainText('1 pendiente');
  await expect(reviews.getByRole('link', { name: 'Abrir la cola de revisión' })).toHaveAttribute(
    'href',
    '/reviews',
  );
  await expectAccessible(page, 'my work: supervisor');

  await leaks.expectNoLeaks([adult.fullName, minor.fullName]);
});

test('My work says so when there is nothing waiting', async ({ page }) => {
  const admin = await adminSession();
  const team = await createTeam(admin);
  const supervisor = await createStaff(admin, 'supervisor', team.id);
  await signInFirstTime(page, supervisor);
  await expect(page.getByText('Su equipo no tiene casos.')).toBeVisible();
  await expect(page.getByText(/Ninguna derivación suya está vencida/)).toBeVisible();
  await expect(page.getByText(/No hay consentimientos de su equipo/)).toBeVisible();
  await expect(page.getByText(/No hay accesos de emergencia/)).toBeVisible();
  await expectAccessible(page, 'my work: empty');
});
