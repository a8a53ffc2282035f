import { randomUUID } from 'node:crypto';
import { inActorTransaction, SYSTEM_ACTOR } from '../../server/db/actor-transaction';
import { startTestApp, type TestApp } from '../helpers/app';
import { giveConsent, newCase, refer, referralId, type Signed } from '../helpers/referrals';
import { SessionClient } from '../helpers/session-client';
import { asSuperuser } from '../helpers/superuser';
import {
  auditEvents,
  createTeam,
  partnerInstitutionId,
  seedUser,
  signedIn,
  type SeededUser,
} from '../helpers/users';

/**
 * The supervisor's review queue: a break-glass entry stays with the team
 * that owned the case when the glass was broken, wherever the case goes;
 * an entry is acknowledged once, by another supervisor of that team, with
 * an outcome that is audited and never changed. None of this held on 7215d71.
 */
let t: TestApp;
let ana: Signed; // caseworker, team A
let sara: Signed; // supervisor, team A
let sofia: Signed; // supervisor, team A
let bruno: Signed; // caseworker, team B: breaks glass
let sol: Signed; // supervisor, team B
let celia: Signed; // supervisor, team C
let sam: Signed; // supervisor who broke glass on a team A case, then joined team A
let carla: SeededUser; // caseworker, team C
let hospital: string;
let caseA: string;
let caseMoved: string; // team A's when bruno broke the glass; then assigned to team C
let ordinaryReferral: string;
let override: string; // sent by sara without consent, for vital interest
const grants = { moved: '', bruno: '', sam: '' };

type Body = Record<string, unknown>;
type Item = Body & { kind: string; grantId?: string; referralId?: string; review: Body | null };
const JUSTIFICATION = 'Emergencia: la persona llegó sola a la guardia del hospital';
const MOVED_JUSTIFICATION = 'Llamada de la policía de madrugada pidiendo datos de contacto';
const OVERRIDE_JUSTIFICATION = 'Riesgo inminente para la vida de la persona, sin poder consultarla';
const strip = (body: unknown) => ({ ...(body as object), requestId: undefined });
const acknowledge = (
  who: Signed,
  kind: string,
  id: string,
  body: Body = { outcome: 'justified' },
) => who.client.post(`/api/v1/reviews/${kind}/${id}/acknowledge`, body);

async function stepUp(who: Signed) {
  const res = await who.client.post('/api/v1/auth/step-up', { code: await who.client.nextCode() });
  expect(res.status).toBe(200);
}

async function breakGlass(who: Signed, caseId: string, justification = JUSTIFICATION) {
  const res = await who.client.post(`/api/v1/cases/${caseId}/break-glass`, { justification });
  expect(res.status).toBe(201);
  return (res.body as { grantId: string }).grantId;
}

async function queue(who: Signed, query = ''): Promise<Item[]> {
  const res = await who.client.get(`/api/v1/reviews${query}`);
  expect(res.status).toBe(200);
  return (res.body as { items: Item[] }).items;
}
const ids = (items: Item[]) => items.map((i) => i.grantId ?? i.referralId);

const decisions = () =>
  inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
    trx.selectFrom('review_decisions').selectAll().orderBy('created_at').execute(),
  );

