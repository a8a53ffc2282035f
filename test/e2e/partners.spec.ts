import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectAccessible, signIn, signInFirstTime } from './support/browser';
import { registerCase } from './support/cases';
import { recordConsent, sendReferral, signedInStaff } from './support/casework';
import { LeakWatch } from './support/leaks';
import {
  createPartnerInstitution,
  createPartnerUser,
  expectDialogAccessibleInEnglish,
  issueCertificate,
} from './support/partners';
import { adminSession, createTeam, unique } from './support/world';

/** A caseworker's case with canaries in its identifying fields, consented for social protection: identity and health. */
async function referredCase() {
  const admin = await adminSession();
  const team = await createTeam(admin);
  const worker = await signedInStaff(admin, 'caseworker', team.id);
  const p1 = await createPartnerInstitution(admin, 'Servicio de Protección P1');
  const canaries = {
    fullName: `Nombre Canario ${unique()}`,
    healthNotes: `Salud canario ${unique()}`,
    // Not consented for the hospital: must never reach its screen.
    phone: `0991${String(Date.now()).slice(-6)}`,
    legalNotes: `Legal canario ${unique()}`,
  };
  const kase = await registerCase(worker.session, canaries);
  const consent = await recordConsent(worker.session, kase.id, {
    purposes: ['service_referral', 'information_sharing'],
    scope: [{ sectors: ['social_protection'], categories: ['minimal', 'identity', 'health'] }],
  });
  const referral = await sendReferral(worker.session, kase.id, p1.id, [
    'minimal',
    'identity',
    'health',
  ]);
  return { admin, worker, p1, canaries, kase, consent, referral };
}

/** Each step of the partner's side: its button and dialog in Spanish and English, its confirmation. */
const STEPS = {
  acknowledge: {
    action: 'Acusar recibo',
    title: '¿Acusar recibo de esta derivación?',
    confirm: 'Acusar recibo',
    en: ['Acknowledge', 'Acknowledge this referral?'],
  },
  accept: {
    action: 'Aceptar',
    title: '¿Aceptar esta derivación?',
    confirm: 'Aceptar la derivación',
    en: ['Accept', 'Accept this referral?'],
  },
  decline: {
    action: 'Rechazar…',
    title: '¿Rechazar esta derivación?',
    confirm: 'Rechazar la derivación',
    en: ['Decline…', 'Decline this referral?'],
  },
  start: {
    action: 'Marcar en curso',
    title: '¿Marcar la derivación en curso?',
    confirm: 'Marcar en curso',
    en: ['Mark in progress', 'Mark the referral in progress?'],
  },
  complete: {
    action: 'Completar…',
    title: '¿Completar esta derivación?',
    confirm: 'Completar la derivación',
    en: ['Complete…', 'Complete this referral?'],
  },
} as const;
type Step = (typeof STEPS)[keyof typeof STEPS];

/** Opens a step's confirmation (checked by axe in English, then in Spanish): the dialog explains it. */
async function openStep(page: Page, step: Step) {
  await expectDialogAccessibleInEnglish(page, step.action, step.en[0], step.en[1]);
  await page.getByRole('button', { name: step.action, exact: true }).click();
  const dialog = page.getByRole('alertdialog', { name: step.title });
  await expect(dialog).toBeVisible();
  await expectAccessible(page, step.title, false);
  return dialog;
}

/** Confirms an open step and waits for the dialog to close. */
async function confirmStep(dialog: Locator, step: Step) {
  await dialog.getByRole('button', { name: step.confirm, exact: true }).click();
  await expect(dialog).toBeHidden();
}

