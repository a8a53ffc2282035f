import fs from 'node:fs';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import type { ApiSession } from './support/api-session';
import { accountSession, createAccount } from './support/audit';
import { expectAccessible } from './support/browser';
import { serverLogFile } from './support/env';
import { LeakWatch } from './support/leaks';
import { screenshot } from './support/statistics';
import { personContext } from './support/supervision';
import { adminSession, unique } from './support/world';

/**
 * The public verification of training certificates, by someone without an
 * account: a code typed (any case, no hyphens) or the link printed on the
 * certificate; a valid one, a revoked one (the day, never the reason), a
 * typo caught on the page, an unknown code. No request touches a session,
 * the page is never cached, and the holder's name, e-mail and position never
 * reach an address, a title, the console, storage or the server's log.
 * axe in both languages.
 */
test.describe.configure({ mode: 'serial' });

interface Certificate {
  id: string;
  participantId: string;
  holderName: string | null;
  code: string | null;
}

const suffix = unique();
const HOLDER = `Ñusta Quispe Verificación ${suffix}`;
const REVOKED_HOLDER = `Bruno Revocado ${suffix}`;
const EMAIL = `canario.${suffix}@hospital.example`;
const POSITION = `Cargo canario ${suffix}`;
const REASON = `Motivo reservado ${suffix}`;
const PROGRAMME = `Atención a víctimas de trata ${suffix}`;

let context: BrowserContext;
let page: Page;
let leaks: LeakWatch;
let valid: Certificate;
let revoked: Certificate;
const requests: string[] = [];

async function certify(coordinator: ApiSession): Promise<Certificate[]> {
  const programme = await coordinator.request<{ id: string }>(
    'POST',
    '/api/v1/trainings/programmes',
    {
      name: PROGRAMME,
      topic: 'Identificación y derivación de víctimas',
      targetSectors: ['health'],
      partnerInstitution: 'Universidad Central del Ecuador',
      modality: 'in_person',
      totalHours: 12.5,
      startsOn: '2026-03-03',
      endsOn: '2026-03-28',
    },
  );
  const base = `/api/v1/trainings/programmes/${programme.id}`;
  const sessions: { id: string }[] = [];
  for (const [day, hours] of [
    ['2026-03-03', 10],
    ['2026-03-10', 2.5],
  ] as const) {
    sessions.push(
      await coordinator.request<{ id: string }>('POST', `${base}/sessions`, {
        startsAt: `${day}T09:00:00-05:00`,
        hours,
        place: 'Aula magna',
      }),
    );
  }
  const participants: string[] = [];
  for (const fullName of [HOLDER, REVOKED_HOLDER]) {
    const created = await coordinator.request<{ id: string }>(
      'POST',
      '/api/v1/trainings/participants',
      {
        fullName,
        workEmail: fullName === HOLDER ? EMAIL : null,
        position: fullName === HOLDER ? POSITION : null,
        institutionName: 'Hospital General del Sur',
        sector: 'health',
      },
    );
    participants.push(created.id);
  }
  await coordinator.request('POST', `${base}/enrolments`, { participantIds: participants });
  for (const session of sessions) {
    await coordinator.request('PUT', `${base}/sessions/${session.id}/attendance`, {
      entries: participants.map((participantId) => ({ participantId, present: true })),
    });
  }
  const issued = await coordinator.request<{ items: Certificate[] }>(
    'POST',
    `${base}/certificates`,
    { allCompleted: true },
  );
  return participants.map((id) => issued.items.find((c) => c.participantId === id)!);
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = await adminSession();
  const coordinator = await accountSession(
    await createAccount(admin, 'coordinator', `Coordinadora ${unique()}`),
  );
  [valid, revoked] = (await certify(coordinator)) as [Certificate, Certificate];
  await coordinator.request('POST', `/api/v1/trainings/certificates/${revoked.id}/revoke`, {
    reason: REASON,
  });
  // A reader with nothing: no cookie, no storage.
  context = await personContext(browser);
  page = await context.newPage();
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  leaks = new LeakWatch(page);
});

test.afterAll(async () => {
  await context.close();
});

