import { inActorTransaction, SYSTEM_ACTOR } from '../../server/db/actor-transaction';
import { ConfigError, loadConfig } from '../../server/config/config';
import { createLogger } from '../../server/http/logger';
import {
  deliverPendingMail,
  notifyOverdueReferrals,
  retryDelayMs,
  smtpMailer,
  type Mailer,
} from '../../server/modules/notifications';
import { startTestApp, type TestApp } from '../helpers/app';
import { canary, expectNoCanary } from '../helpers/canary';
import { giveConsent, newCase, referralId, referralWorld } from '../helpers/referrals';
import { startSmtp, type ReceivedMail, type TestSmtp } from '../helpers/smtp';
import { signedIn } from '../helpers/users';

/**
 * Notification e-mails, through a real SMTP server started here: who gets
 * which message, its whole text, and that nothing of the case, the referral
 * or the institution is in any of them.
 */
const PUBLIC_URL = 'https://amparo.example.org';
const FROM = 'avisos@amparo.example.org';

let t: TestApp;
let w: Awaited<ReturnType<typeof referralWorld>>;
let smtp: TestSmtp;
let mailer: Mailer;
const jobLogs: string[] = [];
const jobLogger = createLogger('info', { write: (line: string) => void jobLogs.push(line) });

beforeAll(async () => {
  t = await startTestApp();
  w = await referralWorld(t, 'Correo');
  smtp = await startSmtp();
  mailer = smtpMailer({ smtpUrl: smtp.url, from: FROM });
});
afterAll(async () => {
  mailer.close();
  await smtp.stop();
  await t.close();
});

const deliver = (at = new Date(), using = mailer) =>
  deliverPendingMail(t.database.store, using, PUBLIC_URL, at, jobLogger);
const take = () => smtp.received.splice(0, smtp.received.length);
const outbox = () =>
  inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
    trx.selectFrom('mail_outbox').selectAll().orderBy('created_at').execute(),
  );

const SIGN_IN = `${PUBLIC_URL}/sign-in`;

function expectOnlyText(mail: ReceivedMail, line: string) {
  expect(mail.from).toBe(FROM);
  expect(mail.subject).toBe('Amparo: tiene un aviso pendiente / You have a pending notice');
  expect(mail.text).toContain(line);
  // The one link: the sign-in page, no id, no query.
  expect(mail.text.match(/https?:\/\/\S+/g)).toEqual([SIGN_IN, SIGN_IN]);
  expect(mail.text).toContain('Este mensaje no contiene datos de ninguna persona.');
}