test('a partner reads a referral, takes it to completion, and the sender sees the outcome; another institution sees nothing', async ({
  page,
  browser,
}) => {
  const { admin, worker, p1, canaries, referral } = await referredCase();
  const partner = await createPartnerUser(admin, p1.id);
  const leaks = new LeakWatch(page);

  await signInFirstTime(page, partner, '/inbox');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Derivaciones recibidas' }),
  ).toBeVisible();
  await expect(page.getByText(`Derivaciones enviadas a ${p1.name}`)).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: 'Atención médica' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Prioritaria');
  await expect(row).toContainText('Enviada');
  await expectAccessible(page, 'inbox');
  await leaks.recordTitle();

  await row.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/inbox/${referral.id}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Derivación recibida' })).toBeVisible();
  await expect(page.getByText('Identidad', { exact: false }).first()).toBeVisible();
  // Nothing of the person before the package is read on purpose.
  await expect(page.getByText(canaries.fullName)).toHaveCount(0);
  await expectAccessible(page, 'received referral');

  const packageReads: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith(`/referrals/${referral.id}/package`))
      packageReads.push(request.url());
  });
  await page.getByRole('button', { name: 'Leer el paquete' }).click();
  const disclosed = page.getByRole('article', { name: 'Datos compartidos' });
  await expect(disclosed.getByRole('heading', { name: 'Identidad' })).toBeVisible();
  await expect(disclosed.getByRole('heading', { name: 'Salud' })).toBeVisible();
  await expect(disclosed.getByRole('heading', { name: 'Contacto' })).toHaveCount(0);
  await expect(disclosed.getByText(canaries.fullName)).toBeVisible();
  await expect(disclosed.getByText(canaries.healthNotes)).toBeVisible();
  const shown = await page.locator('body').innerText();
  expect(shown).not.toContain(canaries.phone);
  expect(shown).not.toContain(canaries.legalNotes);
  await expectAccessible(page, 'received referral with its package');
  await leaks.recordTitle();
  // Each read is an audited disclosure: never again by itself (focus, reconnect).
  await page.evaluate(() => {
    window.dispatchEvent(new Event('focus'));
    document.dispatchEvent(new Event('visibilitychange'));
    window.dispatchEvent(new Event('online'));
  });

  // No certificate yet: the download is refused, and the screen says why.
  await page.getByRole('button', { name: 'Descargar el paquete (.p7m)' }).click();
  await expect(page.getByRole('alert')).toContainText('no tiene un certificado vigente');
  const certificate = await issueCertificate(admin, p1.id);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Descargar el paquete (.p7m)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^derivacion-[0-9a-f]{8}\.p7m$/);
  await expect(page.getByRole('status').filter({ hasText: 'Paquete descargado' })).toBeVisible();
  expect(openEnvelope(await download.path(), certificate)).toContain(canaries.fullName);

  const acknowledge = await openStep(page, STEPS.acknowledge);
  await expect(acknowledge).toContainText('Todavía no se compromete');
  await confirmStep(acknowledge, STEPS.acknowledge);
  await expect(page.getByRole('status').filter({ hasText: 'Recibo acusado' })).toBeVisible();

  const decline = await openStep(page, STEPS.decline);
  await expect(decline).toContainText('Los datos compartidos se destruyen');
  await expect(decline.getByRole('button', { name: /Motivo/ })).toBeVisible();
  await decline.getByRole('button', { name: 'Cancelar' }).click();
  await expect(decline).toBeHidden();

  const accept = await openStep(page, STEPS.accept);
  await confirmStep(accept, STEPS.accept);
  await expect(page.getByRole('status').filter({ hasText: 'Derivación aceptada' })).toBeVisible();

  const start = await openStep(page, STEPS.start);
  await confirmStep(start, STEPS.start);
  await expect(page.getByRole('status').filter({ hasText: 'Derivación en curso' })).toBeVisible();

  const outcome = `Atención brindada ${unique()}`;
  const feedback = `Control en dos semanas ${unique()}`;
  const complete = await openStep(page, STEPS.complete);
  await complete.getByRole('button', { name: 'Completar la derivación' }).click();
  await expect(complete.getByText('Escriba el resultado.')).toBeVisible();
  await expectAccessible(page, 'complete dialog with an error', false);
  await complete.getByRole('textbox', { name: 'Resultado' }).fill(outcome);
  await complete.getByRole('textbox', { name: /Comentarios/ }).fill(feedback);
  await confirmStep(complete, STEPS.complete);
  await expect(page.getByRole('status').filter({ hasText: 'Derivación completada' })).toBeVisible();
  await expect(page.getByText(`Resultado: ${outcome}`)).toBeVisible();
  await expect(page.getByText('Por: Su institución').first()).toBeVisible();
  // Four steps later the package on screen was still the one read on purpose.
  expect(packageReads).toHaveLength(1);
  await expectAccessible(page, 'completed referral');

  await page.getByRole('link', { name: 'Volver a las derivaciones recibidas' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Atención médica' })).toContainText(
    'Completada',
  );
  // The status filter lives in the address (ids and codes only).
  await page.getByRole('button', { name: /Estado/ }).click();
  await page.getByRole('option', { name: 'Enviada', exact: true }).click();
  await expect(page).toHaveURL(/\/inbox\?status=sent$/);
  await expect(page.getByText('Ninguna derivación coincide con este filtro.')).toBeVisible();
  await page.getByRole('button', { name: /Estado/ }).click();
  await page.getByRole('option', { name: 'Completada', exact: true }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Atención médica' })).toHaveCount(1);
  await leaks.expectNoLeaks([...Object.values(canaries), outcome, feedback]);

  // A second institution: an empty inbox, and the direct address answers "not found".
  const p2 = await createPartnerInstitution(admin, 'Servicio de Protección P2');
  const other = await createPartnerUser(admin, p2.id);
  const otherContext = await browser.newContext();
  const otherPage = await otherContext.newPage();
  await signInFirstTime(otherPage, other, '/inbox');
  await expect(
    otherPage.getByText('Su institución no tiene derivaciones recibidas.'),
  ).toBeVisible();
  await expectAccessible(otherPage, 'empty inbox');
  await otherPage.goto(`/inbox/${referral.id}`);
  await expect(otherPage.getByRole('alert')).toContainText('No se encontró');
  await expect(otherPage.getByRole('button', { name: 'Leer el paquete' })).toHaveCount(0);
  await expectAccessible(otherPage, 'referral of another institution');
  await otherContext.close();

  // The sender sees the outcome on the referral screen they already know.
  const senderContext = await browser.newContext();
  const senderPage = await senderContext.newPage();
  await senderPage.goto(`/referrals/${referral.id}`);
  const authenticator = worker.session.authenticator;
  if (!authenticator) throw new Error('no authenticator');
  await signIn(senderPage, worker.staff, authenticator);
  await expect(senderPage.getByRole('heading', { level: 1, name: 'Derivación' })).toBeVisible();
  await expect(senderPage.getByText(`Resultado: ${outcome}`)).toBeVisible();
  await expect(senderPage.getByText(`Comentarios: ${feedback}`)).toBeVisible();
  await senderContext.close();
});

