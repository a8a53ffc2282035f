import { startTestApp, type TestApp } from '../helpers/app';
import { giveConsent, newCase, refer, referralId, referralWorld, move } from '../helpers/referrals';
import { SessionClient } from '../helpers/session-client';
import { inActorTransaction, SYSTEM_ACTOR } from '../../server/db/actor-transaction';
import { expireUnacknowledgedReferrals } from '../../server/modules/referrals';
import { auditEvents } from '../helpers/users';

let t: TestApp;
let w: Awaited<ReturnType<typeof referralWorld>>;
let caseId: string;

type Body = Record<string, unknown>;

beforeAll(async () => {
  t = await startTestApp();
  w = await referralWorld(t, 'Ciclo');
  caseId = await newCase(w.ana.client, {
    identity: { healthNotes: 'Necesita control médico' },
  });
  await giveConsent(w.ana.client, caseId, [
    { sectors: ['health'], categories: ['minimal', 'health'] },
  ]);
}, 60_000);
afterAll(() => t.close());

describe('referrals', () => {
  it('walks the lifecycle: the partner moves it, the sender sees status and feedback', async () => {
    const created = await refer(w.ana.client, caseId, w.hospital, { categories: ['health'] });
    expect(created.status).toBe(201);
    const referral = created.body as Body & { id: string };
    expect(referral).toMatchObject({
      status: 'sent',
      categories: ['minimal', 'health'],
      caseId,
      overdue: false,
      vitalInterestOverride: false,
    });
    expect(await auditEvents(t, { action: 'referral.disclose', resourceId: referral.id })).toEqual([
      expect.objectContaining({ purpose: 'consent', actor_id: w.ana.user.id }),
    ]);

    const inbox = await w.doctor.client.get('/api/v1/referrals');
    expect(inbox.status).toBe(200);
    const item = (inbox.body as { items: Body[] }).items.find((r) => r.id === referral.id);
    expect(item).toMatchObject({ status: 'sent' });
    expect(item).not.toHaveProperty('caseId');

    for (const step of [
      { to: 'acknowledged' },
      { to: 'accepted' },
      { to: 'in_progress' },
      { to: 'completed', outcome: 'Atención brindada', feedback: 'Control en dos semanas' },
    ]) {
      const res = await move(w.doctor, referral.id, step);
      expect([step.to, res.status]).toEqual([step.to, 200]);
      expect(res.body).toMatchObject({ status: step.to });
    }

    const seen = await w.ana.client.get(`/api/v1/referrals/${referral.id}`);
    expect(seen.status).toBe(200);
    const history = (seen.body as { history: Body[] }).history;
    expect(history.map((h) => h.to)).toEqual([
      'sent',
      'acknowledged',
      'accepted',
      'in_progress',
      'completed',
    ]);
    expect(history.at(-1)).toMatchObject({
      actorKind: 'user',
      actorId: w.doctor.user.id,
      outcome: 'Atención brindada',
      feedback: 'Control en dos semanas',
    });
    const transitions = await auditEvents(t, {
      action: 'referral.transition',
      resourceId: referral.id,
    });
    expect(transitions.map((e) => e.purpose)).toEqual([
      'acknowledged',
      'accepted',
      'in_progress',
      'completed',
    ]);
  });

  it('gives the partner exactly the consented categories, and audits every open', async () => {
    const id = await referralId(w.ana.client, caseId, w.hospital, { categories: ['health'] });
    const res = await w.doctor.client.get(`/api/v1/referrals/${id}/package`);
    expect(res.status).toBe(200);
    const pkg = res.body as { categories: string[]; content: Record<string, Body> };
    expect(Object.keys(pkg.content).sort()).toEqual(['health', 'minimal']);
    expect(pkg.content.minimal).toMatchObject({
      ageBand: 'unknown',
      sex: 'Female',
      language: 'es',
      urgency: 'priority',
      services: ['medical_care'],
    });
    expect(pkg.content.minimal!.caseNumber).toMatch(/^TRT-\d{4}-\d{6}$/);
    expect(pkg.content.health).toEqual({ healthNotes: 'Necesita control médico' });
    expect(JSON.stringify(pkg)).not.toContain('Persona derivada');
    await w.doctor.client.get(`/api/v1/referrals/${id}/package`);
    expect(await auditEvents(t, { action: 'referral.package.read', resourceId: id })).toEqual([
      expect.objectContaining({ purpose: 'disclosure', actor_id: w.doctor.user.id }),
      expect.objectContaining({ purpose: 'disclosure' }),
    ]);
    const after = await w.ana.client.get(`/api/v1/referrals/${id}`);
    expect((after.body as Body).openedAt).toEqual(expect.any(String));
  });

  it('refuses illegal transitions (409) and the other side’s moves (403, audited)', async () => {
    const id = await referralId(w.ana.client, caseId, w.hospital);
    const skip = await move(w.doctor, id, { to: 'accepted' });
    expect(skip.status).toBe(409);
    expect(skip.body).toMatchObject({ code: 'illegal_transition' });
    const senderAck = await move(w.ana, id, { to: 'acknowledged' });
    expect(senderAck.status).toBe(403);
    const partnerWithdraw = await move(w.doctor, id, { to: 'withdrawn' });
    expect(partnerWithdraw.status).toBe(403);
    const denials = await auditEvents(t, { action: 'access.denied', resourceId: id });
    expect(denials.map((d) => d.actor_id)).toEqual([w.ana.user.id, w.doctor.user.id]);

    await move(w.doctor, id, { to: 'acknowledged' });
    const noReason = await move(w.doctor, id, { to: 'declined' });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toMatchObject({
      errors: [expect.objectContaining({ path: 'body.reason' })],
    });
    const declined = await move(w.doctor, id, { to: 'declined', reason: 'no_capacity' });
    expect(declined.body).toMatchObject({ status: 'declined', declineReason: 'no_capacity' });
    const again = await move(w.ana, id, { to: 'withdrawn' });
    expect(again.status).toBe(409);
  });

  it('lets the sender withdraw, and shows overdue referrals to the sender', async () => {
    const id = await referralId(w.ana.client, caseId, w.hospital);
    const withdrawn = await move(w.ana, id, { to: 'withdrawn', reason: 'sent_in_error' });
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn' });

    const late = await referralId(w.ana.client, caseId, w.hospital, {
      acknowledgeBy: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const before = await w.ana.client.get('/api/v1/referrals?overdue=true');
    expect((before.body as { items: Body[] }).items.map((r) => r.id)).not.toContain(late);
    t.clock.advance(2 * 3600);
    const overdue = await w.ana.client.get('/api/v1/referrals?box=sent&overdue=true');
    expect(overdue.status).toBe(200);
    const items = (overdue.body as { items: Body[] }).items;
    expect(items.map((r) => r.id)).toContain(late);
    expect(items.every((r) => r.overdue === true && r.status === 'sent')).toBe(true);
    expect(items.map((r) => r.id)).not.toContain(id);

    // The partner's inbox lists the overdue first by asking for both halves.
    const inbox = async (overdue: string) => {
      const res = await w.doctor.client.get(`/api/v1/referrals?overdue=${overdue}`);
      expect(res.status).toBe(200);
      return (res.body as { items: Body[] }).items;
    };
    const lateOnes = await inbox('true');
    const rest = await inbox('false');
    expect(lateOnes.map((r) => r.id)).toContain(late);
    expect(lateOnes.every((r) => r.overdue === true)).toBe(true);
    expect(rest.map((r) => r.id)).toEqual(expect.arrayContaining([id]));
    expect(rest.map((r) => r.id)).not.toContain(late);
    expect(rest.every((r) => r.overdue === false)).toBe(true);
  });

  it('answers 400 naming the field, 401 without a session', async () => {
    const bad = await w.ana.client.post('/api/v1/referrals', {
      caseId,
      institutionId: w.hospital,
      services: ['teleportation'],
      urgency: 'priority',
      acknowledgeBy: 'mañana',
    });
    expect(bad.status).toBe(400);
    const paths = (bad.body as { errors: { path: string }[] }).errors.map((e) => e.path).sort();
    expect(paths).toEqual(['body.acknowledgeBy', 'body.services.0']);
    const past = await refer(w.ana.client, caseId, w.hospital, {
      acknowledgeBy: new Date(Date.now() - 1000).toISOString(),
    });
    expect(past.status).toBe(400);
    const lead = await refer(w.ana.client, caseId, w.ana.user.institutionId);
    expect(lead.body).toMatchObject({
      errors: [expect.objectContaining({ path: 'body.institutionId' })],
    });
    const wrongBox = await w.doctor.client.get('/api/v1/referrals?box=sent');
    expect(wrongBox.status).toBe(400);

    const anonymous = new SessionClient(t.app, t.clock);
    await anonymous.refreshCsrf();
    expect((await anonymous.get('/api/v1/referrals')).status).toBe(401);
    expect((await refer(anonymous, caseId, w.hospital)).status).toBe(401);
  });

  it('sends without consent only as a vital-interest override, with step-up, for review', async () => {
    const refused = await refer(w.ana.client, caseId, w.fiscalia);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'consent_missing',
      missingConsent: [{ purpose: 'service_referral', category: 'minimal' }],
    });
    const override = {
      vitalInterestOverride: { justification: 'Riesgo inminente para la vida de la persona' },
    };
    const noStepUp = await refer(w.ana.client, caseId, w.fiscalia, override);
    expect(noStepUp.status).toBe(401);
    expect(noStepUp.body).toMatchObject({ code: 'step_up_required' });
    await w.ana.client.post('/api/v1/auth/step-up', { code: await w.ana.client.nextCode() });
    const sent = await refer(w.ana.client, caseId, w.fiscalia, override);
    expect(sent.status).toBe(201);
    const id = (sent.body as { id: string }).id;
    expect(sent.body).toMatchObject({ vitalInterestOverride: true });
    expect(await auditEvents(t, { action: 'referral.disclose', resourceId: id })).toEqual([
      expect.objectContaining({ purpose: 'vital_interest' }),
    ]);
    const reviews = await w.sara.client.get('/api/v1/reviews');
    expect((reviews.body as { items: Body[] }).items).toContainEqual(
      expect.objectContaining({
        kind: 'consent_override',
        referralId: id,
        caseId,
        justification: 'Riesgo inminente para la vida de la persona',
      }),
    );
  });
});

