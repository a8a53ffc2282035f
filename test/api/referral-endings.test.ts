import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { inActorTransaction, SYSTEM_ACTOR, type DbActor } from '../../server/db/actor-transaction';
import {
  closeCompletedPackages,
  expireUnacknowledgedReferrals,
} from '../../server/modules/referrals';
import { COMPLETED_PACKAGE_DAYS } from '../../server/modules/referrals/package-closure';
import { startTestApp, type TestApp } from '../helpers/app';
import {
  mtlsRequest,
  startMtlsListener,
  type MtlsAnswer,
  type MtlsListener,
} from '../helpers/mtls-client';
import { opensslCsr, RSA_2048, TempDir } from '../helpers/openssl';
import {
  giveConsent,
  inDays,
  newCase,
  referralId,
  referralWorld,
  type Signed,
  HEALTH,
  move,
  readReferral,
  packageRows as packageRowsOf,
} from '../helpers/referrals';
import { asSuperuser } from '../helpers/superuser';
import { auditEvents, signedIn } from '../helpers/users';

/**
 * A referral that has ended discloses nothing more: withdrawal, decline and
 * expiry destroy the package in the transaction that ends the referral; a
 * completed referral keeps it 30 days; erasure of the case closes every one.
 * Every way of reading a package (JSON, CMS envelope, mutual TLS) then
 * answers 409 `package_closed` with the reason; the database (CHECK, RLS,
 * trigger) holds the same rule.
 */
let t: TestApp;
let w: Awaited<ReturnType<typeof referralWorld>>;
let caseId: string;
let listener: MtlsListener;
let hospitalSystem: { id: string; cert: string; key: string };
const dir = new TempDir();

type Body = Record<string, unknown>;
type History = { to: string; at: string }[];
type Referral = Body & {
  status: string;
  packageAvailable: boolean;
  packageClosedReason: string | null;
  history: History;
};

const DAY_MS = 86_400_000;
const SECRET = 'Diagnóstico reservado';

const read = (who: Signed, id: string) => readReferral<Referral>(who, id);
const system = <T>(work: Parameters<typeof inActorTransaction<T>>[2]) =>
  inActorTransaction(t.database.store, SYSTEM_ACTOR, work);
