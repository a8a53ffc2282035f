import { randomBytes } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { inActorTransaction, SYSTEM_ACTOR } from '../../server/db/actor-transaction';
import { ConfigError, loadConfig } from '../../server/config/config';
import { createLogger } from '../../server/http/logger';
import {
  deliverPendingMail,
  LEASE_MS,
  MAIL_BATCH,
  MAIL_MAX_AGE_MS,
  MAIL_RETENTION_MS,
  mailMessage,
  notifyOverdueReferrals,
  purgeNotifications,
  READ_NOTIFICATION_RETENTION_MS,
  retryDelayMs,
  SEND_TIMEOUT_MS,
  SMTP_TIMEOUTS,
  smtpMailer,
  type Mailer,
} from '../../server/modules/notifications';
import { startTestApp, type TestApp } from '../helpers/app';
import { canary, expectNoCanary } from '../helpers/canary';
import {
  giveConsent,
  inDays,
  move,
  newCase,
  referralId,
  referralWorld,
} from '../helpers/referrals';
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
  mailer = smtpMailer(config(smtp.url));
});
afterAll(async () => {
  mailer.close();
  await smtp.stop();
  await t.close();
});

const config = (smtpUrl: string, requireTls = false) => ({
  smtpUrl,
  from: FROM,
  publicUrl: PUBLIC_URL,
  requireTls,
});
const deliver = (at = new Date(), using = mailer) =>
  deliverPendingMail(t.database.store, using, PUBLIC_URL, () => at, jobLogger);
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
      // Introduced by the public host name, never the machine's own.
      expect(mail.helo).toBe('amparo.example.org');
      expectOnlyText(mail, 'Su institución tiene una derivación nueva.');
      expect(mail.text).toContain('Your institution has a new referral.');
    }
    // Delivered once: a second run sends nothing.
    expect(await deliver()).toEqual({ delivered: 0, failed: 0, dropped: 0 });

    // Overdue (by half a day): the sender, once.
    const later = new Date(Date.now() + 3.5 * 86_400_000);
    expect(await notifyOverdueReferrals(t.database.store, later)).toBe(1);
    expect(await notifyOverdueReferrals(t.database.store, later)).toBe(0);
    expect(await deliver()).toEqual({ delivered: 1, failed: 0, dropped: 0 });
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
    const other = smtpMailer(config(smtp.url));
    const [a, b] = await Promise.all([deliver(), deliver(new Date(), other)]);
    other.close();
    // Two referrals for each of (doctor, the first test's colleague, two new
    // partners): one e-mail each, sent by one instance only.
    expect(a.delivered + b.delivered).toBe(4);
    const received = take();
    expect(received).toHaveLength(4);
    for (const partner of partners) {
      expect(received.filter((m) => m.to.includes(partner.user.email))).toHaveLength(1);
    }
    expect(await deliver()).toEqual({ delivered: 0, failed: 0, dropped: 0 });
  });

  it('a stopped SMTP server: retried later with backoff, never lost', async () => {
    const stopped = await startSmtp();
    await stopped.stop();
    const unreachable = smtpMailer(config(stopped.url));
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

/** Sends whatever waits (as now) to nowhere: a later test starts from an empty outbox. */
async function drain() {
  const sink: Mailer = { send: () => Promise.resolve(), close: () => undefined };
  await deliverPendingMail(t.database.store, sink, PUBLIC_URL, () => new Date());
}

/** More partner accounts of the hospital, straight into the database (same password hash). */
async function morePartners(count: number): Promise<string[]> {
  return inActorTransaction(t.database.store, SYSTEM_ACTOR, async (trx) => {
    const model = await trx
      .selectFrom('users')
      .select(['institution_id', 'password_hash'])
      .where('id', '=', w.doctor.user.id)
      .executeTakeFirstOrThrow();
    const rows = await trx
      .insertInto('users')
      .values(
        Array.from({ length: count }, () => ({
          institution_id: model.institution_id,
          email: `partner.${randomBytes(4).toString('hex')}@example.org`,
          display_name: 'Test partner',
          role: 'partner' as const,
          password_hash: model.password_hash,
          password_must_change: false,
        })),
      )
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  });
}

/** One waiting e-mail per recipient, as the triggers write them (created `ageMs` ago). */
async function queue(recipients: string[], ageMs = 0) {
  const createdAt = new Date(Date.now() - ageMs);
  await inActorTransaction(t.database.store, SYSTEM_ACTOR, async (trx) => {
    for (const id of recipients) {
      await sql`insert into mail_outbox (recipient_id, kind, referral_id, created_at, next_attempt_at)
                values (${id}, 'referral_received', gen_random_uuid(), ${createdAt}, ${createdAt})`.execute(
        trx,
      );
    }
  });
}

describe('several instances, slow servers', () => {
  it('each claim takes its own lease from the clock of that moment: a long run is not repeated', async () => {
    await drain();
    const people = await morePartners(MAIL_BATCH + 1);
    await queue(people);
    let wall = Date.now() + 1000;
    const sentByA: string[] = [];
    const sentByB: string[] = [];
    let second: unknown;
    const mailerB: Mailer = {
      send: (to) => Promise.resolve(void sentByB.push(to)),
      close: () => undefined,
    };
    const mailerA: Mailer = {
      async send(to) {
        sentByA.push(to);
        // The first batch took five minutes of wall clock.
        if (sentByA.length === MAIL_BATCH) wall += 5 * 60_000;
        // Sending the second batch: another instance's timer fires.
        if (sentByA.length === MAIL_BATCH + 1) {
          second = await deliverPendingMail(
            t.database.store,
            mailerB,
            PUBLIC_URL,
            () => new Date(wall + 1000),
          );
        }
      },
      close: () => undefined,
    };
    const first = await deliverPendingMail(
      t.database.store,
      mailerA,
      PUBLIC_URL,
      () => new Date(wall),
    );
    expect(first).toEqual({ delivered: MAIL_BATCH + 1, failed: 0, dropped: 0 });
    expect(second).toEqual({ delivered: 0, failed: 0, dropped: 0 });
    expect(sentByB).toEqual([]);
    expect(new Set(sentByA).size).toBe(MAIL_BATCH + 1);
  });

  it('an instance whose lease ran out never settles what another one has claimed since', async () => {
    await drain();
    const [person] = await morePartners(1);
    await queue([person!]);
    const start = Date.now() + 1000;
    const later = start + LEASE_MS + 1000;
    let letBFinish = () => undefined as void;
    const bMayFinish = new Promise<void>((resolve) => (letBFinish = resolve));
    let bStarted = () => undefined as void;
    const bSending = new Promise<void>((resolve) => (bStarted = resolve));
    let runB: Promise<unknown> | undefined;
    const mailerB: Mailer = {
      async send() {
        bStarted();
        await bMayFinish;
      },
      close: () => undefined,
    };
    const mailerA: Mailer = {
      async send() {
        // A hangs past its lease; B claims the message meanwhile, then A fails.
        runB = deliverPendingMail(t.database.store, mailerB, PUBLIC_URL, () => new Date(later));
        await bSending;
        throw Object.assign(new Error('try later'), { responseCode: 451 });
      },
      close: () => undefined,
    };
    expect(
      await deliverPendingMail(t.database.store, mailerA, PUBLIC_URL, () => new Date(start)),
    ).toEqual({ delivered: 0, failed: 1, dropped: 0 });
    const row = (await outbox()).find((r) => r.recipient_id === person);
    // Still B's: not released, not rescheduled by A's late failure.
    expect(row).toMatchObject({ claimed_until: new Date(later + LEASE_MS), attempts: 2 });
    expect(row!.next_attempt_at.getTime()).toBeLessThan(start);
    letBFinish();
    expect(await runB).toEqual({ delivered: 1, failed: 0, dropped: 0 });
    expect((await outbox()).find((r) => r.recipient_id === person)?.delivered_at).toEqual(
      expect.any(Date),
    );
  });

  it('a silent SMTP server fails the attempt within bounds: a whole batch fits in a lease', async () => {
    expect(MAIL_BATCH * SEND_TIMEOUT_MS).toBeLessThan(LEASE_MS);
    expect(SMTP_TIMEOUTS.connectionTimeout + SMTP_TIMEOUTS.greetingTimeout).toBeLessThanOrEqual(
      SEND_TIMEOUT_MS,
    );
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket)); // accepts, never greets
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const hung = smtpMailer(config(`smtp://127.0.0.1:${port}`), { greetingTimeout: 200 });
    await expect(
      hung.send(w.doctor.user.email, mailMessage('referral_received', PUBLIC_URL)),
    ).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    hung.close();
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });
});