describe('referral expiry', () => {
  it('expires referrals left unacknowledged 30 days after their due date', async () => {
    const stale = await referralId(w.ana.client, caseId, w.hospital);
    const acknowledged = await referralId(w.ana.client, caseId, w.hospital);
    await move(w.doctor, acknowledged, { to: 'acknowledged' });
    const later = new Date(Date.now() + 34 * 86_400_000);
    expect(await expireUnacknowledgedReferrals(t.database.store, later)).toBeGreaterThanOrEqual(1);
    const seen = await w.ana.client.get(`/api/v1/referrals/${stale}`);
    expect(seen.body).toMatchObject({ status: 'expired' });
    expect((seen.body as { history: Body[] }).history.at(-1)).toMatchObject({
      from: 'sent',
      to: 'expired',
      actorKind: 'system',
      actorId: null,
    });
    expect(await auditEvents(t, { action: 'referral.transition', resourceId: stale })).toEqual([
      expect.objectContaining({ purpose: 'expired', actor_role: 'system' }),
    ]);
    expect((await w.ana.client.get(`/api/v1/referrals/${acknowledged}`)).body).toMatchObject({
      status: 'acknowledged',
    });
    expect((await move(w.doctor, stale, { to: 'acknowledged' })).status).toBe(409);
  });
});