const packageRows = (ids: string[]) => packageRowsOf(t, ids);
const rawReferral = (id: string) =>
  system((trx) =>
    trx
      .selectFrom('referrals')
      .select(['status', 'updated_at', 'package_closed_at', 'package_closed_reason', 'opened_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow(),
  );
const newReferral = (extra: Body = {}) =>
  referralId(w.ana.client, caseId, w.hospital, { categories: ['health'], ...extra });

/** A request to the mutual-TLS listener with the hospital system's certificate. */
const mtls = (path: string) => mtlsRequest(listener, hospitalSystem, 'GET', path);

/**
 * Every way the receiving institution can ask for the package answers 409
 * `package_closed` with the reason, and none of them discloses the content.
 */
async function expectPackageClosed(id: string, reason: string) {
  const answers: [string, MtlsAnswer][] = [
    ['json', await w.doctor.client.get(`/api/v1/referrals/${id}/package`)],
    ['p7m', await w.doctor.client.get(`/api/v1/referrals/${id}/package.p7m`)],
    ['mtls json', await mtls(`/api/v1/referrals/${id}/package`)],
    ['mtls p7m', await mtls(`/api/v1/referrals/${id}/package.p7m`)],
  ];
  for (const [label, answer] of answers) {
    expect([label, answer.status]).toEqual([label, 409]);
    expect([label, answer.body]).toEqual([
      label,
      expect.objectContaining({ code: 'package_closed', reason }),
    ]);
    expect(JSON.stringify(answer.body)).not.toContain(SECRET);
  }
}

async function expectPackageReadable(id: string) {
  const res = await w.doctor.client.get(`/api/v1/referrals/${id}/package`);
  expect(res.status).toBe(200);
  expect((res.body as { content: Body }).content).toMatchObject({
    health: { healthNotes: SECRET },
  });
  const viaMtls = await mtls(`/api/v1/referrals/${id}/package`);
  expect(viaMtls.status).toBe(200);
}

/** The partner takes a referral all the way to completed; returns the completion entry's time. */
async function complete(id: string): Promise<number> {
  for (const to of ['acknowledged', 'accepted', 'in_progress']) {
    expect([to, (await move(w.doctor, id, { to })).status]).toEqual([to, 200]);
  }
  const done = await move(w.doctor, id, { to: 'completed', outcome: 'Atención brindada' });
  expect(done.status).toBe(200);
  return Date.parse((done.body as Referral).history.at(-1)!.at);
}

const closures = (id: string) =>
  auditEvents(t, { action: 'referral.package.close', resourceId: id });

beforeAll(async () => {
  t = await startTestApp();
  w = await referralWorld(t, 'Cierre');
  caseId = await newCase(w.ana.client, { identity: { healthNotes: SECRET } });
  await giveConsent(w.ana.client, caseId, HEALTH);

  // The hospital's own system, with a certificate issued by the API from an openssl CSR.
  const admin = await signedIn(t, 'admin');
  const { csrPem, keyFile } = opensslCsr(dir, 'hospital-system', RSA_2048);
  await admin.client.post('/api/v1/auth/step-up', { code: await admin.client.nextCode() });
  const issued = await admin.client.post(`/api/v1/institutions/${w.hospital}/certificates`, {
    mode: 'csr',
    csr: csrPem,
  });
  expect(issued.status).toBe(201);
  const certificate = (issued.body as { certificate: { id: string; certificatePem: string } })
    .certificate;
  hospitalSystem = {
    id: certificate.id,
    cert: certificate.certificatePem,
    key: readFileSync(keyFile, 'utf8'),
  };
  listener = await startMtlsListener(t, dir);
}, 90_000);
afterAll(async () => {
  await listener.close();
  dir.remove();
  await t.close();
});

describe('a live referral', () => {
  it('shows its package as available, with no closed reason, on every read path', async () => {
    const id = await newReferral();
    expect(await read(w.ana, id)).toMatchObject({
      packageAvailable: true,
      packageClosedReason: null,
    });
    expect(await read(w.doctor, id)).toMatchObject({
      packageAvailable: true,
      packageClosedReason: null,
    });
    await expectPackageReadable(id);
    const envelope = await w.doctor.client.download(`/api/v1/referrals/${id}/package.p7m`);
    expect(envelope.status).toBe(200);
    expect(envelope.headers['content-type']).toMatch(/^application\/pkcs7-mime/);
  });
});

describe('ending a referral destroys its package in the same transaction', () => {
  it('when the sender withdraws it', async () => {
    const id = await newReferral();
    const res = await move(w.ana, id, { to: 'withdrawn', reason: 'sent_in_error' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'withdrawn',
      packageAvailable: false,
      packageClosedReason: 'withdrawn',
    });
    const raw = await rawReferral(id);
    expect(raw).toMatchObject({ status: 'withdrawn', package_closed_reason: 'withdrawn' });
    // Status and closure were written by one UPDATE: one timestamp for both.
    expect(raw.package_closed_at).toEqual(raw.updated_at);
    expect(await packageRows([id])).toEqual([]);
    expect(await closures(id)).toEqual([
      expect.objectContaining({
        purpose: 'withdrawn',
        actor_id: w.ana.user.id,
        outcome: 'success',
      }),
    ]);
    expect(await read(w.doctor, id)).toMatchObject({
      status: 'withdrawn',
      packageAvailable: false,
      packageClosedReason: 'withdrawn',
    });
    await expectPackageClosed(id, 'withdrawn');
  });

  it('when the partner declines it after acknowledging', async () => {
    const id = await newReferral();
    expect((await move(w.doctor, id, { to: 'acknowledged' })).status).toBe(200);
    await expectPackageReadable(id); // still readable while acknowledged
    const res = await move(w.doctor, id, { to: 'declined', reason: 'no_capacity' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'declined',
      packageAvailable: false,
      packageClosedReason: 'declined',
    });
    const raw = await rawReferral(id);
    expect(raw).toMatchObject({ status: 'declined', package_closed_reason: 'declined' });
    expect(raw.package_closed_at).toEqual(raw.updated_at);
    expect(await packageRows([id])).toEqual([]);
    expect(await closures(id)).toEqual([
      expect.objectContaining({ purpose: 'declined', actor_id: w.doctor.user.id }),
    ]);
    expect(await read(w.ana, id)).toMatchObject({
      packageAvailable: false,
      packageClosedReason: 'declined',
    });
    await expectPackageClosed(id, 'declined');
  });

  it('when nobody acknowledged it within 30 days of its due date (the hourly job)', async () => {
    // The only referral of this file due this early: the job expires exactly this one.
    const acknowledgeBy = inDays(1);
    const id = await newReferral({ acknowledgeBy });
    const due = Date.parse(acknowledgeBy);

    expect(await expireUnacknowledgedReferrals(t.database.store, new Date(due + 29 * DAY_MS))).toBe(
      0,
    );
    expect(await read(w.doctor, id)).toMatchObject({ status: 'sent', packageAvailable: true });
    expect(await packageRows([id])).toEqual([id]);

    const now = new Date(due + 31 * DAY_MS);
    expect(await expireUnacknowledgedReferrals(t.database.store, now)).toBe(1);
    const raw = await rawReferral(id);
    expect(raw).toEqual(
      expect.objectContaining({
        status: 'expired',
        package_closed_reason: 'expired',
        package_closed_at: now,
        updated_at: now,
      }),
    );
    expect(await packageRows([id])).toEqual([]);
    expect(await closures(id)).toEqual([
      expect.objectContaining({
        purpose: 'expired',
        actor_role: 'system',
        actor_id: SYSTEM_ACTOR.id,
      }),
    ]);
    const seen = await read(w.doctor, id);
    expect(seen).toMatchObject({
      status: 'expired',
      packageAvailable: false,
      packageClosedReason: 'expired',
    });
    expect(seen.history.map((h) => h.to)).toEqual(['sent', 'expired']);
    await expectPackageClosed(id, 'expired');
    // Run again: nothing more to do, nothing written twice.
    expect(await expireUnacknowledgedReferrals(t.database.store, now)).toBe(0);
    expect(await closures(id)).toHaveLength(1);
  });
});

describe('a completed referral', () => {
  let id: string;
  let completedAt: number;

  beforeAll(async () => {
    id = await newReferral();
    completedAt = await complete(id);
  });

  it('keeps its package readable by the partner right after completion', async () => {
    expect(await read(w.doctor, id)).toMatchObject({
      status: 'completed',
      packageAvailable: true,
      packageClosedReason: null,
    });
    await expectPackageReadable(id);
    const envelope = await w.doctor.client.download(`/api/v1/referrals/${id}/package.p7m`);
    expect(envelope.status).toBe(200);
  });

  it(`still keeps it ${COMPLETED_PACKAGE_DAYS - 1} days later`, async () => {
    const now = new Date(completedAt + (COMPLETED_PACKAGE_DAYS - 1) * DAY_MS);
    expect(await closeCompletedPackages(t.database.store, now)).toBe(0);
    expect(await packageRows([id])).toEqual([id]);
    expect(await closures(id)).toEqual([]);
    await expectPackageReadable(id);
  });

  it(`closes it once ${COMPLETED_PACKAGE_DAYS} days have passed (retention_ended)`, async () => {
    const now = new Date(completedAt + (COMPLETED_PACKAGE_DAYS + 1) * DAY_MS);
    expect(await closeCompletedPackages(t.database.store, now)).toBe(1);
    expect(await rawReferral(id)).toMatchObject({
      status: 'completed',
      package_closed_reason: 'retention_ended',
      package_closed_at: now,
    });
    expect(await packageRows([id])).toEqual([]);
    expect(await closures(id)).toEqual([
      expect.objectContaining({ purpose: 'retention_ended', actor_role: 'system' }),
    ]);
    for (const who of [w.doctor, w.ana]) {
      expect(await read(who, id)).toMatchObject({
        status: 'completed',
        packageAvailable: false,
        packageClosedReason: 'retention_ended',
      });
    }
    await expectPackageClosed(id, 'retention_ended');
    expect(await closeCompletedPackages(t.database.store, now)).toBe(0);
  });
});

describe('the sender closing a package early', () => {
  it('closes it for good (closed_by_sender, audited), also after the partner completed at once', async () => {
    const id = await newReferral();
    for (const to of ['acknowledged', 'accepted', 'in_progress']) {
      expect((await move(w.doctor, id, { to })).status).toBe(200);
    }
    const done = await move(w.doctor, id, { to: 'completed', outcome: 'Atendida' });
    expect(done.status).toBe(200);
    // Withdrawal is no longer possible, but closing the package is.
    expect((await move(w.ana, id, { to: 'withdrawn', reason: 'sent_in_error' })).status).toBe(409);
    const closed = await w.ana.client.send('delete', `/api/v1/referrals/${id}/package`);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'completed',
      packageAvailable: false,
      packageClosedReason: 'closed_by_sender',
    });
    await expectPackageClosed(id, 'closed_by_sender');
    expect(await packageRows([id])).toEqual([]);
    expect(await auditEvents(t, { action: 'referral.package.close', resourceId: id })).toEqual([
      expect.objectContaining({ actor_id: w.ana.user.id, purpose: 'closed_by_sender' }),
    ]);
    const again = await w.ana.client.send('delete', `/api/v1/referrals/${id}/package`);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'package_closed', reason: 'closed_by_sender' });
  });

  it('is the sender’s only: the partner is refused (403, audited), another team gets 404', async () => {
    const id = await newReferral();
    const partner = await w.doctor.client.send('delete', `/api/v1/referrals/${id}/package`);
    expect(partner.status).toBe(403);
    const denial = (await auditEvents(t, { action: 'access.denied' })).at(-1);
    expect(denial).toMatchObject({
      actor_id: w.doctor.user.id,
      resource_id: 'DELETE:/api/v1/referrals/:id/package',
    });
    const outsider = await w.bruno.client.send('delete', `/api/v1/referrals/${id}/package`);
    expect(outsider.status).toBe(404);
    const malformed = await w.ana.client.send('delete', '/api/v1/referrals/no-es-un-id/package');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({
      errors: [expect.objectContaining({ path: 'params.id' })],
    });
    await expectPackageReadable(id);
  });
});

