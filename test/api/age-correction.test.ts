import { inActorTransaction, type DbActor } from '../../server/db/actor-transaction';
import { startTestApp, type TestApp } from '../helpers/app';
import { engine } from '../helpers/engine';
import { givenNow, newCase, type Signed } from '../helpers/referrals';
import { SessionClient } from '../helpers/session-client';
import {
  auditEvents,
  createTeam,
  partnerInstitutionId,
  signedIn,
  type SeededUser,
} from '../helpers/users';

let t: TestApp;
let teamId: string;
let ana: Signed; // caseworker of the team
let sara: Signed; // supervisor of the team
let sofia: Signed; // another supervisor of the team
let bruno: Signed; // caseworker of another team
let doctor: Signed; // partner

beforeAll(async () => {
  t = await startTestApp();
  teamId = await createTeam(t, 'Equipo Edades');
  ana = await signedIn(t, 'caseworker', { teamId });
  sara = await signedIn(t, 'supervisor', { teamId });
  sofia = await signedIn(t, 'supervisor', { teamId });
  bruno = await signedIn(t, 'caseworker', { teamId: await createTeam(t, 'Equipo Otro Edades') });
  doctor = await signedIn(t, 'partner', {
    institutionId: await partnerInstitutionId(t, 'Hospital Edades'),
  });
}, 60_000);
afterAll(() => t.close());

type CaseBody = {
  version: number;
  ageBand: string;
  attributes: { ageAtIdentification?: number };
  pendingAgeCorrection: null | { ageAtIdentification: number; requestedBy: string };
};
const read = async (who: Signed, id: string) =>
  (await who.client.get(`/api/v1/cases/${id}`)).body as CaseBody;
const request = (who: Signed, id: string, body: object) =>
  who.client.post(`/api/v1/cases/${id}/age-correction`, body);
/** A decision on the request as the decider reads it now (the version they saw). */
const decide = async (who: Signed, id: string, decision: string, version?: number) =>
  who.client.post(`/api/v1/cases/${id}/age-correction/decision`, {
    decision,
    version: version ?? (await read(who, id)).version,
  });
const personConsent = (who: Signed, id: string) =>
  who.client.post(`/api/v1/cases/${id}/consents`, {
    givenBy: 'person',
    method: 'written',
    givenAt: givenNow(),
    purposes: ['service_referral'],
    scope: [{ sectors: ['health'], categories: ['minimal'] }],
  });

describe(`a minor becomes an adult only by an approved age correction (${engine})`, () => {
  it('refuses the edit that would lift it; ages that keep a minor a minor are ordinary edits', async () => {
    const id = await newCase(ana.client, { age: 15 });
    const before = await read(ana, id);
    const lift = await ana.client.patch(`/api/v1/cases/${id}`, {
      version: before.version,
      attributes: { ageAtIdentification: 19 },
    });
    expect(lift.status).toBe(409);
    expect(lift.body).toMatchObject({ code: 'age_correction_needs_approval' });
    expect(
      (await auditEvents(t, { action: 'access.denied', resourceId: id })).at(-1),
    ).toMatchObject({ actor_id: ana.user.id, purpose: 'minor_status' });
    expect(await read(ana, id)).toMatchObject({ version: before.version, ageBand: '12-17' });
    // A supervisor cannot do it by an edit either.
    const bySupervisor = await sara.client.patch(`/api/v1/cases/${id}`, {
      version: before.version,
      attributes: { ageAtIdentification: 19 },
    });
    expect(bySupervisor.status).toBe(409);

    const within = await ana.client.patch(`/api/v1/cases/${id}`, {
      version: before.version,
      attributes: { ageAtIdentification: 16 },
    });
    expect(within.status).toBe(200);
    expect(within.body).toMatchObject({ case: { ageBand: '12-17' } });
  });

  it('is requested by one person and approved by another supervisor, with its own audit event', async () => {
    const id = await newCase(ana.client, { age: 15 });
    expect((await personConsent(ana, id)).status).toBe(400); // a minor's own consent does not count

    const { version } = await read(ana, id);
    const asked = await request(ana, id, {
      version,
      ageAtIdentification: 19,
      reason: 'document_verified',
    });
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({
      ageBand: '12-17',
      pendingAgeCorrection: {
        ageAtIdentification: 19,
        reason: 'document_verified',
        requestedBy: ana.user.id,
      },
    });
    expect(asked.body).not.toHaveProperty('identity');
    expect(await auditEvents(t, { action: 'case.age_correction.request', resourceId: id })).toEqual(
      [expect.objectContaining({ actor_id: ana.user.id, purpose: 'document_verified' })],
    );
    const again = await request(ana, id, {
      version: (asked.body as CaseBody).version,
      ageAtIdentification: 20,
      reason: 'document_verified',
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'age_correction_pending' });

    // Deciding is a supervisor's: a caseworker is refused by role (audited).
    const byCaseworker = await decide(ana, id, 'approve');
    expect(byCaseworker.status).toBe(403);
    expect((await auditEvents(t, { action: 'access.denied' })).at(-1)).toMatchObject({
      actor_id: ana.user.id,
      resource_id: 'POST:/api/v1/cases/:id/age-correction/decision',
    });

    const approved = await decide(sara, id, 'approve');
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      ageBand: '18-24',
      attributes: { ageAtIdentification: 19 },
      pendingAgeCorrection: null,
    });
    expect(await auditEvents(t, { action: 'case.minor_status_lifted', resourceId: id })).toEqual([
      expect.objectContaining({ actor_id: sara.user.id, purpose: 'document_verified' }),
    ]);
    expect((await personConsent(ana, id)).status).toBe(201); // an adult's own consent now counts
  });

  it('is never decided by whoever requested it; another supervisor may reject it', async () => {
    const id = await newCase(ana.client, { age: 12 });
    const { version } = await read(sara, id);
    expect(
      (await request(sara, id, { version, ageAtIdentification: 30, reason: 'data_entry_error' }))
        .status,
    ).toBe(200);
    const own = await decide(sara, id, 'approve');
    expect(own.status).toBe(409);
    expect(own.body).toMatchObject({ code: 'four_eyes' });
    expect(
      (await auditEvents(t, { action: 'access.denied', resourceId: id })).at(-1),
    ).toMatchObject({ actor_id: sara.user.id, purpose: 'four_eyes', resource_type: 'case' });

    const rejected = await decide(sofia, id, 'reject');
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ ageBand: '12-17', pendingAgeCorrection: null });
    expect(await auditEvents(t, { action: 'case.age_correction.reject', resourceId: id })).toEqual([
      expect.objectContaining({ actor_id: sofia.user.id }),
    ]);
    expect(await auditEvents(t, { action: 'case.minor_status_lifted', resourceId: id })).toEqual(
      [],
    );
    const none = await decide(sofia, id, 'approve');
    expect(none.body).toMatchObject({ code: 'no_age_correction' });
  });

  it('answers 401, 403, 400 naming the field, 404 for another team (audited), 409 when not needed', async () => {
    const id = await newCase(ana.client, { age: 14 });
    const anonymous = new SessionClient(t.app, t.clock);
    await anonymous.refreshCsrf();
    const body = { version: 1, ageAtIdentification: 21, reason: 'age_assessment' };
    for (const res of [
      await anonymous.post(`/api/v1/cases/${id}/age-correction`, body),
      await anonymous.post(`/api/v1/cases/${id}/age-correction/decision`, {
        decision: 'approve',
        version: 1,
      }),
    ]) {
      expect(res.status).toBe(401);
    }
    expect((await request(doctor, id, body)).status).toBe(403);

    const bad = await request(ana, id, { version: 1, ageAtIdentification: 200, reason: 'because' });
    expect(bad.status).toBe(400);
    expect((bad.body as { errors: { path: string }[] }).errors.map((e) => e.path).sort()).toEqual([
      'body.ageAtIdentification',
      'body.reason',
    ]);
    const badDecision = await decide(sara, id, 'maybe');
    expect(badDecision.body).toMatchObject({
      errors: [expect.objectContaining({ path: 'body.decision' })],
    });

    const outsider = await request(bruno, id, body);
    expect(outsider.status).toBe(404);
    expect(
      (await auditEvents(t, { action: 'access.denied', resourceId: id })).at(-1),
    ).toMatchObject({
      actor_id: bruno.user.id,
      resource_type: 'case',
    });

    const adult = await newCase(ana.client, { age: 30 });
    const notNeeded = await request(ana, adult, { ...body, ageAtIdentification: 40 });
    expect(notNeeded.status).toBe(409);
    expect(notNeeded.body).toMatchObject({ code: 'age_correction_not_needed' });
  });
});

