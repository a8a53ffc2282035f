import { expect, type Page } from '@playwright/test';
import type { ApiSession } from './api-session';
import { expectAccessible } from './browser';
import { unique } from './world';

/**
 * A receiving institution created for one journey, so that its inbox holds
 * only that journey's referrals. Social protection by default: no demo
 * institution has that sector, so other journeys' `institutionOf` never picks it.
 */
export async function createPartnerInstitution(
  admin: ApiSession,
  name: string,
  sector = 'social_protection',
) {
  return admin.request<{ id: string; name: string; sector: string }>(
    'POST',
    '/api/v1/institutions',
    { name: `${name} ${unique()}`, sector },
  );
}

export interface PartnerUser {
  id: string;
  email: string;
  displayName: string;
  initialPassword: string;
  institutionId: string;
}

/** A member of a partner institution's staff, who has never signed in. */
export async function createPartnerUser(
  admin: ApiSession,
  institutionId: string,
): Promise<PartnerUser> {
  const email = `partner.${unique()}@e2e.example`;
  const displayName = `Trabajadora social ${unique()}`;
  const created = await admin.request<{ id: string; initialPassword: string }>(
    'POST',
    '/api/v1/users',
    { email, displayName, institutionId, role: 'partner' },
  );
  return {
    id: created.id,
    email,
    displayName,
    initialPassword: created.initialPassword,
    institutionId,
  };
}

/** A generated certificate for the institution: the PKCS#12 bundle (base64) and its password. */
export async function issueCertificate(admin: ApiSession, institutionId: string) {
  const password = `p12-${unique()}-${unique()}`;
  const issued = await admin.request<{ pkcs12: string }>(
    'POST',
    `/api/v1/institutions/${institutionId}/certificates`,
    { mode: 'generate', password },
  );
  return { pkcs12: Buffer.from(issued.pkcs12, 'base64'), password };
}

/**
 * axe on a confirmation dialog in English too: the language switcher sits
 * behind the modal, so the page is switched first, the dialog opened by its
 * English button, checked, cancelled, and the page switched back.
 */
export async function expectDialogAccessibleInEnglish(
  page: Page,
  screen: string,
  openWith: string,
  title: string,
): Promise<void> {
  const switcher = page.getByRole('group', { name: /Idioma|Language/ }).first();
  await switcher.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('button', { name: openWith, exact: true }).click();
  const dialog = page.getByRole('alertdialog', { name: title });
  await expect(dialog).toBeVisible();
  await expectAccessible(page, `${screen} [en]`, false);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await switcher.getByRole('button', { name: 'Español' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
}