describe('erasing the case', () => {
  it('closes the package of every referral of it (case_erased), seen by the partner everywhere', async () => {
    const erasedCase = await newCase(w.ana.client, { identity: { healthNotes: SECRET } });
    await giveConsent(w.ana.client, erasedCase, HEALTH);
    const refer = () =>
      referralId(w.ana.client, erasedCase, w.hospital, { categories: ['health'] });
    const sent = await refer();
    const opened = await refer();
    const completed = await refer();
    const withdrawn = await refer();
    await expectPackageReadable(opened);
    await complete(completed);
    await move(w.ana, withdrawn, { to: 'withdrawn', reason: 'sent_in_error' });

    await w.sara.client.post('/api/v1/auth/step-up', { code: await w.sara.client.nextCode() });
    const erased = await w.sara.client.post(`/api/v1/cases/${erasedCase}/erase`, {
      reason: 'created_in_error',
    });
    expect(erased.status).toBe(200);

    const live = [sent, opened, completed];
    const inbox = await w.doctor.client.get('/api/v1/referrals?limit=100');
    expect(inbox.status).toBe(200);
    const items = (inbox.body as { items: Referral[] }).items;
    for (const id of live) {
      const expected = { id, packageAvailable: false, packageClosedReason: 'case_erased' };
      expect(await read(w.doctor, id)).toMatchObject(expected);
      expect(items.find((r) => r.id === id)).toMatchObject(expected);
      await expectPackageClosed(id, 'case_erased');
      expect(await closures(id)).toEqual([
        expect.objectContaining({ purpose: 'case_erased', actor_id: w.sara.user.id }),
      ]);
    }
    // Statuses are kept; a package closed earlier keeps its own reason.
    expect((await read(w.doctor, completed)).status).toBe('completed');
    expect((await read(w.doctor, sent)).status).toBe('sent');
    expect(items.find((r) => r.id === withdrawn)).toMatchObject({
      packageAvailable: false,
      packageClosedReason: 'withdrawn',
    });
    await expectPackageClosed(withdrawn, 'withdrawn');
    expect(await packageRows([...live, withdrawn])).toEqual([]);
  });
});

