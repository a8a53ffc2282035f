import { sql } from 'kysely';
import { inActorTransaction, SYSTEM_ACTOR, type DbActor } from '../../server/db/actor-transaction';
import { notifyOverdueReferrals } from '../../server/modules/notifications';
import { startTestApp, type TestApp } from '../helpers/app';
import { canary, expectNoCanary } from '../helpers/canary';
import {
  giveConsent,
  HEALTH,
  inDays,
  move,
  newCase,
  referralId,
  referralWorld,
  revoke,
  type Signed,
} from '../helpers/referrals';
import { SessionClient } from '../helpers/session-client';
import { auditEvents, createTeam, signedIn } from '../helpers/users';

/** Notifications: the endpoints, each event that writes them, and who may see them. */
type Notice = {
  id: string;
  kind: string;
  resourceType: string;
  resourceId: string;
  createdAt: string;
  readAt: string | null;
};
type NoticePage = { items: Notice[]; nextCursor: string | null; unread: number };

let t: TestApp;
let w: Awaited<ReturnType<typeof referralWorld>>;

beforeAll(async () => {
  t = await startTestApp();
  w = await referralWorld(t, 'Avisos');
});
afterAll(() => t.close());

const notices = async (who: Signed, query = ''): Promise<NoticePage> => {
  const res = await who.client.get(`/api/v1/notifications${query}`);
  expect(res.status).toBe(200);
  return res.body as NoticePage;
};
const about = async (who: Signed, resourceId: string) =>
  (await notices(who, '?limit=200')).items
    .filter((n) => n.resourceId === resourceId)
    .map((n) => n.kind)
    .sort();

const system = <T>(work: Parameters<typeof inActorTransaction<T>>[2]) =>
  inActorTransaction(t.database.store, SYSTEM_ACTOR, work);

async function consentedCase(who: Signed = w.ana) {
  const caseId = await newCase(who.client);
  await giveConsent(who.client, caseId, [
    { sectors: ['health', 'justice'], categories: ['minimal', 'health'] },
  ]);
  return caseId;
}

/** A fresh second-factor check, for what needs step-up. */
async function stepUp(who: Signed) {
  t.clock.advance(31);
  const res = await who.client.post('/api/v1/auth/step-up', { code: await who.client.nextCode() });
  expect(res.status).toBe(200);
}

