import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { ApiSession } from './api-session';
import { E2E_BASE_URL, E2E_STEP_UP_WINDOW_SECONDS } from './env';
import { ecuadorDay } from './dates';
import type { Authenticator } from './totp';
import { createStaff, STRONG_PASSWORD, unique, type Staff, type StaffRole } from './world';

/** A staff member signed in through the API (set-up only), with their authenticator. */
export interface ApiStaff {
  staff: Staff;
  api: ApiSession;
  authenticator: Authenticator;
}

export async function apiStaff(admin: ApiSession, role: StaffRole, teamId: string) {
  const staff = await createStaff(admin, role, teamId);
  const api = new ApiSession(E2E_BASE_URL);
  await api.signIn(staff.email, staff.initialPassword, STRONG_PASSWORD);
  if (!api.authenticator) throw new Error('no authenticator');
  return { staff, api, authenticator: api.authenticator } satisfies ApiStaff;
}

export interface SeededCase {
  id: string;
  caseNumber: string;
  /** A canary: the person's name must never reach a URL, title, console, storage or log. */
  fullName: string;
}

/** A case registered by a caseworker (assigned to them), adult unless `age` says otherwise. */
export async function seedCase(session: ApiSession, age = 30): Promise<SeededCase> {
  const fullName = `Canario ${unique()} Paredes`;
  const created = await session.request<{ case: { id: string; caseNumber: string } }>(
    'POST',
    '/api/v1/cases',
    {
      identifiedOn: ecuadorDay(),
      riskLevel: 'high',
      identity: { fullName },
      attributes: { sex: 'Female', traffickingStatus: 'Possible', ageAtIdentification: age },
    },
  );
  return { id: created.case.id, caseNumber: created.case.caseNumber, fullName };
}

/** A consent for referrals to the health sector, minimal data: the person's own, or a guardian's (pending approval). */
export async function seedConsent(
  session: ApiSession,
  caseId: string,
  givenBy: 'person' | 'guardian' = 'person',
) {
  return session.request<{ id: string; status: string }>(
    'POST',
    `/api/v1/cases/${caseId}/consents`,
    {
      givenBy,
      method: 'written',
      givenAt: new Date().toISOString(),
      purposes: ['service_referral'],
      scope: [{ sectors: ['health'], categories: ['minimal'] }],
    },
  );
}

/** A referral to the institution, due for acknowledgement `dueInMs` from now. */
export async function seedReferral(
  session: ApiSession,
  caseId: string,
  institutionId: string,
  dueInMs: number,
) {
  return session.request<{ id: string }>('POST', '/api/v1/referrals', {
    caseId,
    institutionId,
    services: ['medical_care'],
    urgency: 'priority',
    acknowledgeBy: new Date(Date.now() + dueInMs).toISOString(),
  });
}

/** A browser context of its own (one signed-in person each), with the suite's settings. */
export async function personContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: E2E_BASE_URL,
    locale: 'es-EC',
    timezoneId: 'America/Guayaquil',
  });
}

/**
 * Signing in counts as a fresh step-up for the server's window (two minutes in
 * these journeys): to see the step-up dialog a journey waits until it has passed.
 */
export const STEP_UP_WINDOW_MS = E2E_STEP_UP_WINDOW_SECONDS * 1000;

export async function untilStepUpLapsed(page: Page, signedInAt: number): Promise<void> {
  const wait = signedInAt + STEP_UP_WINDOW_MS + 10_000 - Date.now();
  if (wait > 0) await page.waitForTimeout(wait);
}

/** The case number typed by hand, as a person copies it from the dialog. */
export async function typeInto(page: Page, name: string, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name, exact: true });
  await box.fill('');
  await box.pressSequentially(text);
  await expect(box).toHaveValue(text);
}