describe('row-level security on packages', () => {
  const partner = (): DbActor => ({
    id: w.doctor.user.id,
    role: 'partner',
    institutionId: w.hospital,
  });
  const institutionSystem = (): DbActor => ({
    id: hospitalSystem.id,
    role: 'institution_system',
    institutionId: w.hospital,
  });
  const sender = (): DbActor => ({
    id: w.ana.user.id,
    role: 'caseworker',
    institutionId: w.ana.user.institutionId,
  });
  /** The package rows this actor sees, straight from the table. */
  const seenBy = (actor: DbActor, ids: string[]) =>
    inActorTransaction(t.database.store, actor, async (trx) =>
      (
        await trx
          .selectFrom('referral_packages')
          .select('referral_id')
          .where('referral_id', 'in', ids)
          .execute()
      ).map((r) => r.referral_id),
    );

  it('hides the row of a referral whose package is marked closed, even if the row is still there', async () => {
    const id = await newReferral();
    expect(await seenBy(partner(), [id])).toEqual([id]);
    expect(await seenBy(institutionSystem(), [id])).toEqual([id]);

    await asSuperuser(
      t.database,
      `update referrals set package_closed_at = now(), package_closed_reason = 'retention_ended'
         where id = '${id}'`,
    );
    expect(await packageRows([id])).toEqual([id]); // the row survived the tampering
    expect(await seenBy(partner(), [id])).toEqual([]);
    expect(await seenBy(institutionSystem(), [id])).toEqual([]);
    await expectPackageClosed(id, 'retention_ended');
  });

  it('hides the row of a referral in an ended status, even with its package not marked closed', async () => {
    const id = await newReferral();
    expect(await seenBy(partner(), [id])).toEqual([id]);
    // Only a superuser without the CHECK can make this state; the policy still holds.
    await asSuperuser(
      t.database,
      `alter table referrals drop constraint referrals_ended_package_closed;
       update referrals set status = 'expired' where id = '${id}';`,
    );
    try {
      expect(await packageRows([id])).toEqual([id]);
      expect(await seenBy(partner(), [id])).toEqual([]);
      expect(await seenBy(institutionSystem(), [id])).toEqual([]);
    } finally {
      await asSuperuser(
        t.database,
        `update referrals set status = 'sent' where id = '${id}';
         alter table referrals add constraint referrals_ended_package_closed
           check (status not in ('withdrawn', 'declined', 'expired') or package_closed_at is not null);`,
      );
    }
    expect(await seenBy(partner(), [id])).toEqual([id]);
  });

  it('lets a package row be inserted only for a sent referral whose package is open', async () => {
    const insert = (id: string) =>
      inActorTransaction(t.database.store, sender(), (trx) =>
        trx
          .insertInto('referral_packages')
          .values({ referral_id: id, content_enc: Buffer.from('forged') })
          .execute(),
      ).then(
        () => 'inserted',
        (error: { message?: string }) => error.message ?? 'refused',
      );
    const removeRow = (id: string) =>
      asSuperuser(t.database, `delete from referral_packages where referral_id = '${id}'`);

    const open = await newReferral();
    await removeRow(open);
    expect(await insert(open)).toBe('inserted'); // the rule lets the sender write a new one

    const acknowledged = await newReferral();
    await move(w.doctor, acknowledged, { to: 'acknowledged' });
    await removeRow(acknowledged);
    expect(await insert(acknowledged)).toMatch(/row-level security/);

    const withdrawn = await newReferral();
    await move(w.ana, withdrawn, { to: 'withdrawn', reason: 'sent_in_error' });
    expect(await insert(withdrawn)).toMatch(/row-level security/);

    const closed = await newReferral();
    await asSuperuser(
      t.database,
      `update referrals set package_closed_at = now(), package_closed_reason = 'consent_revoked'
         where id = '${closed}';
       delete from referral_packages where referral_id = '${closed}';`,
    );
    expect(await insert(closed)).toMatch(/row-level security/);
    expect(await packageRows([acknowledged, withdrawn, closed])).toEqual([]);
  });
});

