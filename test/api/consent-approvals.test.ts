import { inActorTransaction, SYSTEM_ACTOR } from '../../server/db/actor-transaction';
import { pendingApprovalsOfTeam } from '../../server/modules/consents/consents.repository';
import { startTestApp, type TestApp } from '../helpers/app';
import { giveConsent, newCase, referralWorld, type Signed } from '../helpers/referrals';
import { SessionClient } from '../helpers/session-client';
import { auditEvents, createTeam, signedIn } from '../helpers/users';

/**
 * GET /api/v1/consents?status=pending_approval: the supervisor's queue of
 * guardian and best-interest consents awaiting approval on their team's cases.
 */
type World = Awaited<ReturnType<typeof referralWorld>>;
type Item = { id: string; caseId: string; caseNumber: string; status: string; mayApprove: boolean };
type QueuePage = { items: Item[]; nextCursor: string | null };

let t: TestApp;
let w: World;
let other: Signed;
let minorCase: string;
let byAna: string;
let bySara: string;
let otherTeamPending: string;
const SCOPE = [{ sectors: ['health'], categories: ['minimal'] }];
const QUEUE = '/api/v1/consents?status=pending_approval';
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
const guardian = (client: SessionClient, caseId: string, extra: Record<string, unknown> = {}) =>
  giveConsent(client, caseId, SCOPE, { givenBy: 'guardian', ...extra });
const queue = async (client: SessionClient, query = '') =>
  (await client.get(`${QUEUE}${query}`)).body as QueuePage;

beforeAll(async () => {
  t = await startTestApp();
  w = await referralWorld(t, 'Cola');
  const otherTeam = await createTeam(t, 'Equipo Cola Ajeno');
  other = await signedIn(t, 'supervisor', { teamId: otherTeam });
  const otherWorker = await signedIn(t, 'caseworker', { teamId: otherTeam });

  minorCase = await newCase(w.ana.client, { age: 15 });
  byAna = (await guardian(w.ana.client, minorCase)).id;
  bySara = (await guardian(w.sara.client, minorCase, { givenBy: 'best_interest' })).id;
  // Not awaiting approval: a person's own, approved, revoked, superseded, expired.
  const adultCase = await newCase(w.ana.client);
  await giveConsent(w.ana.client, adultCase, SCOPE);
  const approved = (await guardian(w.ana.client, minorCase)).id;
  expect((await w.sara.client.post(`/api/v1/consents/${approved}/approve`, {})).status).toBe(200);
  const revoked = (await guardian(w.ana.client, minorCase)).id;
  await w.ana.client.post(`/api/v1/consents/${revoked}/revoke`, { reason: 'other' });
  const old = (await guardian(w.ana.client, minorCase)).id;
  await guardian(w.ana.client, minorCase, { supersedes: old });
  await guardian(w.ana.client, minorCase, { givenAt: hoursAgo(2), validUntil: hoursAgo(1) });
  // Pending, on another team's case.
  const otherCase = await newCase(otherWorker.client, { age: 12 });
  otherTeamPending = (await guardian(otherWorker.client, otherCase)).id;
}, 60_000);
afterAll(() => t.close());