beforeAll(async () => {
  t = await startTestApp();
  const teamA = await createTeam(t, 'Equipo Revisión A');
  const teamB = await createTeam(t, 'Equipo Revisión B');
  const teamC = await createTeam(t, 'Equipo Revisión C');
  const teamD = await createTeam(t, 'Equipo Revisión D');
  hospital = await partnerInstitutionId(t, 'Hospital Revisión');
  ana = await signedIn(t, 'caseworker', { teamId: teamA });
  sara = await signedIn(t, 'supervisor', { teamId: teamA });
  sofia = await signedIn(t, 'supervisor', { teamId: teamA });
  bruno = await signedIn(t, 'caseworker', { teamId: teamB });
  sol = await signedIn(t, 'supervisor', { teamId: teamB });
  celia = await signedIn(t, 'supervisor', { teamId: teamC });
  sam = await signedIn(t, 'supervisor', { teamId: teamD });
  carla = await seedUser(t, 'caseworker', { teamId: teamC });

  caseA = await newCase(ana.client);
  caseMoved = await newCase(ana.client);
  await stepUp(bruno);
  grants.moved = await breakGlass(bruno, caseMoved, MOVED_JUSTIFICATION);
  grants.bruno = await breakGlass(bruno, caseA);
  await stepUp(sam);
  grants.sam = await breakGlass(sam, caseA);
  // Sam joins team A afterwards: his own break-glass is now in his team's queue.
  await inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
    trx.updateTable('users').set({ team_id: teamA }).where('id', '=', sam.user.id).execute(),
  );

  await stepUp(sara);
  const sent = await refer(sara.client, caseA, hospital, {
    vitalInterestOverride: { justification: OVERRIDE_JUSTIFICATION },
  });
  expect(sent.status).toBe(201);
  override = (sent.body as { id: string }).id;
  await giveConsent(ana.client, caseA, [{ sectors: ['health'], categories: ['minimal'] }]);
  ordinaryReferral = await referralId(ana.client, caseA, hospital);
}, 60_000);
afterAll(() => t.close());

describe('a break-glass entry stays with the team that owned the case', () => {
  it('is still in team A’s queue after the case was assigned to team C, and not in C’s', async () => {
    const assigned = await sara.client.post(`/api/v1/cases/${caseMoved}/assign`, {
      assignedTo: carla.id,
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ assignedTo: carla.id });
    expect((await sara.client.get(`/api/v1/cases/${caseMoved}`)).status).toBe(404);
    expect((await celia.client.get(`/api/v1/cases/${caseMoved}`)).status).toBe(200);

    const teamA = await queue(sara);
    expect(teamA.find((i) => i.grantId === grants.moved)).toMatchObject({
      kind: 'break_glass',
      caseId: caseMoved,
      userId: bruno.user.id,
      justification: MOVED_JUSTIFICATION,
      active: true,
      review: null,
    });
    const teamC = await queue(celia);
    expect(teamC.filter((i) => i.kind === 'break_glass')).toEqual([]);
    expect(ids(await queue(sol))).toEqual([]);
  });
});