describe('the database refuses to rewrite how a referral ended', () => {
  const attempt = (statement: string) =>
    inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
      sql.raw(statement).execute(trx),
    ).then(
      () => 'changed',
      (error: { message?: string }) => error.message ?? 'refused',
    );
  let ended: Record<'withdrawn' | 'declined' | 'completed' | 'expired', string>;
  let opened: string;

  beforeAll(async () => {
    const withdrawn = await newReferral();
    await move(w.ana, withdrawn, { to: 'withdrawn', reason: 'sent_in_error' });
    const declined = await newReferral();
    await move(w.doctor, declined, { to: 'acknowledged' });
    await move(w.doctor, declined, { to: 'declined', reason: 'no_capacity' });
    const completed = await newReferral();
    await complete(completed);
    // Expired as the hourly job leaves it (the job itself is exercised above).
    const expired = await newReferral();
    await asSuperuser(
      t.database,
      `update referrals set status = 'expired', package_closed_at = now(),
         package_closed_reason = 'expired' where id = '${expired}';
       delete from referral_packages where referral_id = '${expired}';`,
    );
    ended = { withdrawn, declined, completed, expired };
    opened = await newReferral();
    expect((await w.doctor.client.get(`/api/v1/referrals/${opened}/package`)).status).toBe(200);
    for (const [status, id] of Object.entries(ended)) {
      expect([status, (await rawReferral(id)).status]).toEqual([status, status]);
    }
  });

  it('never moves an ended referral again', async () => {
    for (const [status, id] of Object.entries(ended)) {
      for (const to of ['sent', 'acknowledged', 'accepted', 'in_progress']) {
        const result = await attempt(`update referrals set status = '${to}' where id = '${id}'`);
        expect([status, to, result]).toEqual([status, to, expect.stringMatching(/not rewritten/)]);
      }
      expect((await rawReferral(id)).status).toBe(status);
    }
  });

  it('never changes the first open once recorded', async () => {
    const before = (await rawReferral(opened)).opened_at;
    expect(before).toBeInstanceOf(Date);
    expect(await attempt(`update referrals set opened_at = null where id = '${opened}'`)).toMatch(
      /not rewritten/,
    );
    expect(
      await attempt(
        `update referrals set opened_at = opened_at + interval '1 day' where id = '${opened}'`,
      ),
    ).toMatch(/not rewritten/);
    expect((await rawReferral(opened)).opened_at).toEqual(before);

    // Recording it the first time is allowed.
    const unopened = await newReferral();
    expect(await attempt(`update referrals set opened_at = now() where id = '${unopened}'`)).toBe(
      'changed',
    );
  });

  it('never reopens, re-dates or re-explains a closed package', async () => {
    const id = ended.withdrawn;
    const before = await rawReferral(id);
    for (const change of [
      'package_closed_at = null, package_closed_reason = null',
      "package_closed_reason = 'expired'",
      "package_closed_at = package_closed_at + interval '1 second'",
      "package_closed_at = now(), package_closed_reason = 'case_erased'",
    ]) {
      const result = await attempt(`update referrals set ${change} where id = '${id}'`);
      expect([change, result]).toEqual([change, expect.stringMatching(/not rewritten/)]);
    }
    const after = await rawReferral(id);
    expect(after.package_closed_at).toEqual(before.package_closed_at);
    expect(after.package_closed_reason).toBe('withdrawn');

    // Closing an open package, and moving a live referral, are still allowed.
    const live = await newReferral();
    expect(
      await attempt(
        `update referrals set package_closed_at = now(), package_closed_reason = 'consent_revoked'
           where id = '${live}'`,
      ),
    ).toBe('changed');
    expect(await attempt(`update referrals set status = 'acknowledged' where id = '${live}'`)).toBe(
      'changed',
    );
  });

  it('refuses an ended status without a closed package (CHECK)', async () => {
    const live = await newReferral();
    const result = await attempt(`update referrals set status = 'withdrawn' where id = '${live}'`);
    expect(result).toMatch(/referrals_ended_package_closed/);
    expect((await rawReferral(live)).status).toBe('sent');
  });
});