describe('backlog and retention', () => {
  it('SMTP off for months, then on: nothing old is sent; each person gets one e-mail per kind', async () => {
    await drain();
    const caseId = await newCase(w.ana.client);
    await giveConsent(w.ana.client, caseId, [{ sectors: ['health'], categories: ['minimal'] }]);
    const old: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      old.push(await referralId(w.ana.client, caseId, w.hospital, { categories: ['minimal'] }));
    }
    expect((await move(w.ana, old[0]!, { to: 'withdrawn', reason: 'sent_in_error' })).status).toBe(
      200,
    );
    const waiting = (await outbox()).filter((r) => r.delivered_at === null && !r.dropped_at);
    expect(waiting.length).toBeGreaterThanOrEqual(3);
    // Ninety days later SMTP_URL is set: the first run sends nothing.
    const months = new Date(Date.now() + 90 * 86_400_000);
    const first = await deliver(months);
    expect(first).toEqual({ delivered: 0, failed: 0, dropped: waiting.length });
    expect(take()).toEqual([]);
    const rows = (await outbox()).filter((r) => waiting.some((x) => x.id === r.id));
    expect(rows.map((r) => r.drop_reason)).toEqual(waiting.map(() => 'stale'));

    // Three new referrals at once: the doctor is told once, every message settled.
    for (let i = 0; i < 3; i += 1) {
      await referralId(w.ana.client, caseId, w.hospital, { categories: ['minimal'] });
    }
    const result = await deliver();
    const received = take();
    expect(received.filter((m) => m.to.includes(w.doctor.user.email))).toHaveLength(1);
    expect(result.delivered).toBe(received.length);
    const doctors = (await outbox()).filter(
      (r) => r.recipient_id === w.doctor.user.id && r.dropped_at === null,
    );
    expect(doctors.filter((r) => r.delivered_at === null)).toEqual([]);
  });

  it('the first overdue scan over an old backlog: a notice for each, e-mail only for the recent', async () => {
    await drain();
    const caseId = await newCase(w.ana.client);
    await giveConsent(w.ana.client, caseId, [{ sectors: ['health'], categories: ['minimal'] }]);
    const longOverdue = await referralId(w.ana.client, caseId, w.hospital, {
      categories: ['minimal'],
    });
    const justOverdue = await referralId(w.ana.client, caseId, w.hospital, {
      categories: ['minimal'],
      acknowledgeBy: inDays(9),
    });
    await drain();
    const scan = new Date(Date.now() + 9.5 * 86_400_000);
    expect(await notifyOverdueReferrals(t.database.store, scan)).toBeGreaterThanOrEqual(2);
    const notices = await inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
      trx
        .selectFrom('notifications')
        .select('resource_id')
        .where('recipient_id', '=', w.ana.user.id)
        .where('kind', '=', 'referral_overdue')
        .where('resource_id', 'in', [longOverdue, justOverdue])
        .execute(),
    );
    expect(notices).toHaveLength(2);
    const mail = (await outbox()).filter((r) => r.kind === 'referral_overdue' && !r.delivered_at);
    expect(mail.map((r) => r.referral_id)).toEqual([justOverdue]);
    expect(await deliver()).toEqual({ delivered: 1, failed: 0, dropped: 0 });
    expect(take().map((m) => m.to)).toEqual([[w.ana.user.email]]);
  });

  it('purges settled e-mails and read notifications after their retention; keeps the rest', async () => {
    await drain();
    const caseId = await newCase(w.ana.client);
    await giveConsent(w.ana.client, caseId, [{ sectors: ['health'], categories: ['minimal'] }]);
    const id = await referralId(w.ana.client, caseId, w.hospital, { categories: ['minimal'] });
    expect((await deliver()).delivered).toBeGreaterThanOrEqual(1);
    take();
    const [notice] = (
      (await w.doctor.client.get('/api/v1/notifications?limit=200')).body as {
        items: { id: string; resourceId: string }[];
      }
    ).items.filter((n) => n.resourceId === id);
    expect(
      (await w.doctor.client.post(`/api/v1/notifications/${notice!.id}/read`, {})).status,
    ).toBe(200);
    const held = () =>
      inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
        trx
          .selectFrom('notifications')
          .select(['recipient_id', 'read_at'])
          .where('resource_id', '=', id)
          .execute(),
      );
    const told = (await held()).length;
    expect(told).toBeGreaterThanOrEqual(2);
    const mailAbout = async () => (await outbox()).filter((r) => r.referral_id === id);
    expect((await mailAbout()).length).toBe(told);

    // A pending e-mail with SMTP off: dropped once too old, also without delivery.
    const [spare] = await morePartners(1);
    await queue([spare!], MAIL_MAX_AGE_MS + 60_000);
    const soon = await purgeNotifications(t.database.store, new Date(Date.now() + 86_400_000));
    expect(soon).toMatchObject({ stale: 1, notifications: 0 });
    expect((await mailAbout()).length).toBe(told);

    const week = new Date(Date.now() + MAIL_RETENTION_MS + 86_400_000);
    expect((await purgeNotifications(t.database.store, week)).mail).toBeGreaterThanOrEqual(
      told + 1,
    );
    expect(await mailAbout()).toEqual([]);
    expect((await held()).length).toBe(told);

    const quarter = new Date(Date.now() + READ_NOTIFICATION_RETENTION_MS + 86_400_000);
    expect(
      (await purgeNotifications(t.database.store, quarter)).notifications,
    ).toBeGreaterThanOrEqual(1);
    const left = await held();
    // The doctor's read notice went; the unread ones stay.
    expect(left).toHaveLength(told - 1);
    expect(left.every((n) => n.read_at === null)).toBe(true);
  });
});

