import { sql } from 'kysely';
import { inActorTransaction, SYSTEM_ACTOR } from '../../server/db/actor-transaction';
import { startTestApp, type TestApp } from '../helpers/app';
import {
  giveConsent,
  newCase,
  refer,
  referralId,
  referralWorld,
  type Signed,
  HEALTH,
  move,
  readReferral,
  revoke,
  packageRows as packageRowsOf,
} from '../helpers/referrals';
import { asSuperuser } from '../helpers/superuser';
import { auditEvents } from '../helpers/users';

/**
 * Revoking a consent, in one transaction: no new disclosure under it;
 * referrals whose package was never opened are withdrawn; opened packages
 * become unreadable while their referrals keep status and history.
 */
let t: TestApp;
let w: Awaited<ReturnType<typeof referralWorld>>;

type Body = Record<string, unknown>;
type History = { from: string | null; to: string; reason: string | null; actorId: string }[];
type Referral = Body & { status: string; packageAvailable: boolean; history: History };

const read = (who: Signed, id: string) => readReferral<Referral>(who, id);
const openPackage = (who: Signed, id: string) => who.client.get(`/api/v1/referrals/${id}/package`);
const packageRows = (ids: string[]) => packageRowsOf(t, ids);
const consentStatus = async (caseId: string, consentId: string) => {
  const res = await w.ana.client.get(`/api/v1/cases/${caseId}/consents`);
  return (res.body as { items: { id: string; status: string }[] }).items.find(
    (c) => c.id === consentId,
  )?.status;
};

beforeAll(async () => {
  t = await startTestApp();
  w = await referralWorld(t, 'Revocación');
}, 60_000);
afterAll(() => t.close());