test('anyone types a code and sees who holds the certificate and for what', async () => {
  const response = await page.goto('/verificar');
  expect(response?.headers()['cache-control']).toBe('no-store');
  expect(response?.headers()['referrer-policy']).toBe('no-referrer');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Verificar un certificado de capacitación' }),
  ).toBeVisible();
  await expectAccessible(page, 'certificate verification form');
  // As someone reads it aloud: lower case, no hyphens.
  const typed = (valid.code ?? '').replace(/-/g, '').toLowerCase();
  await page.getByRole('textbox', { name: 'Código de verificación' }).fill(typed);
  await page.getByRole('button', { name: 'Verificar' }).click();
  await expect(page).toHaveURL(new RegExp(`/verificar/${valid.code}$`));
  const result = page.getByRole('region', { name: 'Certificado válido' });
  await expect(result.getByRole('status')).toContainText('sigue vigente');
  await expect(result).toContainText(HOLDER);
  await expect(result).toContainText(PROGRAMME);
  await expect(result).toContainText('12,5 horas');
  await expect(result).toContainText('Universidad Central del Ecuador');
  await expect(result).toContainText(valid.code ?? '');
  // Nothing else about the person, and nothing of the signed-in application.
  await expect(page.getByText(EMAIL)).toHaveCount(0);
  await expect(page.getByText(POSITION)).toHaveCount(0);
  await expect(page.getByText('Hospital General del Sur')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Cerrar sesión' })).toHaveCount(0);
  await expect(page).toHaveTitle('Verificar un certificado de capacitación · Amparo');
  await screenshot(page, 'certificate-valid');
  await expectAccessible(page, 'certificate valid');
});

test('the link printed on a revoked certificate says so, with the day and not the reason', async () => {
  const response = await page.goto(`/verificar/${revoked.code}`);
  expect(response?.headers()['cache-control']).toBe('no-store');
  const result = page.getByRole('region', { name: 'Certificado revocado' });
  await expect(result.getByRole('status')).toContainText(/fue revocado el .+: ya no acredita/);
  // Whose it was is not said once revoked.
  await expect(result).not.toContainText(REVOKED_HOLDER);
  await expect(result).toContainText('No se muestra en un certificado revocado.');
  await expect(page.getByText(REASON)).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Código de verificación' })).toHaveValue(
    revoked.code ?? '',
  );
  await screenshot(page, 'certificate-revoked');
  await expectAccessible(page, 'certificate revoked');
});

test('a typo is caught on the page; an unknown code is not found', async () => {
  await page.goto('/verificar');
  const code = valid.code ?? '';
  const typo = code.slice(0, -1) + (code.endsWith('0') ? '1' : '0');
  const before = requests.length;
  await page.getByRole('textbox', { name: 'Código de verificación' }).fill(typo);
  await page.getByRole('button', { name: 'Verificar' }).click();
  await expect(page.getByText('Este código no es válido')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Código de verificación' })).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  expect(requests.slice(before).filter((p) => p.startsWith('/api/'))).toEqual([]);
  await expectAccessible(page, 'certificate typo');

  // Well formed (its check symbol right), never issued.
  await page.goto('/verificar/ABCD-EFGH-JKMN-PQRM');
  const unknown = page.getByRole('region', { name: 'Certificado no encontrado' });
  await expect(unknown.getByRole('alert')).toContainText('No existe ningún certificado');
  await expectAccessible(page, 'certificate unknown');
  await page.goto('/verificar/a/b');
  await expect(page.getByRole('heading', { level: 1, name: 'Página no encontrada' })).toBeVisible();
});

test('in English too', async () => {
  await page.goto(`/verificar/${valid.code}`);
  await page
    .getByRole('group', { name: 'Idioma' })
    .getByRole('button', { name: 'English' })
    .click();
  const result = page.getByRole('region', { name: 'Valid certificate' });
  await expect(result).toContainText('12.5 hours');
  await expect(result).toContainText(HOLDER);
  await page
    .getByRole('group', { name: 'Language' })
    .getByRole('button', { name: 'Español' })
    .click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
});

test('no request touched a session; nothing personal reached addresses, titles, storage or logs', async () => {
  expect(requests.filter((p) => p.startsWith('/api/v1/auth'))).toEqual([]);
  const api = requests.filter((p) => p.startsWith('/api/'));
  expect(api.length).toBeGreaterThan(0);
  expect(api.filter((p) => !p.startsWith('/api/v1/public/certificates/'))).toEqual([]);
  expect(await context.cookies()).toEqual([]);
  await leaks.expectNoLeaks([HOLDER, REVOKED_HOLDER, EMAIL, POSITION, REASON]);
  // The code is in the printed link by design, never in the server's log.
  const log = fs.readFileSync(serverLogFile(), 'utf8');
  expect(log.includes(valid.code ?? '-')).toBe(false);
  expect(log.includes((valid.code ?? '-').replace(/-/g, ''))).toBe(false);
});