describe('acknowledging an entry of the review queue', () => {
  it('answers 401 without a session', async () => {
    const anonymous = new SessionClient(t.app, t.clock);
    await anonymous.refreshCsrf();
    expect((await anonymous.get('/api/v1/reviews')).status).toBe(401);
    const res = await anonymous.post(`/api/v1/reviews/break_glass/${grants.bruno}/acknowledge`, {
      outcome: 'justified',
    });
    expect(res.status).toBe(401);
  });

  it('answers 403 to a caseworker, the denial audited', async () => {
    const res = await acknowledge(ana, 'break_glass', grants.bruno);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'forbidden' });
    const denied = await auditEvents(t, {
      action: 'access.denied',
      resourceId: 'POST:/api/v1/reviews/:kind/:id/acknowledge',
    });
    expect(denied).toEqual([
      expect.objectContaining({
        actor_id: ana.user.id,
        outcome: 'denied',
        actor_role: 'caseworker',
      }),
    ]);
    expect(await decisions()).toEqual([]);
  });

  it('answers 400 naming the field for a bad outcome, kind or state', async () => {
    const badOutcome = await acknowledge(sofia, 'break_glass', grants.bruno, { outcome: 'ok' });
    expect(badOutcome.status).toBe(400);
    expect(badOutcome.body).toMatchObject({
      errors: [expect.objectContaining({ path: 'body.outcome' })],
    });
    const noOutcome = await acknowledge(sofia, 'break_glass', grants.bruno, {});
    expect(noOutcome.body).toMatchObject({
      errors: [expect.objectContaining({ path: 'body.outcome' })],
    });
    const badKind = await acknowledge(sofia, 'glass', grants.bruno);
    expect(badKind.status).toBe(400);
    expect(badKind.body).toMatchObject({
      errors: [expect.objectContaining({ path: 'params.kind' })],
    });
    const badState = await sofia.client.get('/api/v1/reviews?state=all');
    expect(badState.status).toBe(400);
    expect(badState.body).toMatchObject({
      errors: [expect.objectContaining({ path: 'query.state' })],
    });
    expect(await decisions()).toEqual([]);
  });

  it("answers 404 for an unknown entry and for another team's, auditing the latter", async () => {
    const unknownGrant = randomUUID();
    const unknownReferral = randomUUID();
    const missing = await acknowledge(sofia, 'break_glass', unknownGrant);
    expect(missing.status).toBe(404);
    expect((await acknowledge(sofia, 'consent_override', unknownReferral)).status).toBe(404);
    for (const id of [unknownGrant, unknownReferral]) {
      expect(await auditEvents(t, { action: 'access.denied', resourceId: id })).toEqual([]);
    }
    // Not an override, or the wrong kind for the id: not an entry of the queue.
    expect((await acknowledge(sofia, 'consent_override', ordinaryReferral)).status).toBe(404);
    expect((await acknowledge(sofia, 'consent_override', grants.bruno)).status).toBe(404);

    const otherTeam = await acknowledge(sol, 'break_glass', grants.bruno);
    expect(otherTeam.status).toBe(404);
    expect(strip(otherTeam.body)).toEqual(strip(missing.body));
    expect(await auditEvents(t, { action: 'access.denied', resourceId: grants.bruno })).toEqual([
      expect.objectContaining({
        actor_id: sol.user.id,
        outcome: 'denied',
        resource_type: 'case_access_grant',
      }),
    ]);
    const otherOverride = await acknowledge(celia, 'consent_override', override);
    expect(otherOverride.status).toBe(404);
    expect(await auditEvents(t, { action: 'access.denied', resourceId: override })).toEqual([
      expect.objectContaining({ actor_id: celia.user.id, resource_type: 'referral' }),
    ]);
    // The case went to team C; its break-glass entry did not.
    expect((await acknowledge(celia, 'break_glass', grants.moved)).status).toBe(404);
    expect(await decisions()).toEqual([]);
  });

  it('answers 409 four_eyes to a supervisor reviewing their own break-glass or override', async () => {
    const ownGlass = await acknowledge(sam, 'break_glass', grants.sam);
    expect(ownGlass.status).toBe(409);
    expect(ownGlass.body).toMatchObject({ code: 'four_eyes' });
    const ownOverride = await acknowledge(sara, 'consent_override', override);
    expect(ownOverride.status).toBe(409);
    expect(ownOverride.body).toMatchObject({ code: 'four_eyes' });
    expect(await decisions()).toEqual([]);
    expect(ids(await queue(sofia))).toEqual(expect.arrayContaining([grants.sam, override]));
  });

  it('records the outcome once (200, audited with the outcome as purpose), then 409 already_reviewed', async () => {
    const res = await acknowledge(sofia, 'break_glass', grants.bruno, { outcome: 'not_justified' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      kind: 'break_glass',
      id: grants.bruno,
      outcome: 'not_justified',
      reviewedBy: sofia.user.id,
      reviewedAt: expect.any(String),
    });
    const reviewedAt = Date.parse((res.body as { reviewedAt: string }).reviewedAt);
    expect(Math.abs(reviewedAt - Date.now())).toBeLessThan(60_000);
    expect(
      await auditEvents(t, { action: 'review.acknowledge', resourceId: grants.bruno }),
    ).toEqual([
      expect.objectContaining({
        actor_id: sofia.user.id,
        outcome: 'success',
        resource_type: 'case_access_grant',
        purpose: 'not_justified',
      }),
    ]);

    for (const who of [sara, sofia]) {
      const again = await acknowledge(who, 'break_glass', grants.bruno, { outcome: 'justified' });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'already_reviewed' });
    }
    expect(
      await auditEvents(t, { action: 'review.acknowledge', resourceId: grants.bruno }),
    ).toHaveLength(1);

    const overrideReview = await acknowledge(sofia, 'consent_override', override);
    expect(overrideReview.status).toBe(200);
    expect(overrideReview.body).toMatchObject({
      kind: 'consent_override',
      id: override,
      outcome: 'justified',
      reviewedBy: sofia.user.id,
    });
    expect(await auditEvents(t, { action: 'review.acknowledge', resourceId: override })).toEqual([
      expect.objectContaining({ resource_type: 'referral', purpose: 'justified' }),
    ]);
    const samReview = await acknowledge(sara, 'break_glass', grants.sam, {
      outcome: 'needs_follow_up',
    });
    expect(samReview.status).toBe(200);

    expect(
      (await decisions()).map((d) => [d.kind, d.subject_id, d.outcome, d.reviewed_by]),
    ).toEqual([
      ['break_glass', grants.bruno, 'not_justified', sofia.user.id],
      ['consent_override', override, 'justified', sofia.user.id],
      ['break_glass', grants.sam, 'needs_follow_up', sara.user.id],
    ]);
  });

  it('moves a reviewed entry out of ?state=pending into ?state=reviewed, with its review', async () => {
    const pending = await queue(sara);
    expect(ids(await queue(sara, '?state=pending'))).toEqual(ids(pending));
    expect(ids(pending)).toEqual([grants.moved]);
    expect(pending[0]!.review).toBeNull();

    const reviewed = await queue(sara, '?state=reviewed');
    expect(ids(reviewed).sort()).toEqual([grants.bruno, grants.sam, override].sort());
    const byId = new Map(reviewed.map((i) => [i.grantId ?? i.referralId, i]));
    const [first] = await decisions();
    expect(byId.get(grants.bruno)).toMatchObject({
      kind: 'break_glass',
      justification: JUSTIFICATION,
      review: {
        outcome: 'not_justified',
        reviewedBy: sofia.user.id,
        reviewedAt: first!.created_at.toISOString(),
      },
    });
    expect(byId.get(override)).toMatchObject({
      kind: 'consent_override',
      justification: OVERRIDE_JUSTIFICATION,
      review: { outcome: 'justified', reviewedBy: sofia.user.id },
    });
    expect(byId.get(grants.sam)).toMatchObject({
      review: { outcome: 'needs_follow_up', reviewedBy: sara.user.id },
    });
    expect(await queue(celia, '?state=reviewed')).toEqual([]);
    expect(await queue(sol, '?state=reviewed')).toEqual([]);
  });

  it('keeps decisions as they were: no update or delete, even as the system', async () => {
    const before = await decisions();
    const update = inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
      trx
        .updateTable('review_decisions')
        .set({ outcome: 'justified' })
        .where('subject_id', '=', grants.bruno)
        .execute(),
    );
    await expect(update).rejects.toThrow(/permission denied|append-only/);
    const remove = inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
      trx.deleteFrom('review_decisions').where('subject_id', '=', grants.bruno).execute(),
    );
    await expect(remove).rejects.toThrow(/permission denied|append-only/);
    expect(await decisions()).toEqual(before);
  });
});