test('a partner learns why a package is gone once the consent is revoked', async ({ page }) => {
  const { admin, worker, p1, canaries, consent, referral } = await referredCase();
  const partner = await createPartnerUser(admin, p1.id);
  const leaks = new LeakWatch(page);
  await signInFirstTime(page, partner, `/inbox/${referral.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Derivación recibida' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Leer el paquete' })).toBeVisible();

  // Revoked while the screen is open: reading now answers 409 package_closed with its reason.
  await worker.session.request('POST', `/api/v1/consents/${consent.id}/revoke`, {
    reason: 'person_withdrew',
  });
  await page.getByRole('button', { name: 'Leer el paquete' }).click();
  await expect(
    page.getByText('El paquete ya no está disponible: El consentimiento fue revocado.'),
  ).toBeVisible();
  await expect(page.getByText(/La persona revocó su consentimiento/)).toBeVisible();
  await expect(page.getByText(canaries.fullName)).toHaveCount(0);
  await expectAccessible(page, 'package gone (answer)');

  // Later visits say the same from the referral itself, which was withdrawn.
  await page.reload();
  await expect(
    page.getByText('El paquete ya no está disponible: El consentimiento fue revocado.'),
  ).toBeVisible();
  await expect(page.getByText('Motivo: Se revocó el consentimiento')).toBeVisible();
  await expect(
    page.getByText(/se retiró porque la persona revocó su consentimiento/),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Leer el paquete' })).toHaveCount(0);
  await expectAccessible(page, 'package gone (withdrawn referral)');
  await leaks.expectNoLeaks(Object.values(canaries));
});

/** Opens the downloaded envelope as the institution's systems would: openssl with its key. */
function openEnvelope(file: string, certificate: { pkcs12: Buffer; password: string }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-p7m-'));
  try {
    const bundle = path.join(dir, 'institution.p12');
    const key = path.join(dir, 'institution.key');
    fs.writeFileSync(bundle, certificate.pkcs12);
    execFileSync('openssl', [
      'pkcs12',
      '-in',
      bundle,
      '-nocerts',
      '-nodes',
      '-passin',
      `pass:${certificate.password}`,
      '-out',
      key,
    ]);
    return execFileSync(
      'openssl',
      ['cms', '-decrypt', '-inform', 'DER', '-in', file, '-inkey', key],
      {
        encoding: 'utf8',
      },
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