describe('revoking a consent', () => {
  let caseId: string;
  let consentId: string;
  let unopened: string; // sent, never opened
  let acknowledged: string; // acknowledged without opening the package
  let opened: string; // package read, then accepted
  let declined: string; // ended before the revocation
  let otherConsent: string; // under another consent: untouched
  let historyBefore: History;

  beforeAll(async () => {
    caseId = await newCase(w.ana.client, { identity: { healthNotes: 'Tratamiento en curso' } });
    consentId = (await giveConsent(w.ana.client, caseId, HEALTH)).id;
    await giveConsent(w.ana.client, caseId, [{ sectors: ['justice'], categories: ['minimal'] }]);
    const health = { categories: ['health'] };
    unopened = await referralId(w.ana.client, caseId, w.hospital, health);
    acknowledged = await referralId(w.ana.client, caseId, w.hospital, health);
    opened = await referralId(w.ana.client, caseId, w.hospital, health);
    declined = await referralId(w.ana.client, caseId, w.hospital, health);
    otherConsent = await referralId(w.ana.client, caseId, w.fiscalia);

    expect((await move(w.doctor, acknowledged, { to: 'acknowledged' })).status).toBe(200);
    expect((await openPackage(w.doctor, opened)).status).toBe(200);
    for (const to of ['acknowledged', 'accepted']) {
      expect((await move(w.doctor, opened, { to })).status).toBe(200);
    }
    await move(w.doctor, declined, { to: 'acknowledged' });
    await move(w.doctor, declined, { to: 'declined', reason: 'no_capacity' });
    historyBefore = (await read(w.ana, opened)).history;
    expect(historyBefore.map((h) => h.to)).toEqual(['sent', 'acknowledged', 'accepted']);
  }, 60_000);

  it('answers what it did: referrals withdrawn, packages closed', async () => {
    const res = await revoke(w.ana, consentId);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      consent: { id: consentId, status: 'revoked' },
      withdrawnReferrals: 2,
      closedPackages: 3, // the declined one lost its package when it was declined
    });
    expect(await auditEvents(t, { action: 'consent.revoke', resourceId: consentId })).toEqual([
      expect.objectContaining({ purpose: 'person_withdrew', actor_id: w.ana.user.id }),
    ]);
  });

  it('blocks every new disclosure under it', async () => {
    const res = await refer(w.ana.client, caseId, w.hospital, { categories: ['health'] });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      code: 'consent_missing',
      missingConsent: [
        { purpose: 'service_referral', category: 'minimal' },
        { purpose: 'information_sharing', category: 'health' },
      ],
    });
  });

  it('withdraws the referrals whose package was never opened, their packages destroyed', async () => {
    for (const [id, from] of [
      [unopened, 'sent'],
      [acknowledged, 'acknowledged'],
    ] as const) {
      const referral = await read(w.ana, id);
      expect(referral).toMatchObject({ status: 'withdrawn', packageAvailable: false });
      expect(referral.history.at(-1)).toMatchObject({
        from,
        to: 'withdrawn',
        reason: 'consent_revoked',
        actorId: w.ana.user.id,
      });
      expect(await auditEvents(t, { action: 'referral.transition', resourceId: id })).toEqual(
        expect.arrayContaining([expect.objectContaining({ purpose: 'withdrawn' })]),
      );
      const pkg = await openPackage(w.doctor, id);
      expect(pkg.status).toBe(409);
      expect(pkg.body).toMatchObject({ code: 'package_closed' });
      expect(JSON.stringify(pkg.body)).not.toContain('Tratamiento en curso');
      // The partner still sees that it was withdrawn, and can do nothing more with it.
      expect(await read(w.doctor, id)).toMatchObject({ status: 'withdrawn' });
      expect((await move(w.doctor, id, { to: 'accepted' })).status).toBe(409);
    }
    expect(await packageRows([unopened, acknowledged, opened, declined])).toEqual([]);
    expect(await packageRows([otherConsent])).toEqual([otherConsent]);
    for (const id of [unopened, acknowledged, opened]) {
      expect(await auditEvents(t, { action: 'referral.package.close', resourceId: id })).toEqual([
        expect.objectContaining({ purpose: 'consent_revoked', actor_id: w.ana.user.id }),
      ]);
    }
    expect(
      await auditEvents(t, { action: 'referral.package.close', resourceId: declined }),
    ).toEqual([expect.objectContaining({ purpose: 'declined', actor_id: w.doctor.user.id })]);
  });

  it('keeps an opened referral going, its status and history intact, its package unreadable', async () => {
    const sender = await read(w.ana, opened);
    expect(sender).toMatchObject({ status: 'accepted', packageAvailable: false });
    expect(sender.history).toEqual(historyBefore);
    expect(
      (await auditEvents(t, { action: 'referral.transition', resourceId: opened })).map(
        (e) => e.purpose,
      ),
    ).toEqual(['acknowledged', 'accepted']);

    const pkg = await openPackage(w.doctor, opened);
    expect(pkg.status).toBe(409);
    expect(pkg.body).toMatchObject({ code: 'package_closed' });
    expect(await read(w.doctor, opened)).toMatchObject({
      status: 'accepted',
      openedAt: expect.any(String),
    });
    expect((await move(w.doctor, opened, { to: 'in_progress' })).status).toBe(200);
    const done = await move(w.doctor, opened, {
      to: 'completed',
      outcome: 'Atención brindada',
      feedback: 'Seguimiento mensual',
    });
    expect(done.status).toBe(200);
    const after = await read(w.ana, opened);
    expect(after.history.slice(0, 3)).toEqual(historyBefore);
    expect(after.history.at(-1)).toMatchObject({
      to: 'completed',
      outcome: 'Atención brindada',
      feedback: 'Seguimiento mensual',
    });
  });

  it('leaves an ended referral as it was, and one under another consent untouched', async () => {
    const ended = await read(w.ana, declined);
    expect(ended).toMatchObject({ status: 'declined', declineReason: 'no_capacity' });
    expect(ended.history.map((h) => h.to)).toEqual(['sent', 'acknowledged', 'declined']);

    expect(await read(w.ana, otherConsent)).toMatchObject({
      status: 'sent',
      packageAvailable: true,
    });
    expect((await openPackage(w.fiscal, otherConsent)).status).toBe(200);
    expect((await refer(w.ana.client, caseId, w.fiscalia)).status).toBe(201);
  });

  it('happens once: a second revocation is refused and changes nothing', async () => {
    const again = await revoke(w.sara, consentId);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'consent_revoked' });
    expect(await auditEvents(t, { action: 'consent.revoke', resourceId: consentId })).toHaveLength(
      1,
    );
  });
});