describe('an override entry stays with the team that sent it', () => {
  it('is still in team A’s queue, and A reviews it, after the sender moves the case to team C', async () => {
    const caseGone = await newCase(ana.client);
    await stepUp(sara);
    const sent = await refer(sara.client, caseGone, hospital, {
      vitalInterestOverride: { justification: OVERRIDE_JUSTIFICATION },
    });
    const id = (sent.body as { id: string }).id;
    const moved = await sara.client.post(`/api/v1/cases/${caseGone}/assign`, {
      assignedTo: carla.id,
    });
    expect(moved.status).toBe(200);
    expect(ids(await queue(sofia))).toContain(id);
    const entry = (await queue(sofia)).find((i) => i.referralId === id);
    expect(entry).toMatchObject({ justification: OVERRIDE_JUSTIFICATION, review: null });
    expect(ids(await queue(celia))).not.toContain(id);
    expect((await acknowledge(celia, 'consent_override', id)).status).toBe(404);
    expect((await acknowledge(sofia, 'consent_override', id)).status).toBe(200);
  });
});

describe('a break-glass access found unjustified', () => {
  it('ends at once; a justified one runs on', async () => {
    const caseOpened = await newCase(ana.client);
    await stepUp(bruno);
    const grant = await breakGlass(bruno, caseOpened);
    expect((await bruno.client.get(`/api/v1/cases/${caseOpened}`)).status).toBe(200);
    const res = await acknowledge(sofia, 'break_glass', grant, { outcome: 'not_justified' });
    expect(res.status).toBe(200);
    expect((await bruno.client.get(`/api/v1/cases/${caseOpened}`)).status).toBe(404);
    const reviewed = (await queue(sofia, '?state=reviewed')).find((i) => i.grantId === grant);
    expect(reviewed).toMatchObject({ active: false, review: { outcome: 'not_justified' } });

    const other = await newCase(ana.client);
    await stepUp(bruno);
    const kept = await breakGlass(bruno, other);
    expect((await acknowledge(sofia, 'break_glass', kept, { outcome: 'justified' })).status).toBe(
      200,
    );
    expect((await bruno.client.get(`/api/v1/cases/${other}`)).status).toBe(200);
  });

  it('records a four-eyes refusal in the audit log', async () => {
    const denials = await auditEvents(t, { action: 'access.denied', resourceId: override });
    expect(denials).toContainEqual(
      expect.objectContaining({ actor_id: sara.user.id, purpose: 'four_eyes' }),
    );
  });
});

