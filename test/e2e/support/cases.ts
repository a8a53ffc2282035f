import { expect, type Locator, type Page } from '@playwright/test';
import { ApiSession } from './api-session';
import { E2E_BASE_URL } from './env';
import { STRONG_PASSWORD, type Staff } from './world';

/**
 * Presses Tab (and nothing else) until `target` has the focus: the keyboard
 * journey moves the way a person who cannot use a mouse does.
 */
export async function tabTo(page: Page, target: Locator, limit = 120): Promise<void> {
  const handle = await target.elementHandle();
  if (!handle) throw new Error('tabTo: the target is not on the page');
  for (let presses = 0; presses < limit; presses += 1) {
    if (await handle.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`tabTo: not reached after ${limit} presses of Tab`);
}

/** The first segment (day, in Spanish) of a date field found by its label. */
export const dateSegment = (page: Page, label: string) =>
  page.getByRole('group', { name: label, exact: true }).getByRole('spinbutton').first();

/** A tiny valid PDF (one empty page): what a caseworker would attach. */
export function tinyPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A member of staff signed in through the API (first sign-in: password change, enrolment). */
export async function staffSession(staff: Staff): Promise<ApiSession> {
  const session = new ApiSession(E2E_BASE_URL);
  await session.signIn(staff.email, staff.initialPassword, STRONG_PASSWORD);
  return session;
}

export interface CaseRecord {
  id: string;
  version: number;
  caseNumber: string;
}

/** A case registered through the API, for journeys that start from an existing case. */
export async function registerCase(
  session: ApiSession,
  identity: Record<string, string>,
): Promise<CaseRecord> {
  const result = await session.request<{ case: CaseRecord }>('POST', '/api/v1/cases', {
    identifiedOn: '2026-03-02',
    riskLevel: 'medium',
    identity,
    attributes: { sex: 'Female', traffickingStatus: 'Possible', ageAtIdentification: 30 },
  });
  return result.case;
}

/** The case page after intake or save. */
export async function expectCasePage(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: 'Ficha del caso' })).toBeVisible();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
}

export const textbox = (page: Page, name: string) =>
  page.getByRole('textbox', { name, exact: true });

/** Chooses an option of a list with the mouse (the keyboard journey is the first test). */
export async function choose(page: Page, field: RegExp, option: string) {
  await page.getByRole('button', { name: field }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

export async function fillRequired(page: Page, fullName: string) {
  if (fullName) await textbox(page, 'Nombre completo').fill(fullName);
  await choose(page, /Sexo o género/, 'Hombre');
  await dateSegment(page, 'Fecha de identificación').click();
  await page.keyboard.type('02032026');
  await choose(page, /Nivel de riesgo/, 'Medio');
  await page.getByText('Víctima identificada', { exact: true }).click();
}