describe('revocation is one transaction', () => {
  it("of another team's consent: 404, and nothing changes", async () => {
    const caseId = await newCase(w.ana.client);
    const consentId = (await giveConsent(w.ana.client, caseId, HEALTH)).id;
    const id = await referralId(w.ana.client, caseId, w.hospital);

    const res = await revoke(w.bruno, consentId);
    expect(res.status).toBe(404);
    expect(await consentStatus(caseId, consentId)).toBe('active');
    expect(await read(w.ana, id)).toMatchObject({ status: 'sent', packageAvailable: true });
    expect(await packageRows([id])).toEqual([id]);
    expect(await auditEvents(t, { action: 'consent.revoke', resourceId: consentId })).toEqual([]);
    expect(await auditEvents(t, { action: 'access.denied', resourceId: consentId })).toEqual([
      expect.objectContaining({ actor_id: w.bruno.user.id }),
    ]);
  });

  it('that fails whole: a failure withdrawing one referral undoes the revocation', async () => {
    const caseId = await newCase(w.ana.client);
    const consentId = (await giveConsent(w.ana.client, caseId, HEALTH)).id;
    const first = await referralId(w.ana.client, caseId, w.hospital);
    const second = await referralId(w.ana.client, caseId, w.hospital);
    const opened = await referralId(w.ana.client, caseId, w.hospital);
    expect((await openPackage(w.doctor, opened)).status).toBe(200);

    // A fault in the middle: the history entry of the second withdrawal cannot be written.
    await asSuperuser(
      t.database,
      `create function test_refuse_event() returns trigger language plpgsql as $$
       begin
         if new.referral_id = '${second}' and new.reason = 'consent_revoked' then
           raise exception 'injected fault';
         end if;
         return new;
       end $$;
       create trigger test_refuse_event before insert on referral_events
         for each row execute function test_refuse_event();`,
    );
    try {
      const failed = await revoke(w.ana, consentId);
      expect(failed.status).toBe(500);
    } finally {
      await asSuperuser(
        t.database,
        'drop trigger test_refuse_event on referral_events; drop function test_refuse_event();',
      );
    }
    expect(await consentStatus(caseId, consentId)).toBe('active');
    for (const id of [first, second, opened]) {
      expect(await read(w.ana, id)).toMatchObject({ packageAvailable: true });
    }
    expect((await read(w.ana, first)).status).toBe('sent');
    expect((await read(w.ana, second)).status).toBe('sent');
    expect(await packageRows([first, second, opened])).toEqual([first, second, opened].sort());
    expect(await auditEvents(t, { action: 'consent.revoke', resourceId: consentId })).toEqual([]);
    for (const id of [first, second, opened]) {
      expect(await auditEvents(t, { action: 'referral.package.close', resourceId: id })).toEqual(
        [],
      );
    }
    expect((await openPackage(w.doctor, opened)).status).toBe(200);

    // Without the fault, the same revocation goes through.
    const res = await revoke(w.ana, consentId);
    expect(res.body).toMatchObject({ withdrawnReferrals: 2, closedPackages: 3 });
  });
});

describe('raw tables after revocation', () => {
  it('keep the referral rows and their history, never the package', async () => {
    const caseId = await newCase(w.ana.client);
    const consentId = (await giveConsent(w.ana.client, caseId, HEALTH)).id;
    const id = await referralId(w.ana.client, caseId, w.hospital);
    await revoke(w.ana, consentId);
    const raw = await inActorTransaction(t.database.store, SYSTEM_ACTOR, async (trx) => ({
      referral: await trx
        .selectFrom('referrals')
        .select(['status', 'package_closed_at'])
        .where('id', '=', id)
        .executeTakeFirst(),
      events: (
        await sql<{
          to_status: string;
        }>`select to_status from referral_events where referral_id = ${id} order by created_at`.execute(
          trx,
        )
      ).rows.map((r) => r.to_status),
      packages: (
        await sql<{
          n: number;
        }>`select count(*)::int as n from referral_packages where referral_id = ${id}`.execute(trx)
      ).rows[0]!.n,
      key: await trx
        .selectFrom('referral_keys')
        .select('referral_id')
        .where('referral_id', '=', id)
        .executeTakeFirst(),
    }));
    expect(raw).toEqual({
      referral: { status: 'withdrawn', package_closed_at: expect.any(Date) },
      events: ['sent', 'withdrawn'],
      packages: 0,
      key: { referral_id: id },
    });
  });
});