describe('the queue, a page at a time', () => {
  it('never loses a pending entry behind newer or reviewed ones', async () => {
    const made: string[] = [];
    await stepUp(bruno);
    for (let i = 0; i < 5; i++) made.push(await breakGlass(bruno, await newCase(ana.client)));
    // Review the two newest: the pending ones are older than them.
    for (const grant of made.slice(-2)) {
      expect((await acknowledge(sofia, 'break_glass', grant)).status).toBe(200);
    }
    const pending: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await sara.client.get(
        `/api/v1/reviews?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      const page = res.body as { items: Item[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(2);
      expect(page.items.every((i) => i.review === null)).toBe(true);
      pending.push(...ids(page.items).map(String));
      cursor = page.nextCursor;
    } while (cursor);
    expect(pending).toEqual(expect.arrayContaining(made.slice(0, 3)));
    expect(pending).not.toEqual(expect.arrayContaining(made.slice(-2)));
    expect(new Set(pending).size).toBe(pending.length);
  });
});

describe('paging entries made within one millisecond', () => {
  it('shows each of them once, one page at a time', async () => {
    const made: string[] = [];
    await stepUp(bruno);
    for (let i = 0; i < 4; i++) made.push(await breakGlass(bruno, await newCase(ana.client)));
    // now() gives microseconds; the cursor carries milliseconds.
    const stamps = ['100', '300', '456', '900'];
    await asSuperuser(
      t.database,
      made
        .map(
          (id, i) =>
            `update case_access_grants set created_at = '2030-01-01T10:00:00.123${stamps[i]}Z' where id = '${id}';`,
        )
        .join('\n'),
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await sara.client.get(
        `/api/v1/reviews?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      const page = res.body as { items: Item[]; nextCursor: string | null };
      seen.push(...ids(page.items).map(String));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.filter((id) => made.includes(id)).sort()).toEqual([...made].sort());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('answers 400 naming the cursor for a forged one that PostgreSQL could not hold', async () => {
    const forged = Buffer.from(
      JSON.stringify({ createdAt: '0000-01-01T00:00:00Z', id: randomUUID() }),
    ).toString('base64url');
    for (const path of ['/api/v1/reviews', '/api/v1/cases', '/api/v1/referrals']) {
      const res = await sara.client.get(`${path}?cursor=${forged}`);
      expect([path, res.status]).toEqual([path, 400]);
      expect(res.body).toMatchObject({
        errors: [expect.objectContaining({ path: 'query.cursor' })],
      });
    }
  });
});