describe('GET /api/v1/consents?status=pending_approval', () => {
  it("lists only the team's pending consents, oldest first, with the case number and four eyes", async () => {
    const res = await w.sara.client.get(QUEUE);
    expect(res.status).toBe(200);
    const page = res.body as QueuePage;
    // The superseding version is pending too: it is the current one.
    expect(page.items.map((i) => i.status)).toEqual(page.items.map(() => 'pending_approval'));
    expect(page.items.slice(0, 2)).toEqual([
      expect.objectContaining({ id: byAna, caseId: minorCase, mayApprove: true }),
      expect.objectContaining({ id: bySara, caseId: minorCase, mayApprove: false }),
    ]);
    expect(page.items).toHaveLength(3);
    expect(page.items[0]!.caseNumber).toMatch(/^TRT-\d{4}-\d{6,}$/);
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((i) => i.id)).not.toContain(otherTeamPending);
    // Another supervisor of the team may approve the one Sara recorded.
    const sofia = await queue(w.sofia.client);
    expect(sofia.items.find((i) => i.id === bySara)).toMatchObject({ mayApprove: true });
    // mayApprove agrees with approving.
    const refused = await w.sara.client.post(`/api/v1/consents/${bySara}/approve`, {});
    expect(refused.body).toMatchObject({ code: 'four_eyes' });
  });

  it('is audited as a read of each listed case’s consents', async () => {
    const before = await auditEvents(t, { action: 'consent.list', resourceId: minorCase });
    await w.sofia.client.get(QUEUE);
    const after = await auditEvents(t, { action: 'consent.list', resourceId: minorCase });
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)).toMatchObject({
      actor_id: w.sofia.user.id,
      actor_role: 'supervisor',
      resource_type: 'case',
      purpose: 'view',
      outcome: 'success',
    });
  });

  it('pages with limit and cursor', async () => {
    const first = await queue(w.sara.client, '&limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await queue(w.sara.client, `&limit=2&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const all = [...first.items, ...second.items].map((i) => i.id);
    expect(all).toEqual((await queue(w.sara.client)).items.map((i) => i.id));
  });

  it("never shows another team's consents, even to a supervisor who broke the glass", async () => {
    expect((await queue(other.client)).items.map((i) => i.id)).toEqual([otherTeamPending]);
    await other.client.post('/api/v1/auth/step-up', { code: await other.client.nextCode() });
    const grant = await other.client.post(`/api/v1/cases/${minorCase}/break-glass`, {
      justification: 'Emergencia nocturna: la cola no debe mostrarla',
    });
    expect(grant.status).toBe(201);
    expect((await queue(other.client)).items.map((i) => i.id)).toEqual([otherTeamPending]);
  });

  it("row-level security holds even if the service asked for another team's queue", async () => {
    const ask = (actor: Parameters<typeof inActorTransaction>[1]) =>
      inActorTransaction(t.database.store, actor, (trx) =>
        pendingApprovalsOfTeam(trx, { teamId: w.teamId, now: new Date(), limit: 50 }),
      );
    // The other team's supervisor (with a live break-glass grant on the case) gets nothing.
    expect(
      await ask({ id: other.user.id, role: 'supervisor', institutionId: other.user.institutionId }),
    ).toEqual([]);
    // Someone of no team sees no case at all; the system sees the team's three.
    const loner = await signedIn(t, 'supervisor');
    expect(
      await ask({ id: loner.user.id, role: 'supervisor', institutionId: loner.user.institutionId }),
    ).toEqual([]);
    expect(await ask(SYSTEM_ACTOR)).toHaveLength(3);
  });

  it('answers 401 without a session and 403 to roles other than supervisor', async () => {
    const anonymous = new SessionClient(t.app, t.clock);
    await anonymous.refreshCsrf();
    expect((await anonymous.get(QUEUE)).status).toBe(401);
    const caseworker = await w.ana.client.get(QUEUE);
    expect(caseworker.status).toBe(403);
    expect(caseworker.body).toMatchObject({ code: 'forbidden' });
    for (const role of ['admin', 'partner', 'coordinator', 'auditor'] as const) {
      const { client } = await signedIn(t, role);
      expect([role, (await client.get(QUEUE)).status]).toEqual([role, 403]);
    }
  });

  it('answers 400 naming the field for a bad query', async () => {
    for (const [query, field] of [
      ['', 'query.status'],
      ['?status=active', 'query.status'],
      ['?status=pending_approval&limit=0', 'query.limit'],
      ['?status=pending_approval&limit=201', 'query.limit'],
      ['?status=pending_approval&cursor=%%%', 'query.cursor'],
      ['?status=pending_approval&caseId=x', 'query'],
    ] as const) {
      const res = await w.sara.client.get(`/api/v1/consents${query}`);
      expect([query, res.status]).toEqual([query, 400]);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ errors: [expect.objectContaining({ path: field })] });
    }
  });
});