describe('the endpoints', () => {
  it('answer 401 without a session', async () => {
    const anonymous = new SessionClient(t.app, t.clock);
    const id = '00000000-0000-4000-8000-000000000000';
    expect((await anonymous.get('/api/v1/notifications')).status).toBe(401);
    expect((await anonymous.post(`/api/v1/notifications/${id}/read`, {})).status).toBe(401);
    expect((await anonymous.post('/api/v1/notifications/read-all', {})).status).toBe(401);
  });

  it('answer 400 naming the field', async () => {
    const bad = (res: { status: number; body: unknown }, path: string) => {
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ errors: [expect.objectContaining({ path })] });
    };
    bad(await w.doctor.client.get('/api/v1/notifications?cursor=nope'), 'query.cursor');
    bad(await w.doctor.client.get('/api/v1/notifications?limit=0'), 'query.limit');
    bad(await w.doctor.client.post('/api/v1/notifications/not-an-id/read', {}), 'params.id');
    bad(await w.doctor.client.post('/api/v1/notifications/read-all', { all: true }), 'body');
  });

  it('list, page and mark read your own; another person’s is 404; nothing is audited', async () => {
    const partner = await signedIn(t, 'partner', { institutionId: w.fiscalia });
    const caseId = await consentedCase();
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      ids.push(await referralId(w.ana.client, caseId, w.fiscalia, { categories: ['minimal'] }));
    }
    const before = (await auditEvents(t)).length;
    const first = await notices(partner, '?limit=2');
    expect(first.unread).toBe(3);
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await notices(partner, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.nextCursor).toBeNull();
    const all = [...first.items, ...second.items];
    expect(all.map((n) => n.resourceId).sort()).toEqual([...ids].sort());
    expect(all.every((n) => n.kind === 'referral_received' && n.readAt === null)).toBe(true);
    const times = all.map((n) => Date.parse(n.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(Object.keys(all[0]!).sort()).toEqual(
      ['createdAt', 'id', 'kind', 'readAt', 'resourceId', 'resourceType'].sort(),
    );

    // Someone else's: 404, like a missing one, and nothing changes.
    const target = all[0]!;
    expect((await w.fiscal.client.post(`/api/v1/notifications/${target.id}/read`, {})).status).toBe(
      404,
    );
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await partner.client.post(`/api/v1/notifications/${missing}/read`, {})).status).toBe(
      404,
    );
    expect((await notices(partner)).unread).toBe(3);

    const read = await partner.client.post(`/api/v1/notifications/${target.id}/read`, {});
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: target.id, readAt: expect.any(String) });
    const again = await partner.client.post(`/api/v1/notifications/${target.id}/read`, {});
    expect((again.body as Notice).readAt).toBe((read.body as Notice).readAt);
    expect((await notices(partner)).unread).toBe(2);

    const readAll = await partner.client.post('/api/v1/notifications/read-all', {});
    expect(readAll.status).toBe(200);
    expect(readAll.body).toEqual({ marked: 2 });
    expect((await notices(partner)).unread).toBe(0);
    // Reading or marking notifications reads no case data: no audit row.
    expect((await auditEvents(t)).length).toBe(before);
  });

  it('are for every role', async () => {
    for (const role of ['admin', 'auditor', 'coordinator'] as const) {
      const who = await signedIn(t, role);
      expect(await notices(who)).toEqual({ items: [], nextCursor: null, unread: 0 });
      expect((await who.client.post('/api/v1/notifications/read-all', {})).body).toEqual({
        marked: 0,
      });
    }
  });
});

describe('row-level security', () => {
  it('lets nobody read, mark, write or remove another person’s notifications', async () => {
    const caseId = await consentedCase();
    const id = await referralId(w.ana.client, caseId, w.hospital);
    const mine = (await notices(w.doctor)).items.find((n) => n.resourceId === id)!;
    const as = (who: Signed, role: DbActor['role'], institutionId: string): DbActor => ({
      id: who.user.id,
      role,
      institutionId,
    });
    const other = as(w.fiscal, 'partner', w.fiscalia);
    const seen = await inActorTransaction(t.database.store, other, async (trx) => {
      const rows = await trx
        .selectFrom('notifications')
        .select('id')
        .where('id', '=', mine.id)
        .execute();
      const marked = await trx
        .updateTable('notifications')
        .set({ read_at: new Date() })
        .where('id', '=', mine.id)
        .executeTakeFirst();
      return { rows: rows.length, marked: Number(marked.numUpdatedRows) };
    });
    expect(seen).toEqual({ rows: 0, marked: 0 });
    // Only the database's own functions (as the system) write or remove them.
    const self = as(w.doctor, 'partner', w.hospital);
    await expect(
      inActorTransaction(t.database.store, self, (trx) =>
        sql`insert into notifications (recipient_id, kind, resource_type, resource_id)
            values (${w.doctor.user.id}, 'referral_received', 'referral', ${id})`.execute(trx),
      ),
    ).rejects.toThrow();
    const removed = await inActorTransaction(t.database.store, self, (trx) =>
      trx.deleteFrom('notifications').where('id', '=', mine.id).executeTakeFirst(),
    );
    expect(Number(removed.numDeletedRows)).toBe(0);
    // Only read_at may change, even for its recipient.
    await expect(
      inActorTransaction(t.database.store, self, (trx) =>
        sql`update notifications set kind = 'referral_overdue' where id = ${mine.id}`.execute(trx),
      ),
    ).rejects.toThrow();
    // The outbox is the system's alone.
    const outbox = await inActorTransaction(t.database.store, self, (trx) =>
      trx.selectFrom('mail_outbox').select('id').execute(),
    );
    expect(outbox).toEqual([]);
  });
});