describe('erasure of a referred case', () => {
  it('shreds the referral keys with the case key: packages and feedback become unreadable', async () => {
    const erased = await newCase(w.ana.client, { identity: { healthNotes: 'Nota a borrar' } });
    await giveConsent(w.ana.client, erased, [
      { sectors: ['health'], categories: ['minimal', 'health'] },
    ]);
    const id = await referralId(w.ana.client, erased, w.hospital, { categories: ['health'] });
    expect((await w.doctor.client.get(`/api/v1/referrals/${id}/package`)).status).toBe(200);
    await w.sara.client.post('/api/v1/auth/step-up', { code: await w.sara.client.nextCode() });
    const res = await w.sara.client.post(`/api/v1/cases/${erased}/erase`, {
      reason: 'person_request',
    });
    expect(res.status).toBe(200);
    const keys = await inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
      trx.selectFrom('referral_keys').select('referral_id').where('case_id', '=', erased).execute(),
    );
    expect(keys).toEqual([]);
    const after = await w.doctor.client.get(`/api/v1/referrals/${id}/package`);
    expect(after.status).toBe(409);
    expect(after.body).toMatchObject({ code: 'package_closed' });
    expect((await w.doctor.client.get(`/api/v1/referrals/${id}`)).body).toMatchObject({
      status: 'sent',
    });
  });
});