describe('configuration', () => {
  const production = {
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://amparo@db.example.org/amparo',
    LEAD_AGENCY_NAME: 'Agencia',
    MAIL_FROM: FROM,
    PUBLIC_URL,
  };

  it('in production mail goes over TLS: smtps://, or smtp:// with STARTTLS required', async () => {
    expect(loadConfig({ ...production, SMTP_URL: 'smtp://mail.example.org:587' }).mail).toEqual(
      expect.objectContaining({ requireTls: true }),
    );
    expect(loadConfig({ ...production, SMTP_URL: 'smtps://mail.example.org' }).mail).toEqual(
      expect.objectContaining({ requireTls: false }),
    );
    expect(() =>
      loadConfig({ ...production, SMTP_URL: 'smtp://mail.example.org:587?ignoreTLS=true' }),
    ).toThrow(/SMTP_URL: no query options in production/);
    expect(
      loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: FROM, PUBLIC_URL }).mail,
    ).toEqual(expect.objectContaining({ requireTls: false }));
    // Applied: a server without STARTTLS gets nothing.
    const strict = smtpMailer(config(smtp.url, true));
    await expect(
      strict.send(w.doctor.user.email, mailMessage('referral_received', PUBLIC_URL)),
    ).rejects.toBeInstanceOf(Error);
    strict.close();
    expect(take()).toEqual([]);
  });

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
      requireTls: false,
    });
  });
});