describe(`the database refuses any other way out of a minor's band (${engine})`, () => {
  const actorOf = (who: { user: SeededUser }, role: DbActor['role']): DbActor => ({
    id: who.user.id,
    role,
    institutionId: who.user.institutionId,
  });
  const lift = (actor: DbActor, id: string) =>
    inActorTransaction(t.database.store, actor, (trx) =>
      trx
        .updateTable('cases')
        .set({ age_at_identification: 30, age_band: '25-34' })
        .where('id', '=', id)
        .execute(),
    );

  it('for the assignee, for a supervisor without a correction, and for the requester', async () => {
    const id = await newCase(ana.client, { age: 16 });
    await expect(lift(actorOf(ana, 'caseworker'), id)).rejects.toThrow(/approved age correction/);
    await expect(lift(actorOf(sara, 'supervisor'), id)).rejects.toThrow(/approved age correction/);
    const { version } = await read(sara, id);
    await request(sara, id, { version, ageAtIdentification: 30, reason: 'age_assessment' });
    await expect(lift(actorOf(sara, 'supervisor'), id)).rejects.toThrow(/approved age correction/);
    // Applying the requested age while leaving the request in place (to reuse it): refused.
    await expect(lift(actorOf(sofia, 'supervisor'), id)).rejects.toThrow(/approved age correction/);
    // The second supervisor applying the requested age, clearing the request, is the one way through.
    await expect(
      inActorTransaction(t.database.store, actorOf(sofia, 'supervisor'), (trx) =>
        trx
          .updateTable('cases')
          .set({
            age_at_identification: 30,
            age_band: '25-34',
            age_correction_to: null,
            age_correction_reason: null,
            age_correction_by: null,
            age_correction_at: null,
          })
          .where('id', '=', id)
          .execute(),
      ),
    ).resolves.toBeDefined();
  });

  it('refuses a request filed in a colleague’s name, and stamps its own time', async () => {
    const id = await newCase(ana.client, { age: 13 });
    const file = (actor: DbActor, by: string) =>
      inActorTransaction(t.database.store, actor, (trx) =>
        trx
          .updateTable('cases')
          .set({
            age_correction_to: 30,
            age_correction_reason: 'age_assessment',
            age_correction_by: by,
            age_correction_at: new Date('2020-01-01T00:00:00Z'),
          })
          .where('id', '=', id)
          .returning('age_correction_at')
          .executeTakeFirstOrThrow(),
      );
    await expect(file(actorOf(sara, 'supervisor'), sofia.user.id)).rejects.toThrow(
      /requested by its requester/,
    );
    const own = await file(actorOf(sara, 'supervisor'), sara.user.id);
    expect(own.age_correction_at!.getFullYear()).toBeGreaterThan(2020);
  });
});