describe('who is told what', () => {
  it('a new referral: the receiving institution’s active partner staff, nobody else', async () => {
    const colleague = await signedIn(t, 'partner', { institutionId: w.hospital });
    const disabled = await signedIn(t, 'partner', { institutionId: w.hospital });
    await system((trx) =>
      trx.updateTable('users').set({ active: false }).where('id', '=', disabled.user.id).execute(),
    );
    const caseId = await consentedCase();
    const id = await referralId(w.ana.client, caseId, w.hospital);
    expect(await about(w.doctor, id)).toEqual(['referral_received']);
    expect(await about(colleague, id)).toEqual(['referral_received']);
    for (const nobody of [w.fiscal, w.ana, w.sara, w.sofia, w.bruno]) {
      expect(await about(nobody, id)).toEqual([]);
    }
    const rows = await system((trx) =>
      trx
        .selectFrom('notifications')
        .select('recipient_id')
        .where('resource_id', '=', id)
        .execute(),
    );
    expect(rows.map((r) => r.recipient_id).sort()).toEqual(
      [w.doctor.user.id, colleague.user.id].sort(),
    );
    const mail = await system((trx) =>
      trx
        .selectFrom('mail_outbox')
        .select(['recipient_id', 'kind'])
        .where('recipient_id', 'in', [w.doctor.user.id, colleague.user.id, disabled.user.id])
        .where('created_at', '>=', sql<Date>`now() - interval '1 minute'`)
        .execute(),
    );
    expect(mail.filter((m) => m.recipient_id === disabled.user.id)).toEqual([]);
  });

  it('acknowledged, declined, completed: the sender', async () => {
    const caseId = await consentedCase();
    const a = await referralId(w.ana.client, caseId, w.hospital);
    const b = await referralId(w.ana.client, caseId, w.hospital);
    expect((await move(w.doctor, a, { to: 'acknowledged' })).status).toBe(200);
    expect((await move(w.doctor, a, { to: 'accepted' })).status).toBe(200);
    expect((await move(w.doctor, a, { to: 'in_progress' })).status).toBe(200);
    expect((await move(w.doctor, a, { to: 'completed', outcome: 'Atendida' })).status).toBe(200);
    expect((await move(w.doctor, b, { to: 'acknowledged' })).status).toBe(200);
    expect((await move(w.doctor, b, { to: 'declined', reason: 'no_capacity' })).status).toBe(200);
    expect(await about(w.ana, a)).toEqual(['referral_acknowledged', 'referral_completed']);
    expect(await about(w.ana, b)).toEqual(['referral_acknowledged', 'referral_declined']);
    for (const nobody of [w.sara, w.doctor]) {
      expect((await about(nobody, a)).filter((k) => k !== 'referral_received')).toEqual([]);
    }
  });

  it('a consent revoked: the senders of its live referrals (not the one who revoked it)', async () => {
    const caseId = await newCase(w.ana.client);
    const consent = await giveConsent(w.ana.client, caseId, HEALTH);
    const live = await referralId(w.ana.client, caseId, w.hospital);
    const bySara = await referralId(w.sara.client, caseId, w.hospital);
    const ended = await referralId(w.ana.client, caseId, w.hospital);
    await move(w.doctor, ended, { to: 'acknowledged' });
    expect((await move(w.doctor, ended, { to: 'declined', reason: 'no_capacity' })).status).toBe(
      200,
    );
    expect((await revoke(w.sara, consent.id)).status).toBe(200);
    expect(await about(w.ana, live)).toEqual(['consent_revoked']);
    expect(await about(w.ana, ended)).toEqual(['referral_acknowledged', 'referral_declined']);
    expect(await about(w.sara, bySara)).toEqual([]);
  });

  it('a consent awaiting approval: the team’s other supervisors; settled once approved', async () => {
    const caseId = await newCase(w.ana.client, { age: 15 });
    const byAna = await giveConsent(w.ana.client, caseId, HEALTH, { givenBy: 'guardian' });
    expect(await about(w.sara, byAna.id)).toEqual(['consent_pending_approval']);
    expect(await about(w.sofia, byAna.id)).toEqual(['consent_pending_approval']);
    expect(await about(w.ana, byAna.id)).toEqual([]);
    const bySara = await giveConsent(w.sara.client, caseId, HEALTH, { givenBy: 'best_interest' });
    expect(await about(w.sara, bySara.id)).toEqual([]);
    expect(await about(w.sofia, bySara.id)).toEqual(['consent_pending_approval']);
    const personal = await giveConsent(w.ana.client, await newCase(w.ana.client), HEALTH);
    expect(await about(w.sara, personal.id)).toEqual([]);

    expect((await w.sofia.client.post(`/api/v1/consents/${byAna.id}/approve`, {})).status).toBe(
      200,
    );
    const sara = (await notices(w.sara, '?limit=200')).items.find((n) => n.resourceId === byAna.id);
    expect(sara?.readAt).toEqual(expect.any(String));
  });

  it('a break-glass grant: the supervisors of the case’s team', async () => {
    const caseId = await newCase(w.ana.client);
    const res = await w.bruno.client.post(`/api/v1/cases/${caseId}/break-glass`, {
      justification: 'Llamada de emergencia del albergue, la persona está en riesgo',
    });
    expect(res.status).toBe(201);
    const grants = await system((trx) =>
      trx.selectFrom('case_access_grants').select('id').where('case_id', '=', caseId).execute(),
    );
    const grantId = grants[0]!.id;
    expect(await about(w.sara, grantId)).toEqual(['review_break_glass']);
    expect(await about(w.sofia, grantId)).toEqual(['review_break_glass']);
    expect(await about(w.bruno, grantId)).toEqual([]);
    expect(await about(w.ana, grantId)).toEqual([]);
  });

  it('a vital-interest override: the sending team’s supervisors, not the sender', async () => {
    const caseId = await newCase(w.ana.client);
    await stepUp(w.sara);
    const id = await referralId(w.sara.client, caseId, w.escuela, {
      vitalInterestOverride: { justification: 'Riesgo inminente para la vida de la persona' },
    });
    expect(await about(w.sofia, id)).toEqual(['review_consent_override']);
    expect(await about(w.sara, id)).toEqual([]);
  });

  it('overdue: the sender, once, even when the scan runs twice', async () => {
    const caseId = await consentedCase();
    const id = await referralId(w.ana.client, caseId, w.hospital);
    const later = new Date(Date.now() + 3.5 * 86_400_000);
    const runs = await Promise.all([
      notifyOverdueReferrals(t.database.store, later),
      notifyOverdueReferrals(t.database.store, later),
    ]);
    expect(runs.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    await notifyOverdueReferrals(t.database.store, later);
    expect(await about(w.ana, id)).toEqual(['referral_overdue']);
    const mail = await system((trx) =>
      trx
        .selectFrom('mail_outbox')
        .select('id')
        .where('recipient_id', '=', w.ana.user.id)
        .where('kind', '=', 'referral_overdue')
        .execute(),
    );
    expect(mail.length).toBeGreaterThanOrEqual(1);
    // An acknowledged one is not overdue.
    const acknowledged = await referralId(w.ana.client, caseId, w.hospital);
    await move(w.doctor, acknowledged, { to: 'acknowledged' });
    await notifyOverdueReferrals(t.database.store, later);
    expect(await about(w.ana, acknowledged)).toEqual(['referral_acknowledged']);
  });
});

describe('need-to-know: sender-side notices go to whoever handles the case now', () => {
  const caseKinds = (all: string[]) => all.filter((k) => k !== 'referral_received');
  const pendingMail = (recipient: string, referrals: string[]) =>
    system((trx) =>
      trx
        .selectFrom('mail_outbox')
        .select('referral_id')
        .where('recipient_id', '=', recipient)
        .where('referral_id', 'in', referrals)
        .where('delivered_at', 'is', null)
        .where('dropped_at', 'is', null)
        .execute(),
    );
  const assign = async (caseId: string, to: Signed) =>
    expect(
      (await w.sara.client.post(`/api/v1/cases/${caseId}/assign`, { assignedTo: to.user.id }))
        .status,
    ).toBe(200);

  it('a case moved to another team: the old sender forgets it; its new assignee is told', async () => {
    const destination = await createTeam(t, 'Equipo Destino Avisos');
    const owner = await signedIn(t, 'caseworker', { teamId: destination });
    const caseId = await newCase(w.ana.client);
    const consent = await giveConsent(w.ana.client, caseId, HEALTH);
    const a = await referralId(w.ana.client, caseId, w.hospital);
    const b = await referralId(w.ana.client, caseId, w.hospital);
    const late = await referralId(w.ana.client, caseId, w.hospital, { acknowledgeBy: inDays(9) });
    expect((await move(w.doctor, b, { to: 'acknowledged' })).status).toBe(200);
    // Overdue while it is still Ana's: a notice and an e-mail waiting for her.
    await notifyOverdueReferrals(t.database.store, new Date(Date.now() + 3.5 * 86_400_000));
    expect(await about(w.ana, a)).toEqual(['referral_overdue']);
    expect(await pendingMail(w.ana.user.id, [a])).toHaveLength(1);

    await assign(caseId, owner);
    expect((await w.ana.client.get(`/api/v1/referrals/${a}`)).status).toBe(404);
    for (const id of [a, b, late, consent.id]) expect(await about(w.ana, id)).toEqual([]);
    expect(await pendingMail(w.ana.user.id, [a, b, late])).toEqual([]);
    // The receiving side keeps its own notices.
    expect(await about(w.doctor, a)).toEqual(['referral_received']);

    expect((await move(w.doctor, a, { to: 'acknowledged' })).status).toBe(200);
    expect((await move(w.doctor, a, { to: 'declined', reason: 'no_capacity' })).status).toBe(200);
    await notifyOverdueReferrals(t.database.store, new Date(Date.now() + 9.5 * 86_400_000));
    const supervisor = await signedIn(t, 'supervisor', { teamId: destination });
    expect((await revoke(supervisor, consent.id)).status).toBe(200);

    expect(await about(owner, a)).toEqual(['referral_acknowledged', 'referral_declined']);
    expect(await about(owner, b)).toEqual(['consent_revoked']);
    expect(await about(owner, late)).toEqual(['consent_revoked', 'referral_overdue']);
    expect(await pendingMail(owner.user.id, [late])).toHaveLength(1);
    for (const id of [a, b, late]) {
      expect(await about(w.ana, id)).toEqual([]);
      expect(caseKinds(await about(w.sara, id))).toEqual([]);
    }
    expect(await pendingMail(w.ana.user.id, [a, b, late])).toEqual([]);
  });

  it('reassigned within the team, the sender without team access: only the new assignee', async () => {
    const sender = await signedIn(t, 'caseworker', { teamId: w.teamId });
    const colleague = await signedIn(t, 'caseworker', { teamId: w.teamId });
    const caseId = await consentedCase(sender);
    const id = await referralId(sender.client, caseId, w.hospital);
    expect((await move(w.doctor, id, { to: 'acknowledged' })).status).toBe(200);
    expect(await about(sender, id)).toEqual(['referral_acknowledged']);

    await assign(caseId, colleague);
    expect(await about(sender, id)).toEqual([]);
    expect((await move(w.doctor, id, { to: 'declined', reason: 'no_capacity' })).status).toBe(200);
    expect(await about(sender, id)).toEqual([]);
    expect(await about(colleague, id)).toEqual(['referral_declined']);
  });

  it('a sender who sees the case through team access is told until they lose it', async () => {
    const sender = await signedIn(t, 'caseworker', { teamId: w.teamId, teamAccess: true });
    const assignee = await signedIn(t, 'caseworker', { teamId: w.teamId });
    const shared = await consentedCase(sender);
    const own = await consentedCase(sender);
    const onShared = await referralId(sender.client, shared, w.hospital);
    const onOwn = await referralId(sender.client, own, w.hospital);
    await assign(shared, assignee);
    expect((await move(w.doctor, onShared, { to: 'acknowledged' })).status).toBe(200);
    expect((await move(w.doctor, onOwn, { to: 'acknowledged' })).status).toBe(200);
    expect(await about(sender, onShared)).toEqual(['referral_acknowledged']);
    expect(await about(assignee, onShared)).toEqual(['referral_acknowledged']);

    await system((trx) =>
      trx
        .updateTable('users')
        .set({ team_access: false })
        .where('id', '=', sender.user.id)
        .execute(),
    );
    // What is about the case they no longer see goes; their own case stays.
    expect(await about(sender, onShared)).toEqual([]);
    expect(await about(sender, onOwn)).toEqual(['referral_acknowledged']);
    expect(await about(assignee, onShared)).toEqual(['referral_acknowledged']);
    expect((await move(w.doctor, onShared, { to: 'declined', reason: 'no_capacity' })).status).toBe(
      200,
    );
    expect(await about(sender, onShared)).toEqual([]);
    expect(await about(assignee, onShared)).toEqual(['referral_acknowledged', 'referral_declined']);
  });

  it('a consent awaiting approval follows the case to its new team’s supervisors', async () => {
    const destination = await createTeam(t, 'Equipo Aprobación Avisos');
    const owner = await signedIn(t, 'caseworker', { teamId: destination });
    const lead = await signedIn(t, 'supervisor', { teamId: destination });
    const caseId = await newCase(w.ana.client, { age: 15 });
    const pending = await giveConsent(w.ana.client, caseId, HEALTH, { givenBy: 'guardian' });
    const approved = await giveConsent(w.ana.client, caseId, HEALTH, { givenBy: 'guardian' });
    expect((await w.sofia.client.post(`/api/v1/consents/${approved.id}/approve`, {})).status).toBe(
      200,
    );
    expect(await about(w.sara, pending.id)).toEqual(['consent_pending_approval']);

    await assign(caseId, owner);
    expect(await about(w.sara, pending.id)).toEqual([]);
    expect(await about(w.sofia, pending.id)).toEqual([]);
    expect(await about(lead, pending.id)).toEqual(['consent_pending_approval']);
    expect(await about(lead, approved.id)).toEqual([]);
    expect(await about(owner, pending.id)).toEqual([]);
  });
});

describe('with the rest of the system', () => {
  it('someone moved to another institution or disabled keeps no notification', async () => {
    const moving = await signedIn(t, 'partner', { institutionId: w.hospital });
    const caseId = await consentedCase();
    const id = await referralId(w.ana.client, caseId, w.hospital);
    expect(await about(moving, id)).toEqual(['referral_received']);
    await system((trx) =>
      trx
        .updateTable('users')
        .set({ institution_id: w.fiscalia })
        .where('id', '=', moving.user.id)
        .execute(),
    );
    const left = await system((trx) =>
      trx
        .selectFrom('notifications')
        .select('id')
        .where('recipient_id', '=', moving.user.id)
        .execute(),
    );
    expect(left).toEqual([]);
    const pending = await system((trx) =>
      trx
        .selectFrom('mail_outbox')
        .select('id')
        .where('recipient_id', '=', moving.user.id)
        .where('delivered_at', 'is', null)
        .execute(),
    );
    expect(pending).toEqual([]);
  });

  it('a disabled account keeps no notification and is told nothing new', async () => {
    const leaving = await signedIn(t, 'partner', { institutionId: w.hospital });
    const caseId = await consentedCase();
    const before = await referralId(w.ana.client, caseId, w.hospital);
    expect(await about(leaving, before)).toEqual(['referral_received']);
    await system((trx) =>
      trx.updateTable('users').set({ active: false }).where('id', '=', leaving.user.id).execute(),
    );
    const after = await referralId(w.ana.client, caseId, w.hospital);
    const rows = await system((trx) =>
      trx
        .selectFrom('notifications')
        .select('resource_id')
        .where('recipient_id', '=', leaving.user.id)
        .execute(),
    );
    expect(rows).toEqual([]);
    expect(after).not.toBe(before);
  });

  it('an erased case leaves no notification about it', async () => {
    const caseId = await consentedCase();
    const id = await referralId(w.ana.client, caseId, w.hospital);
    expect(await about(w.doctor, id)).toEqual(['referral_received']);
    await stepUp(w.sara);
    const res = await w.sara.client.post(`/api/v1/cases/${caseId}/erase`, {
      reason: 'person_request',
    });
    expect(res.status).toBe(200);
    expect(await about(w.doctor, id)).toEqual([]);
  });

  it('an erased case: its waiting e-mails go, and nothing later tells anyone about it', async () => {
    const caseId = await consentedCase();
    const late = await referralId(w.ana.client, caseId, w.hospital);
    const answered = await referralId(w.ana.client, caseId, w.hospital);
    const waiting = () =>
      system((trx) =>
        trx
          .selectFrom('mail_outbox')
          .select('recipient_id')
          .where('referral_id', 'in', [late, answered])
          .where('delivered_at', 'is', null)
          .where('dropped_at', 'is', null)
          .execute(),
      );
    expect((await waiting()).length).toBeGreaterThanOrEqual(2);
    await stepUp(w.sara);
    const res = await w.sara.client.post(`/api/v1/cases/${caseId}/erase`, {
      reason: 'person_request',
    });
    expect(res.status).toBe(200);
    expect(await waiting()).toEqual([]);

    // Whatever the receiving side still does, and the overdue scan, tell nobody.
    await move(w.doctor, answered, { to: 'acknowledged' });
    await notifyOverdueReferrals(t.database.store, new Date(Date.now() + 3.5 * 86_400_000));
    const told = await system((trx) =>
      trx
        .selectFrom('notifications')
        .select('kind')
        .where('resource_id', 'in', [late, answered])
        .execute(),
    );
    expect(told).toEqual([]);
    expect(await waiting()).toEqual([]);
  });

  it('holds no personal data: canaries in the case never reach a notification', async () => {
    const planted = [canary('NOMBRE'), canary('DOC'), canary('NOTA')];
    const caseId = await newCase(w.ana.client, {
      identity: { fullName: planted[0]!, aliases: planted[1]!, narrative: planted[2]! },
    });
    await giveConsent(w.ana.client, caseId, [
      { sectors: ['health'], categories: ['minimal', 'identity', 'situation', 'health'] },
    ]);
    const id = await referralId(w.ana.client, caseId, w.hospital, {
      categories: ['identity', 'situation'],
    });
    const caseNumber = await system(
      async (trx) =>
        (
          await trx
            .selectFrom('cases')
            .select('case_number')
            .where('id', '=', caseId)
            .executeTakeFirstOrThrow()
        ).case_number,
    );
    const rows = await system((trx) => trx.selectFrom('notifications').selectAll().execute());
    const outbox = await system((trx) => trx.selectFrom('mail_outbox').selectAll().execute());
    const listed = await notices(w.doctor, '?limit=200');
    expect(listed.items.some((n) => n.resourceId === id)).toBe(true);
    const places = {
      rows: JSON.stringify(rows),
      outbox: JSON.stringify(outbox),
      list: JSON.stringify(listed),
      logs: t.logs.join('\n'),
    };
    expectNoCanary([...planted, caseNumber], places);
    expect(places.list).not.toContain(caseId);
  });
});