describe('notification e-mails', () => {
  it('a new referral: each active partner of the receiving institution; overdue: its sender', async () => {
    const colleague = await signedIn(t, 'partner', { institutionId: w.hospital });
    const planted = [canary('NOMBRE'), canary('ALIAS'), canary('RELATO')];
    const caseId = await newCase(w.ana.client, {
      identity: { fullName: planted[0]!, aliases: planted[1]!, narrative: planted[2]! },
    });
    await giveConsent(w.ana.client, caseId, [
      { sectors: ['health'], categories: ['minimal', 'identity', 'situation', 'health'] },
    ]);
    const id = await referralId(w.ana.client, caseId, w.hospital, {
      categories: ['identity', 'situation'],
    });

    expect(await deliver()).toEqual({ delivered: 2, failed: 0, dropped: 0 });
    const received = take();
    expect(received.map((m) => m.to).sort()).toEqual(
      [[w.doctor.user.email], [colleague.user.email]].sort(),
    );
    for (const mail of received) {
      expectOnlyText(mail, 'Su institución tiene una derivación nueva.');
      expect(mail.text).toContain('Your institution has a new referral.');
    }
    // Delivered once: a second run sends nothing.
    expect(await deliver()).toEqual({ delivered: 0, failed: 0, dropped: 0 });

    // Overdue: the sender, once.
    const later = new Date(Date.now() + 4 * 86_400_000);
    expect(await notifyOverdueReferrals(t.database.store, later)).toBe(1);
    expect(await notifyOverdueReferrals(t.database.store, later)).toBe(0);
    expect(await deliver(later)).toEqual({ delivered: 1, failed: 0, dropped: 0 });
    const overdue = take();
    expect(overdue.map((m) => m.to)).toEqual([[w.ana.user.email]]);
    expectOnlyText(overdue[0]!, 'Una derivación que usted envió no ha sido recibida a tiempo.');

    const caseNumber = (
      await inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
        trx
          .selectFrom('cases')
          .select('case_number')
          .where('id', '=', caseId)
          .executeTakeFirstOrThrow(),
      )
    ).case_number;
    const everything = [...received, ...overdue].map((m) => m.raw).join('\n');
    expectNoCanary([...planted, caseNumber, id, caseId, 'Hospital Correo', 'Test partner'], {
      mail: everything,
    });
    // No address in any log line (ours or the app's).
    const logs = [...jobLogs, ...t.logs].join('\n');
    for (const address of [w.doctor.user.email, colleague.user.email, w.ana.user.email]) {
      expect(logs).not.toContain(address);
    }
  });

  it('two instances delivering at once send each message once', async () => {
    const partners = [
      await signedIn(t, 'partner', { institutionId: w.hospital }),
      await signedIn(t, 'partner', { institutionId: w.hospital }),
    ];
    const caseId = await newCase(w.ana.client);
    await giveConsent(w.ana.client, caseId, [{ sectors: ['health'], categories: ['minimal'] }]);
    await referralId(w.ana.client, caseId, w.hospital, { categories: ['minimal'] });
    await referralId(w.ana.client, caseId, w.hospital, { categories: ['minimal'] });
    const other = smtpMailer({ smtpUrl: smtp.url, from: FROM });
    const [a, b] = await Promise.all([deliver(), deliver(new Date(), other)]);
    other.close();
    // Two referrals × (doctor, the first test's colleague, two new partners).
    expect(a.delivered + b.delivered).toBe(8);
    const received = take();
    expect(received).toHaveLength(8);
    for (const partner of partners) {
      expect(received.filter((m) => m.to.includes(partner.user.email))).toHaveLength(2);
    }
    expect(await deliver()).toEqual({ delivered: 0, failed: 0, dropped: 0 });
  });

  it('a stopped SMTP server: retried later with backoff, never lost', async () => {
    const stopped = await startSmtp();
    await stopped.stop();
    const unreachable = smtpMailer({ smtpUrl: stopped.url, from: FROM });
    const caseId = await newCase(w.ana.client);
    await giveConsent(w.ana.client, caseId, [{ sectors: ['justice'], categories: ['minimal'] }]);
    await referralId(w.ana.client, caseId, w.fiscalia, { categories: ['minimal'] });

    const now = new Date();
    expect(await deliver(now, unreachable)).toEqual({ delivered: 0, failed: 1, dropped: 0 });
    const [row] = (await outbox()).filter((r) => r.delivered_at === null);
    expect(row).toMatchObject({ attempts: 1, claimed_until: null, dropped_at: null });
    expect(row!.next_attempt_at.getTime()).toBe(now.getTime() + retryDelayMs(1));
    // Not yet due: nothing is tried, even with a working server.
    expect(await deliver(new Date(now.getTime() + 1000))).toEqual({
      delivered: 0,
      failed: 0,
      dropped: 0,
    });
    // The second failure waits twice as long.
    const second = new Date(now.getTime() + retryDelayMs(1));
    expect(await deliver(second, unreachable)).toMatchObject({ failed: 1 });
    const [again] = (await outbox()).filter((r) => r.delivered_at === null);
    expect(again!.next_attempt_at.getTime()).toBe(second.getTime() + retryDelayMs(2));

    expect(await deliver(again!.next_attempt_at)).toEqual({ delivered: 1, failed: 0, dropped: 0 });
    expect(take().map((m) => m.to)).toEqual([[w.fiscal.user.email]]);
    unreachable.close();
    const warnings = jobLogs.filter((line) => line.includes('could not send'));
    expect(warnings).toHaveLength(2);
    expect(warnings.join('\n')).not.toContain(w.fiscal.user.email);
  });

  it('an institution disabled before delivery: dropped, not sent', async () => {
    const caseId = await newCase(w.ana.client);
    await giveConsent(w.ana.client, caseId, [{ sectors: ['education'], categories: ['minimal'] }]);
    const teacher = await signedIn(t, 'partner', { institutionId: w.escuela });
    await referralId(w.ana.client, caseId, w.escuela, { categories: ['minimal'] });
    await inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
      trx
        .updateTable('institutions')
        .set({ disabled_at: new Date() })
        .where('id', '=', w.escuela)
        .execute(),
    );
    expect(await deliver()).toEqual({ delivered: 0, failed: 0, dropped: 1 });
    expect(take()).toEqual([]);
    const dropped = (await outbox()).filter((r) => r.recipient_id === teacher.user.id);
    expect(dropped).toEqual([expect.objectContaining({ drop_reason: 'recipient_inactive' })]);
  });
});

describe('configuration', () => {
  it('sends nothing when SMTP_URL is unset', () => {
    expect(loadConfig({}).mail).toBeUndefined();
    expect(loadConfig({ MAIL_FROM: FROM, PUBLIC_URL }).mail).toBeUndefined();
  });

  it('needs MAIL_FROM and PUBLIC_URL with SMTP_URL, and never repeats the URL', () => {
    const secret = 'smtp://user:s3cret-password@mail.example.org:587';
    let error: unknown;
    try {
      loadConfig({ SMTP_URL: secret });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('MAIL_FROM, PUBLIC_URL');
    expect((error as Error).message).not.toContain('s3cret');
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.org' })).toThrow(/SMTP_URL/);
    expect(loadConfig({ SMTP_URL: secret, MAIL_FROM: FROM, PUBLIC_URL }).mail).toEqual({
      smtpUrl: secret,
      from: FROM,
      publicUrl: PUBLIC_URL,
    });
  });
});
