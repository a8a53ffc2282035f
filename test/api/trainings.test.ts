import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import {
  ACTOR_ROLES,
  inActorTransaction,
  SYSTEM_ACTOR,
  type ActorRole,
} from '../../server/db/actor-transaction';
import { TERRITORIES } from '../../server/modules/campaigns';
import { MODALITIES, TRAINING_SECTORS } from '../../server/modules/trainings';
import { startTestApp, type TestApp } from '../helpers/app';
import { SessionClient } from '../helpers/session-client';
import {
  addSession,
  createParticipant,
  createProgramme,
  enrol,
  PARTICIPANTS,
  participantBody,
  programmeBody,
  PROGRAMMES,
  recordAttendance,
  roster,
  sessionBody,
  TRAININGS,
  type TrainingParticipant,
  type TrainingProgramme,
  type TrainingSession,
} from '../helpers/trainings';
import { auditEvents, seedUser, signedIn } from '../helpers/users';

/**
 * Trainings: every endpoint's 401 / 403 / 400 / happy path / audit row, and
 * the 404s and 409s of programmes, sessions, participants, enrolments, the
 * attendance sheet and scores. Completion and the aggregates' arithmetic are
 * in trainings-completion.test.ts; personal data in trainings-canary.test.ts;
 * retention in trainings-retention.test.ts; row-level security in
 * test/db/trainings-rls.test.ts.
 */
type Signed = Awaited<ReturnType<typeof signedIn>>;

let t: TestApp;
let coordinator: Signed;
const staff = new Map<ActorRole, Signed>();

beforeAll(async () => {
  t = await startTestApp();
  coordinator = await signedIn(t, 'coordinator');
  for (const role of ACTOR_ROLES) {
    staff.set(role, role === 'coordinator' ? coordinator : await signedIn(t, role));
  }
}, 60_000);
afterAll(() => t.close());

const c = () => coordinator.client;
const put = (client: SessionClient, path: string, body: object) => client.send('put', path, body);
const del = (client: SessionClient, path: string) => client.send('delete', path);

const expectFieldError = (
  res: { status: number; body: unknown },
  path: string,
  code?: string,
  status = 400,
) => {
  expect([path, res.status]).toEqual([path, status]);
  expect(res.body).toMatchObject({
    errors: expect.arrayContaining([
      expect.objectContaining(code === undefined ? { path } : { path, code }),
    ]),
  });
};

/** The audit rows of an action naming a resource, newest last. */
const audited = async (action: string, resourceId?: string) =>
  auditEvents(t, { action, ...(resourceId ? { resourceId } : {}) });

/** A programme with one held session and two enrolled participants. */
async function smallProgramme(over: Record<string, unknown> = {}) {
  const programme = await createProgramme(c(), over);
  const session = await addSession(c(), programme.id);
  const people = [await createParticipant(c()), await createParticipant(c())];
  await enrol(
    c(),
    programme.id,
    people.map((p) => p.id),
  );
  return { programme, session, people };
}

/** Every endpoint, as a coordinator would call it (ids of real records where it matters). */
function endpoints(ids: {
  programme: string;
  session: string;
  participant: string;
}): [string, (client: SessionClient) => Promise<{ status: number; body: unknown }>][] {
  const { programme, session, participant } = ids;
  return [
    ['GET:/api/v1/trainings/aggregates', (x) => x.get(`${TRAININGS}/aggregates?year=2025`)],
    ['GET:/api/v1/trainings/programmes', (x) => x.get(PROGRAMMES)],
    ['POST:/api/v1/trainings/programmes', (x) => x.post(PROGRAMMES, programmeBody())],
    ['GET:/api/v1/trainings/programmes/:id', (x) => x.get(`${PROGRAMMES}/${programme}`)],
    [
      'PATCH:/api/v1/trainings/programmes/:id',
      (x) => x.patch(`${PROGRAMMES}/${programme}`, { version: 1, name: 'Otro nombre' }),
    ],
    ['DELETE:/api/v1/trainings/programmes/:id', (x) => del(x, `${PROGRAMMES}/${programme}`)],
    [
      'POST:/api/v1/trainings/programmes/:id/sessions',
      (x) => x.post(`${PROGRAMMES}/${programme}/sessions`, sessionBody()),
    ],
    [
      'PATCH:/api/v1/trainings/programmes/:id/sessions/:sessionId',
      (x) => x.patch(`${PROGRAMMES}/${programme}/sessions/${session}`, { version: 1, hours: 1 }),
    ],
    [
      'DELETE:/api/v1/trainings/programmes/:id/sessions/:sessionId',
      (x) => del(x, `${PROGRAMMES}/${programme}/sessions/${session}`),
    ],
    [
      'GET:/api/v1/trainings/programmes/:id/sessions/:sessionId/attendance',
      (x) => x.get(`${PROGRAMMES}/${programme}/sessions/${session}/attendance`),
    ],
    [
      'PUT:/api/v1/trainings/programmes/:id/sessions/:sessionId/attendance',
      (x) =>
        put(x, `${PROGRAMMES}/${programme}/sessions/${session}/attendance`, {
          entries: [{ participantId: participant, present: true }],
        }),
    ],
    [
      'GET:/api/v1/trainings/programmes/:id/enrolments',
      (x) => x.get(`${PROGRAMMES}/${programme}/enrolments`),
    ],
    [
      'POST:/api/v1/trainings/programmes/:id/enrolments',
      (x) => x.post(`${PROGRAMMES}/${programme}/enrolments`, { participantIds: [participant] }),
    ],
    [
      'DELETE:/api/v1/trainings/programmes/:id/enrolments/:participantId',
      (x) => del(x, `${PROGRAMMES}/${programme}/enrolments/${participant}`),
    ],
    [
      'PUT:/api/v1/trainings/programmes/:id/scores',
      (x) =>
        put(x, `${PROGRAMMES}/${programme}/scores`, {
          entries: [{ participantId: participant, postScore: 90 }],
        }),
    ],
    ['GET:/api/v1/trainings/participants', (x) => x.get(PARTICIPANTS)],
    ['POST:/api/v1/trainings/participants', (x) => x.post(PARTICIPANTS, participantBody())],
    [
      'GET:/api/v1/trainings/participants/:participantId',
      (x) => x.get(`${PARTICIPANTS}/${participant}`),
    ],
    [
      'PATCH:/api/v1/trainings/participants/:participantId',
      (x) => x.patch(`${PARTICIPANTS}/${participant}`, { version: 1, position: 'Enfermera' }),
    ],
    [
      'PUT:/api/v1/trainings/participants/:participantId/account',
      (x) => put(x, `${PARTICIPANTS}/${participant}/account`, { userId: randomUUID() }),
    ],
    [
      'DELETE:/api/v1/trainings/participants/:participantId/account',
      (x) => del(x, `${PARTICIPANTS}/${participant}/account`),
    ],
    [
      'POST:/api/v1/trainings/participants/:participantId/erase',
      (x) => x.post(`${PARTICIPANTS}/${participant}/erase`, { reason: 'person_request' }),
    ],
  ];
}

describe('the endpoints', () => {
  it('answer 401 without a session', async () => {
    const anonymous = new SessionClient(t.app, t.clock);
    await anonymous.refreshCsrf();
    const id = randomUUID();
    const calls = endpoints({ programme: id, session: id, participant: id });
    for (const [template, call] of [
      ...calls,
      ['GET:/api/v1/trainings/me', (x: SessionClient) => x.get(`${TRAININGS}/me`)] as const,
    ]) {
      const res = await call(anonymous);
      expect([template, res.status]).toEqual([template, 401]);
      expect(res.body).toMatchObject({ code: 'unauthenticated' });
    }
  });

  it("are the coordinator's only: 403 for every other role, each denial audited, nothing done", async () => {
    const { programme, session, people } = await smallProgramme();
    const calls = endpoints({
      programme: programme.id,
      session: session.id,
      participant: people[0]!.id,
    });
    const before = {
      programmes: (await audited('training.programme.create')).length,
      participants: (await audited('training.participant.create')).length,
    };
    for (const role of ACTOR_ROLES.filter((r) => r !== 'coordinator')) {
      const who = staff.get(role)!;
      await who.client.post('/api/v1/auth/step-up', { code: await who.client.nextCode() });
      for (const [template, call] of calls) {
        const res = await call(who.client);
        expect([role, template, res.status]).toEqual([role, template, 403]);
        expect(res.body).toMatchObject({ code: 'forbidden' });
      }
      const denials = await auditEvents(t, { action: 'access.denied' });
      for (const [template] of calls) {
        expect(
          denials.filter((e) => e.actor_id === who.user.id && e.resource_id === template),
        ).toEqual([
          expect.objectContaining({
            outcome: 'denied',
            actor_role: role,
            resource_type: 'endpoint',
          }),
        ]);
      }
    }
    // Nothing was written, and no identity was disclosed to them.
    expect((await audited('training.programme.create')).length).toBe(before.programmes);
    expect((await audited('training.participant.create')).length).toBe(before.participants);
    const read = await c().get(`${PROGRAMMES}/${programme.id}`);
    expect(read.body).toMatchObject({ version: 1, name: programme.name, enrolled: 2 });
    expect(await audited('training.participant.list')).not.toContainEqual(
      expect.objectContaining({ actor_role: expect.not.stringMatching(/^coordinator$/) }),
    );
  });

  it('answer 404 for unknown records, and for a session or an enrolment of another programme', async () => {
    const missing = randomUUID();
    const { programme, session, people } = await smallProgramme();
    const other = await createProgramme(c());
    const ids = [
      { programme: missing, session: session.id, participant: people[0]!.id },
      { programme: other.id, session: session.id, participant: people[0]!.id },
    ];
    const expect404 = [
      'GET:/api/v1/trainings/programmes/:id',
      'PATCH:/api/v1/trainings/programmes/:id',
      'DELETE:/api/v1/trainings/programmes/:id',
      'POST:/api/v1/trainings/programmes/:id/sessions',
      'PATCH:/api/v1/trainings/programmes/:id/sessions/:sessionId',
      'DELETE:/api/v1/trainings/programmes/:id/sessions/:sessionId',
      'GET:/api/v1/trainings/programmes/:id/sessions/:sessionId/attendance',
      'PUT:/api/v1/trainings/programmes/:id/sessions/:sessionId/attendance',
      'GET:/api/v1/trainings/programmes/:id/enrolments',
      'POST:/api/v1/trainings/programmes/:id/enrolments',
      'DELETE:/api/v1/trainings/programmes/:id/enrolments/:participantId',
      'PUT:/api/v1/trainings/programmes/:id/scores',
    ];
    for (const [index, which] of ids.entries()) {
      for (const [template, call] of endpoints(which)) {
        if (!expect404.includes(template)) continue;
        // Another programme exists: only what is not its own is unknown.
        const own =
          index === 1 && !template.includes('sessionId') && !template.includes(':participantId');
        if (own) continue;
        const res = await call(c());
        expect([index, template, res.status]).toEqual([index, template, 404]);
      }
    }
    await c().post('/api/v1/auth/step-up', { code: await c().nextCode() });
    for (const [template, call] of endpoints({
      programme: programme.id,
      session: session.id,
      participant: missing,
    })) {
      if (!template.includes(':participantId') || template.includes('/enrolments/')) continue;
      expect([template, (await call(c())).status]).toEqual([template, 404]);
    }
    // The programme and its session are untouched.
    expect((await c().get(`${PROGRAMMES}/${programme.id}`)).body).toMatchObject({
      sessionCount: 1,
    });
  });

  it('answer 400 naming the path parameter that is not an id', async () => {
    expectFieldError(await c().get(`${PROGRAMMES}/not-an-id`), 'params.id');
    expectFieldError(await c().get(`${PARTICIPANTS}/42`), 'params.participantId');
    expectFieldError(
      await c().get(`${PROGRAMMES}/${randomUUID()}/sessions/x/attendance`),
      'params.sessionId',
    );
  });
});

describe('programmes', () => {
  const post = (over: Record<string, unknown>) => c().post(PROGRAMMES, programmeBody(over));

  it('are created with the defaults of the rule, audited once', async () => {
    const programme = await createProgramme(c(), { minFinalScore: 70 });
    expect(programme).toMatchObject({
      name: 'Atención especializada a víctimas de trata',
      targetSectors: ['health', 'justice'],
      partnerInstitution: 'Universidad Central del Ecuador',
      modality: 'mixed',
      totalHours: 10,
      minAttendancePercent: 80,
      minFinalScore: 70,
      startsOn: '2025-03-01',
      endsOn: '2025-06-30',
      province: 'Pichincha',
      sessionCount: 0,
      scheduledHours: 0,
      enrolled: 0,
      completed: 0,
      createdBy: coordinator.user.id,
      version: 1,
      sessions: [],
    });
    expect(await audited('training.programme.create', programme.id)).toEqual([
      expect.objectContaining({
        actor_id: coordinator.user.id,
        outcome: 'success',
        resource_type: 'training_programme',
      }),
    ]);
    const minimal = await post({ partnerInstitution: undefined, province: undefined });
    expect(minimal.body).toMatchObject({
      partnerInstitution: null,
      province: null,
      minFinalScore: null,
    });
  });

  it('refuse bad fields, naming them', async () => {
    expectFieldError(await post({ name: '' }), 'body.name');
    expectFieldError(await post({ name: undefined }), 'body.name');
    expectFieldError(await post({ targetSectors: [] }), 'body.targetSectors');
    expectFieldError(await post({ targetSectors: ['health', 'army'] }), 'body.targetSectors.1');
    expectFieldError(await post({ targetSectors: ['health', 'health'] }), 'body.targetSectors.1');
    expectFieldError(await post({ modality: 'hybrid' }), 'body.modality');
    expectFieldError(await post({ totalHours: 0 }), 'body.totalHours');
    expectFieldError(await post({ totalHours: 1.005 }), 'body.totalHours');
    expectFieldError(await post({ totalHours: '10' }), 'body.totalHours');
    expectFieldError(await post({ minAttendancePercent: 0 }), 'body.minAttendancePercent');
    expectFieldError(await post({ minAttendancePercent: 100.01 }), 'body.minAttendancePercent');
    expectFieldError(await post({ minFinalScore: 101 }), 'body.minFinalScore');
    expectFieldError(await post({ minFinalScore: -1 }), 'body.minFinalScore');
    expectFieldError(await post({ startsOn: '2025-02-30' }), 'body.startsOn');
    expectFieldError(
      await post({ startsOn: '2025-07-01', endsOn: '2025-06-30' }),
      'body.endsOn',
      'ends_before_start',
    );
    expectFieldError(await post({ province: 'Atlantis' }), 'body.province');
    expectFieldError(
      await post({ topic: 'Consultas a ana.perez@salud.gob.ec' }),
      'body.topic',
      'looks_personal',
    );
    expectFieldError(
      await post({ partnerInstitution: 'Tel 0991234567' }),
      'body.partnerInstitution',
      'looks_personal',
    );
    expectFieldError(await post({ owner: 'x' }), 'body', 'unrecognized_keys');
  });

  it('are listed latest start first, by year and sector, a page at a time; not audited', async () => {
    const early = await createProgramme(c(), { startsOn: '2019-01-10', endsOn: '2019-02-10' });
    const late = await createProgramme(c(), {
      startsOn: '2019-11-10',
      endsOn: '2020-01-10',
      targetSectors: ['education'],
    });
    const before = (await auditEvents(t)).length;
    const year = await c().get(`${PROGRAMMES}?year=2019`);
    expect(year.status).toBe(200);
    expect((year.body as { items: { id: string }[] }).items.map((p) => p.id)).toEqual([
      late.id,
      early.id,
    ]);
    const education = await c().get(`${PROGRAMMES}?year=2020&sector=education`);
    expect((education.body as { items: { id: string }[] }).items.map((p) => p.id)).toEqual([
      late.id,
    ]);
    const first = await c().get(`${PROGRAMMES}?year=2019&limit=1`);
    const { nextCursor } = first.body as { nextCursor: string };
    const second = await c().get(`${PROGRAMMES}?year=2019&limit=1&cursor=${nextCursor}`);
    expect((second.body as { items: { id: string }[] }).items.map((p) => p.id)).toEqual([early.id]);
    expect((await auditEvents(t)).length).toBe(before);
    expectFieldError(await c().get(`${PROGRAMMES}?year=1999`), 'query.year');
    expectFieldError(await c().get(`${PROGRAMMES}?sector=army`), 'query.sector');
    expectFieldError(await c().get(`${PROGRAMMES}?cursor=nope!`), 'query.cursor');
  });

  it('change from the version read, audited; a stale version or sessions left outside are 409', async () => {
    const programme = await createProgramme(c());
    await addSession(c(), programme.id, { startsAt: '2025-04-01T09:00:00-05:00', hours: 6 });
    const changed = await c().patch(`${PROGRAMMES}/${programme.id}`, {
      version: 1,
      name: 'Nuevo nombre',
      minFinalScore: 60,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: 'Nuevo nombre', minFinalScore: 60, version: 2 });
    expect(await audited('training.programme.update', programme.id)).toHaveLength(1);
    const stale = await c().patch(`${PROGRAMMES}/${programme.id}`, { version: 1, name: 'X' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'stale_version' });
    expectFieldError(
      await c().patch(`${PROGRAMMES}/${programme.id}`, { version: 2, endsOn: '2025-03-31' }),
      'body.endsOn',
      'sessions_outside_period',
      409,
    );
    expectFieldError(
      await c().patch(`${PROGRAMMES}/${programme.id}`, { version: 2, totalHours: 5.99 }),
      'body.totalHours',
      'sessions_exceed_total_hours',
      409,
    );
    expectFieldError(await c().patch(`${PROGRAMMES}/${programme.id}`, { version: 2 }), 'body');
    expectFieldError(
      await c().patch(`${PROGRAMMES}/${programme.id}`, { version: 2, startsOn: '2025-07-01' }),
      'body.startsOn',
      'ends_before_start',
    );
    const ok = await c().patch(`${PROGRAMMES}/${programme.id}`, { version: 2, totalHours: 6 });
    expect(ok.body).toMatchObject({ totalHours: 6, version: 3 });
    expect(await audited('training.programme.update', programme.id)).toHaveLength(2);
  });

  it('are deleted with their sessions and enrolments while no attendance is recorded', async () => {
    const { programme, session, people } = await smallProgramme();
    const deleted = await del(c(), `${PROGRAMMES}/${programme.id}`);
    expect(deleted.status).toBe(204);
    expect((await c().get(`${PROGRAMMES}/${programme.id}`)).status).toBe(404);
    expect(await audited('training.programme.delete', programme.id)).toHaveLength(1);
    // The participants stay, enrolled nowhere.
    const person = await c().get(`${PARTICIPANTS}/${people[0]!.id}`);
    expect(person.body).toMatchObject({ participations: [] });

    const kept = await smallProgramme();
    await recordAttendance(c(), kept.programme.id, kept.session.id, [
      { participantId: kept.people[0]!.id, present: false },
    ]);
    const refused = await del(c(), `${PROGRAMMES}/${kept.programme.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'has_attendance' });
    expect((await c().get(`${PROGRAMMES}/${kept.programme.id}`)).status).toBe(200);
    expect(session.id).not.toBe(kept.session.id);
  });
});

describe('sessions', () => {
  let programme: TrainingProgramme;
  beforeAll(async () => {
    programme = await createProgramme(c());
  });
  const post = (over: Record<string, unknown>) =>
    c().post(`${PROGRAMMES}/${programme.id}/sessions`, sessionBody(over));

  it('are added within the programme, audited, with their day in Ecuador', async () => {
    const session = await addSession(c(), programme.id, {
      // 22:30 in Guayaquil on 31 March is already 1 April in UTC.
      startsAt: '2025-04-01T03:30:00Z',
      hours: 1.5,
      place: null,
      link: 'https://meet.example.org/sesion-1',
      trainers: ['Dra. Formadora', 'Mgs. Tutor'],
    });
    expect(session).toMatchObject({
      programmeId: programme.id,
      startsAt: '2025-04-01T03:30:00.000Z',
      date: '2025-03-31',
      hours: 1.5,
      place: null,
      link: 'https://meet.example.org/sesion-1',
      trainers: ['Dra. Formadora', 'Mgs. Tutor'],
      attendanceRecorded: false,
      presentCount: 0,
      version: 1,
    });
    expect(await audited('training.session.create', session.id)).toEqual([
      expect.objectContaining({ resource_type: 'training_session', outcome: 'success' }),
    ]);
    const detail = await c().get(`${PROGRAMMES}/${programme.id}`);
    expect(detail.body).toMatchObject({ sessionCount: 1, scheduledHours: 1.5 });
  });

  it('refuse bad fields, naming them', async () => {
    expectFieldError(await post({ startsAt: '2025-03-10 09:00' }), 'body.startsAt');
    // 1 July 00:30 in Ecuador: the day after the programme ends.
    expectFieldError(
      await post({ startsAt: '2025-07-01T05:30:00Z' }),
      'body.startsAt',
      'outside_programme_period',
    );
    expectFieldError(
      await post({ startsAt: '2025-02-28T09:00:00-05:00' }),
      'body.startsAt',
      'outside_programme_period',
    );
    expectFieldError(await post({ hours: 0 }), 'body.hours');
    expectFieldError(await post({ hours: 24.5 }), 'body.hours');
    expectFieldError(await post({ hours: 1.333 }), 'body.hours');
    expectFieldError(await post({ hours: 9 }), 'body.hours', 'exceeds_total_hours');
    expectFieldError(await post({ place: null }), 'body.place', 'place_or_link');
    expectFieldError(await post({ link: 'http://meet.example.org/x' }), 'body.link');
    expectFieldError(await post({ link: 'javascript:alert(1)' }), 'body.link');
    expectFieldError(await post({ trainers: ['Ana', 'Ana'] }), 'body.trainers.1');
    expectFieldError(
      await post({ trainers: ['Ana 0991234567'] }),
      'body.trainers.0',
      'looks_personal',
    );
    expectFieldError(
      await post({ place: 'Casa de ana@correo.ec' }),
      'body.place',
      'looks_personal',
    );
    expectFieldError(await post({ room: 'B' }), 'body', 'unrecognized_keys');
  });

  it('change from the version read and are deleted while no attendance is recorded', async () => {
    const session = await addSession(c(), programme.id, { hours: 2 });
    const changed = await c().patch(`${PROGRAMMES}/${programme.id}/sessions/${session.id}`, {
      version: 1,
      hours: 2.25,
      trainers: ['Lcda. Nueva'],
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ hours: 2.25, trainers: ['Lcda. Nueva'], version: 2 });
    expect(await audited('training.session.update', session.id)).toHaveLength(1);
    const stale = await c().patch(`${PROGRAMMES}/${programme.id}/sessions/${session.id}`, {
      version: 1,
      hours: 1,
    });
    expect(stale.body).toMatchObject({ code: 'stale_version' });
    expectFieldError(
      await c().patch(`${PROGRAMMES}/${programme.id}/sessions/${session.id}`, {
        version: 2,
        startsAt: '2026-01-01T09:00:00-05:00',
      }),
      'body.startsAt',
      'outside_programme_period',
    );

    const person = await createParticipant(c());
    await enrol(c(), programme.id, [person.id]);
    await recordAttendance(c(), programme.id, session.id, [
      { participantId: person.id, present: true },
    ]);
    const refused = await del(c(), `${PROGRAMMES}/${programme.id}/sessions/${session.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'has_attendance' });
    // An empty sheet clears it; then the session can go.
    await recordAttendance(c(), programme.id, session.id, []);
    const deleted = await del(c(), `${PROGRAMMES}/${programme.id}/sessions/${session.id}`);
    expect(deleted.status).toBe(204);
    expect(await audited('training.session.delete', session.id)).toHaveLength(1);
  });
});

describe('participants', () => {
  const post = (over: Record<string, unknown>) => c().post(PARTICIPANTS, participantBody(over));

  it('are recorded with their identity, audited without it, linked to no account by their e-mail', async () => {
    const person = await seedUser(t, 'caseworker');
    const participant = await createParticipant(c(), {
      fullName: 'Ana Belén Quishpe',
      workEmail: person.email.toUpperCase(),
      position: 'Trabajadora social',
      institutionName: 'Junta Cantonal de Protección de Derechos',
      sector: 'social_protection',
      province: 'Imbabura',
    });
    expect(participant).toMatchObject({
      fullName: 'Ana Belén Quishpe',
      workEmail: person.email,
      position: 'Trabajadora social',
      institutionName: 'Junta Cantonal de Protección de Derechos',
      sector: 'social_protection',
      province: 'Imbabura',
      linkedUserId: null,
      erasedAt: null,
      version: 1,
      participations: [],
    });
    // Nothing in the answer tells whether the e-mail is an account's.
    expect(participant).not.toHaveProperty('hasAccount');
    expect(await audited('training.participant.create', participant.id)).toEqual([
      expect.objectContaining({ resource_type: 'training_participant', purpose: null }),
    ]);
    // Typing their e-mail gave that account nothing.
    const own = new SessionClient(t.app, t.clock);
    await own.signIn(person.email, person.password);
    expect((await own.get(`${TRAININGS}/me`)).body).toEqual({ participant: null });
    // A shared mailbox: another participant with the same work e-mail is recorded too.
    const shared = await post({ workEmail: person.email });
    expect(shared.status).toBe(201);
    expect(shared.body).toMatchObject({ workEmail: person.email, linkedUserId: null });
    const unlinked = await createParticipant(c(), { workEmail: null, position: null });
    expect(unlinked).toMatchObject({ linkedUserId: null, workEmail: null, position: null });
  });

  it('refuse bad fields, naming them', async () => {
    expectFieldError(await post({ fullName: '' }), 'body.fullName');
    expectFieldError(await post({ fullName: 'Ana\u202Eorts' }), 'body.fullName');
    expectFieldError(await post({ workEmail: 'no-es-un-correo' }), 'body.workEmail');
    expectFieldError(await post({ sector: 'army' }), 'body.sector');
    expectFieldError(await post({ province: 'Atlantis' }), 'body.province');
    expectFieldError(await post({ institutionName: '' }), 'body.institutionName');
    expectFieldError(
      await post({ institutionName: 'Escribir a jefa@salud.gob.ec' }),
      'body.institutionName',
      'looks_personal',
    );
    expectFieldError(
      await post({ position: 'Cédula 1712345678' }),
      'body.position',
      'looks_personal',
    );
    expectFieldError(await post({ cedula: '1712345678' }), 'body', 'unrecognized_keys');
  });

  it('are listed and read by coordinators, each response that names them audited once', async () => {
    const participant = await createParticipant(c(), { sector: 'labour', province: 'Loja' });
    const before = (await audited('training.participant.list')).length;
    const list = await c().get(`${PARTICIPANTS}?sector=labour&province=Loja`);
    expect(list.status).toBe(200);
    const items = (list.body as { items: TrainingParticipant[] }).items;
    expect(items.map((p) => p.id)).toContain(participant.id);
    expect(items.every((p) => p.sector === 'labour' && p.province === 'Loja')).toBe(true);
    const listed = await audited('training.participant.list');
    expect(listed).toHaveLength(before + 1);
    expect(listed.at(-1)).toMatchObject({
      actor_id: coordinator.user.id,
      resource_type: 'training_participant',
      resource_id: null,
    });
    const one = await c().get(`${PARTICIPANTS}/${participant.id}`);
    expect(one.body).toMatchObject({ id: participant.id, fullName: participant.fullName });
    expect(await audited('training.participant.read', participant.id)).toHaveLength(1);
    // Paging: the first page's last id is where the second starts.
    const page = await c().get(`${PARTICIPANTS}?limit=1`);
    const next = await c().get(
      `${PARTICIPANTS}?limit=1&cursor=${(page.body as { nextCursor: string }).nextCursor}`,
    );
    expect((next.body as { items: { id: string }[] }).items[0]!.id).not.toBe(
      (page.body as { items: { id: string }[] }).items[0]!.id,
    );
    expectFieldError(await c().get(`${PARTICIPANTS}?includeErased=maybe`), 'query.includeErased');
  });

  it('change from the version read, audited; an erased one cannot change', async () => {
    const participant = await createParticipant(c());
    const changed = await c().patch(`${PARTICIPANTS}/${participant.id}`, {
      version: 1,
      fullName: 'María José Participante',
      position: null,
      sector: 'justice',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      fullName: 'María José Participante',
      position: null,
      workEmail: participant.workEmail,
      sector: 'justice',
      version: 2,
    });
    expect(await audited('training.participant.update', participant.id)).toHaveLength(1);
    const stale = await c().patch(`${PARTICIPANTS}/${participant.id}`, {
      version: 1,
      position: 'Fiscal',
    });
    expect(stale.body).toMatchObject({ code: 'stale_version' });
    expectFieldError(
      await c().patch(`${PARTICIPANTS}/${participant.id}`, { version: 2, workEmail: 'x' }),
      'body.workEmail',
    );
    // An account's e-mail links nothing by itself.
    const person = await seedUser(t, 'supervisor');
    const typed = await c().patch(`${PARTICIPANTS}/${participant.id}`, {
      version: 2,
      workEmail: person.email,
    });
    expect(typed.body).toMatchObject({ linkedUserId: null, version: 3 });

    await coordinator.client.post('/api/v1/auth/step-up', { code: await c().nextCode() });
    await c().post(`${PARTICIPANTS}/${participant.id}/erase`, { reason: 'person_request' });
    const refused = await c().patch(`${PARTICIPANTS}/${participant.id}`, {
      version: 4,
      position: 'Fiscal',
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'participant_erased' });
  });

  it('are erased on request after a step-up, for good; the erasure audited with its reason', async () => {
    const { programme, people } = await smallProgramme();
    const participant = people[0]!;
    const fresh = await signedIn(t, 'coordinator');
    t.clock.advance(6 * 60);
    const noStepUp = await fresh.client.post(`${PARTICIPANTS}/${participant.id}/erase`, {
      reason: 'person_request',
    });
    expect(noStepUp.status).toBe(401);
    expect(noStepUp.body).toMatchObject({ code: 'step_up_required' });
    await fresh.client.post('/api/v1/auth/step-up', { code: await fresh.client.nextCode() });
    expectFieldError(
      await fresh.client.post(`${PARTICIPANTS}/${participant.id}/erase`, { reason: 'boredom' }),
      'body.reason',
    );
    const erased = await fresh.client.post(`${PARTICIPANTS}/${participant.id}/erase`, {
      reason: 'person_request',
    });
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({
      id: participant.id,
      fullName: null,
      workEmail: null,
      position: null,
      linkedUserId: null,
      erasedAt: expect.any(String),
      // On the person's own request their institution goes too: it can point at them.
      institutionName: null,
      sector: participant.sector,
      participations: [expect.objectContaining({ programmeId: programme.id })],
    });
    expect(await audited('training.participant.erase', participant.id)).toEqual([
      expect.objectContaining({ purpose: 'person_request', actor_id: fresh.user.id }),
    ]);
    const again = await fresh.client.post(`${PARTICIPANTS}/${participant.id}/erase`, {
      reason: 'person_request',
    });
    expect(again.body).toMatchObject({ code: 'participant_erased' });
    // Still enrolled and counted, without a name or an institution.
    const enrolments = await roster(c(), programme.id);
    expect(enrolments.get(participant.id)).toMatchObject({ fullName: null });
    const rosterRes = await c().get(`${PROGRAMMES}/${programme.id}/enrolments`);
    expect((rosterRes.body as { items: unknown[] }).items).toContainEqual(
      expect.objectContaining({ participantId: participant.id, institutionName: null }),
    );
    // Another reason keeps the institution (only the person's own request blanks it).
    const duplicate = await createParticipant(c(), {
      institutionName: 'Dirección Distrital 17D05',
    });
    const erasedDuplicate = await fresh.client.post(`${PARTICIPANTS}/${duplicate.id}/erase`, {
      reason: 'duplicate_record',
    });
    expect(erasedDuplicate.body).toMatchObject({
      fullName: null,
      institutionName: 'Dirección Distrital 17D05',
    });
    // Listed only when asked for.
    const live = await c().get(`${PARTICIPANTS}?limit=200`);
    expect((live.body as { items: { id: string }[] }).items.map((p) => p.id)).not.toContain(
      participant.id,
    );
    const all = await c().get(`${PARTICIPANTS}?limit=200&includeErased=true`);
    expect((all.body as { items: { id: string }[] }).items.map((p) => p.id)).toContain(
      participant.id,
    );
  });
});

describe('enrolments', () => {
  it('are added in bulk, once each, audited once per request', async () => {
    const programme = await createProgramme(c());
    const people: TrainingParticipant[] = [];
    for (let i = 0; i < 3; i++) people.push(await createParticipant(c()));
    const first = await c().post(`${PROGRAMMES}/${programme.id}/enrolments`, {
      participantIds: people.slice(0, 2).map((p) => p.id),
    });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ added: 2, enrolled: 2 });
    const second = await c().post(`${PROGRAMMES}/${programme.id}/enrolments`, {
      participantIds: people.map((p) => p.id),
    });
    expect(second.body).toEqual({ added: 1, enrolled: 3 });
    expect(await audited('training.enrolment.add', programme.id)).toEqual([
      expect.objectContaining({ resource_type: 'training_programme' }),
      expect.objectContaining({ resource_type: 'training_programme' }),
    ]);
    const missing = randomUUID();
    expectFieldError(
      await c().post(`${PROGRAMMES}/${programme.id}/enrolments`, {
        participantIds: [people[0]!.id, missing],
      }),
      'body.participantIds.1',
      'participant_not_found',
    );
    expectFieldError(
      await c().post(`${PROGRAMMES}/${programme.id}/enrolments`, { participantIds: [] }),
      'body.participantIds',
    );
    expectFieldError(
      await c().post(`${PROGRAMMES}/${programme.id}/enrolments`, {
        participantIds: [people[0]!.id, people[0]!.id],
      }),
      'body.participantIds.1',
    );
  });

  it('are read as a roster with names and completion, audited once naming the programme', async () => {
    const { programme, people } = await smallProgramme();
    const res = await c().get(`${PROGRAMMES}/${programme.id}/enrolments`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      programmeId: programme.id,
      items: [...people]
        .sort((x, y) => x.id.localeCompare(y.id))
        .map((p): unknown =>
          expect.objectContaining({
            participantId: p.id,
            fullName: p.fullName,
            position: p.position,
            institutionName: p.institutionName,
            sector: p.sector,
            erased: false,
            preScore: null,
            postScore: null,
            attendedHours: 0,
            attendancePercent: 0,
            completed: false,
            completedOn: null,
          }),
        ),
    });
    expect(await audited('training.enrolment.list', programme.id)).toEqual([
      expect.objectContaining({
        resource_type: 'training_programme',
        actor_id: coordinator.user.id,
      }),
    ]);
  });

  it('are removed while no attendance is recorded for them, audited', async () => {
    const { programme, session, people } = await smallProgramme();
    await recordAttendance(c(), programme.id, session.id, [
      { participantId: people[0]!.id, present: false },
    ]);
    const refused = await del(c(), `${PROGRAMMES}/${programme.id}/enrolments/${people[0]!.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'has_attendance' });
    const removed = await del(c(), `${PROGRAMMES}/${programme.id}/enrolments/${people[1]!.id}`);
    expect(removed.status).toBe(204);
    expect(await audited('training.enrolment.remove', programme.id)).toHaveLength(1);
    expect([...(await roster(c(), programme.id)).keys()]).toEqual([people[0]!.id]);
    const gone = await del(c(), `${PROGRAMMES}/${programme.id}/enrolments/${people[1]!.id}`);
    expect(gone.status).toBe(404);
  });
});

describe('the attendance sheet', () => {
  let programme: TrainingProgramme;
  let session: TrainingSession;
  const people: TrainingParticipant[] = [];
  const sheetPath = () => `${PROGRAMMES}/${programme.id}/sessions/${session.id}/attendance`;

  beforeAll(async () => {
    programme = await createProgramme(c());
    session = await addSession(c(), programme.id);
    for (let i = 0; i < 42; i++) people.push(await createParticipant(c()));
    await enrol(
      c(),
      programme.id,
      people.map((p) => p.id),
    );
  }, 60_000);

  it('records 42 people in one request: one transaction, one audit event naming the session', async () => {
    const entries = people.map((p, i) => ({ participantId: p.id, present: i % 7 !== 0 }));
    const { result: res, statements } = await t.database.recordStatements(() =>
      put(c(), sheetPath(), { entries }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ sessionId: session.id, present: 36, absent: 6 });
    expect((res.body as { entries: unknown[] }).entries).toHaveLength(42);
    expect(statements.filter((s) => /^begin\b/i.test(s))).toHaveLength(1);
    expect(statements.filter((s) => /^insert into "training_attendance"/i.test(s))).toHaveLength(1);
    expect(await audited('training.attendance.record', session.id)).toEqual([
      expect.objectContaining({ resource_type: 'training_session', actor_id: coordinator.user.id }),
    ]);
    const read = await c().get(sheetPath());
    expect(read.body).toMatchObject({ present: 36, absent: 6, recordedAt: expect.any(String) });
  });

  it('replaces the sheet as a whole, and saving the same sheet again changes nothing', async () => {
    const entries = people.slice(0, 10).map((p) => ({ participantId: p.id, present: true }));
    const first = await put(c(), sheetPath(), { entries });
    const second = await put(c(), sheetPath(), { entries });
    expect(first.body).toMatchObject({ present: 10, absent: 0 });
    expect((second.body as { entries: unknown }).entries).toEqual(
      (first.body as { entries: unknown }).entries,
    );
    const detail = await c().get(`${PROGRAMMES}/${programme.id}`);
    expect((detail.body as { sessions: TrainingSession[] }).sessions[0]).toMatchObject({
      attendanceRecorded: true,
      presentCount: 10,
    });
  });

  it('refuses participants not enrolled, repeated ones and bad entries, naming them', async () => {
    const outsider = await createParticipant(c());
    expectFieldError(
      await put(c(), sheetPath(), {
        entries: [
          { participantId: people[0]!.id, present: true },
          { participantId: outsider.id, present: true },
        ],
      }),
      'body.entries.1.participantId',
      'not_enrolled',
    );
    expectFieldError(
      await put(c(), sheetPath(), {
        entries: [
          { participantId: people[0]!.id, present: true },
          { participantId: people[0]!.id, present: false },
        ],
      }),
      'body.entries.1',
    );
    expectFieldError(
      await put(c(), sheetPath(), { entries: [{ participantId: people[0]!.id, present: 'yes' }] }),
      'body.entries.0.present',
    );
    expectFieldError(await put(c(), sheetPath(), {}), 'body.entries');
  });

  it('is taken once the session has come (409 session_not_held before)', async () => {
    const future = await createProgramme(c(), { startsOn: '2099-01-01', endsOn: '2099-12-31' });
    const later = await addSession(c(), future.id, { startsAt: '2099-03-01T09:00:00-05:00' });
    await enrol(c(), future.id, [people[0]!.id]);
    const res = await put(c(), `${PROGRAMMES}/${future.id}/sessions/${later.id}/attendance`, {
      entries: [{ participantId: people[0]!.id, present: true }],
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'session_not_held' });
  });
});

describe('scores', () => {
  it('are recorded in bulk, a score not sent kept and null clearing it, audited once', async () => {
    const { programme, people } = await smallProgramme();
    const [a, b] = people as [TrainingParticipant, TrainingParticipant];
    const path = `${PROGRAMMES}/${programme.id}/scores`;
    const first = await put(c(), path, {
      entries: [
        { participantId: a.id, preScore: 40.5, postScore: 90 },
        { participantId: b.id, preScore: 55 },
      ],
    });
    expect(first.status).toBe(200);
    const second = await put(c(), path, {
      entries: [
        { participantId: a.id, postScore: null },
        { participantId: b.id, postScore: 100 },
      ],
    });
    expect(second.body).toEqual({
      items: [
        { participantId: a.id, preScore: 40.5, postScore: null, completed: false },
        { participantId: b.id, preScore: 55, postScore: 100, completed: false },
      ].sort((x, y) => x.participantId.localeCompare(y.participantId)),
    });
    expect(await audited('training.scores.record', programme.id)).toHaveLength(2);
    expectFieldError(
      await put(c(), path, { entries: [{ participantId: a.id, postScore: 100.5 }] }),
      'body.entries.0.postScore',
    );
    expectFieldError(
      await put(c(), path, { entries: [{ participantId: a.id, preScore: 50.125 }] }),
      'body.entries.0.preScore',
    );
    expectFieldError(
      await put(c(), path, { entries: [{ participantId: a.id }] }),
      'body.entries.0',
    );
    expectFieldError(
      await put(c(), path, { entries: [{ participantId: randomUUID(), postScore: 1 }] }),
      'body.entries.0.participantId',
      'not_enrolled',
    );
    expect(await audited('training.scores.record', programme.id)).toHaveLength(2);
  });
});

describe('the person', () => {
  it('reads their own participations, whatever their role, once linked; audited as their own record', async () => {
    const nurse = await signedIn(t, 'partner');
    const participant = await createParticipant(c(), { workEmail: nurse.user.email });
    expect((await nurse.client.get(`${TRAININGS}/me`)).body).toEqual({ participant: null });
    const link = await put(c(), `${PARTICIPANTS}/${participant.id}/account`, {
      userId: nurse.user.id,
    });
    expect(link.status).toBe(200);
    const { programme, session } = await smallProgramme();
    await enrol(c(), programme.id, [participant.id]);
    await recordAttendance(c(), programme.id, session.id, [
      { participantId: participant.id, present: true },
    ]);
    const own = await nurse.client.get(`${TRAININGS}/me`);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({
      participant: {
        id: participant.id,
        fullName: participant.fullName,
        participations: [expect.objectContaining({ programmeId: programme.id, attendedHours: 2 })],
      },
    });
    expect(await audited('training.participant.read', participant.id)).toEqual([
      expect.objectContaining({ actor_id: nurse.user.id, purpose: 'own_record' }),
    ]);
    // Everyone else has no record: nothing to read, nothing audited.
    for (const role of ACTOR_ROLES) {
      const res = await staff.get(role)!.client.get(`${TRAININGS}/me`);
      expect([role, res.status, res.body]).toEqual([role, 200, { participant: null }]);
    }
  });
});

describe("linking a participant to the person's account", () => {
  const accountPath = (id: string) => `${PARTICIPANTS}/${id}/account`;

  it('is explicit, by account id, only to the account whose login e-mail is the work e-mail; audited', async () => {
    const nurse = await signedIn(t, 'caseworker');
    const other = await seedUser(t, 'supervisor');
    const participant = await createParticipant(c(), {
      workEmail: nurse.user.email.toUpperCase(),
    });
    // Another account, an unknown one, a participant without e-mail: the same refusal, no address.
    const refusals = [
      await put(c(), accountPath(participant.id), { userId: other.id }),
      await put(c(), accountPath(participant.id), { userId: randomUUID() }),
      await put(c(), accountPath((await createParticipant(c(), { workEmail: null })).id), {
        userId: nurse.user.id,
      }),
    ];
    for (const res of refusals) {
      expectFieldError(res, 'body.userId', 'account_email_mismatch', 409);
      const text = JSON.stringify(res.body);
      expect(text).not.toContain(nurse.user.email.split('@')[0]);
      expect(text).not.toContain(other.email.split('@')[0]);
    }
    expectFieldError(await put(c(), accountPath(participant.id), { userId: 'x' }), 'body.userId');
    expectFieldError(
      await put(c(), accountPath(participant.id), { userId: nurse.user.id, role: 'x' }),
      'body',
      'unrecognized_keys',
    );
    expect(await audited('training.participant.link', participant.id)).toEqual([]);

    const linked = await put(c(), accountPath(participant.id), { userId: nurse.user.id });
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({ id: participant.id, linkedUserId: nurse.user.id });
    const events = await auditEvents(t, { action: 'training.participant.link' });
    expect(events.filter((e) => e.request_id === events.at(-1)!.request_id)).toEqual([
      expect.objectContaining({
        resource_type: 'training_participant',
        resource_id: participant.id,
        actor_id: coordinator.user.id,
      }),
      expect.objectContaining({ resource_type: 'user', resource_id: nurse.user.id }),
    ]);
    expect((await nurse.client.get(`${TRAININGS}/me`)).body).toMatchObject({
      participant: { id: participant.id },
    });
    // Again: nothing changes, nothing more audited.
    expect((await put(c(), accountPath(participant.id), { userId: nurse.user.id })).status).toBe(
      200,
    );
    expect(await audited('training.participant.link', participant.id)).toHaveLength(1);
    // One participant per account.
    const twin = await createParticipant(c(), { workEmail: nurse.user.email });
    expectFieldError(
      await put(c(), accountPath(twin.id), { userId: nurse.user.id }),
      'body.userId',
      'account_already_linked',
      409,
    );

    // Unlinked: the person no longer reads it; audited naming both.
    expect((await del(c(), accountPath(participant.id))).status).toBe(204);
    expect((await nurse.client.get(`${TRAININGS}/me`)).body).toEqual({ participant: null });
    expect(await audited('training.participant.unlink', participant.id)).toHaveLength(1);
    expect(await audited('training.participant.unlink', nurse.user.id)).toHaveLength(1);
    expect((await del(c(), accountPath(participant.id))).status).toBe(204);
    expect(await audited('training.participant.unlink', participant.id)).toHaveLength(1);
  });

  it('is dropped when the work e-mail changes to another address; refused once erased', async () => {
    const person = await seedUser(t, 'auditor');
    const participant = await createParticipant(c(), { workEmail: person.email });
    const linked = await put(c(), accountPath(participant.id), { userId: person.id });
    expect(linked.body).toMatchObject({ linkedUserId: person.id, version: 2 });
    // The same address in another case keeps it.
    const same = await c().patch(`${PARTICIPANTS}/${participant.id}`, {
      version: 2,
      workEmail: person.email.toUpperCase(),
    });
    expect(same.body).toMatchObject({ linkedUserId: person.id });
    const moved = await c().patch(`${PARTICIPANTS}/${participant.id}`, {
      version: 3,
      workEmail: `otra.${Date.now()}@salud.gob.ec`,
    });
    expect(moved.body).toMatchObject({ linkedUserId: null });
    expect(await audited('training.participant.unlink', participant.id)).toHaveLength(1);

    await c().post('/api/v1/auth/step-up', { code: await c().nextCode() });
    await c().post(`${PARTICIPANTS}/${participant.id}/erase`, { reason: 'person_request' });
    const refused = await put(c(), accountPath(participant.id), { userId: person.id });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'participant_erased' });
  });
});

describe('the audit of attendance, scores and enrolments', () => {
  /** The events of the latest request that wrote this action, naming participants. */
  const perParticipant = async (action: string) => {
    const events = await auditEvents(t, { action });
    const last = events.at(-1)!.request_id;
    return events
      .filter((e) => e.request_id === last && e.resource_type === 'training_participant')
      .map((e) => e.resource_id)
      .sort();
  };
  const sorted = (ids: string[]) => [...ids].sort();

  it('names each participant whose entry changed, in one INSERT with the event naming the session', async () => {
    const { programme, session, people } = await smallProgramme();
    const third = await createParticipant(c());
    await enrol(c(), programme.id, [third.id]);
    expect(await perParticipant('training.enrolment.add')).toEqual([third.id]);
    const [a, b] = people as [TrainingParticipant, TrainingParticipant];
    const path = `${PROGRAMMES}/${programme.id}/sessions/${session.id}/attendance`;
    await recordAttendance(c(), programme.id, session.id, [
      { participantId: a.id, present: true },
      { participantId: b.id, present: true },
    ]);
    expect(await perParticipant('training.attendance.record')).toEqual(sorted([a.id, b.id]));
    // b turned absent, a dropped from the sheet, the third added: all three named, in one INSERT.
    const { result, statements } = await t.database.recordStatements(() =>
      put(c(), path, {
        entries: [
          { participantId: b.id, present: false },
          { participantId: third.id, present: true },
        ],
      }),
    );
    expect(result.status).toBe(200);
    expect(statements.filter((q) => /^insert into "audit_events"/i.test(q))).toHaveLength(1);
    expect(await perParticipant('training.attendance.record')).toEqual(
      sorted([a.id, b.id, third.id]),
    );
    expect(
      (await audited('training.attendance.record', session.id)).map((e) => e.resource_type),
    ).toEqual(['training_session', 'training_session']);
    // The same sheet again changes no one: the session's event only.
    const before = (await auditEvents(t, { action: 'training.attendance.record' })).length;
    await put(c(), path, {
      entries: [
        { participantId: b.id, present: false },
        { participantId: third.id, present: true },
      ],
    });
    expect((await auditEvents(t, { action: 'training.attendance.record' })).length).toBe(
      before + 1,
    );
  });

  it('names each participant whose scores changed, and whom an enrolment removal concerned', async () => {
    const { programme, people } = await smallProgramme();
    const [a, b] = people as [TrainingParticipant, TrainingParticipant];
    const path = `${PROGRAMMES}/${programme.id}/scores`;
    await put(c(), path, { entries: [{ participantId: a.id, preScore: 40, postScore: 60 }] });
    expect(await perParticipant('training.scores.record')).toEqual([a.id]);
    // a's post-score from 60 to 90 is named; b's unchanged (none given) is not.
    await put(c(), path, {
      entries: [
        { participantId: a.id, postScore: 90 },
        { participantId: b.id, preScore: null },
      ],
    });
    expect(await perParticipant('training.scores.record')).toEqual([a.id]);
    expect(await audited('training.scores.record', a.id)).toHaveLength(2);
    expect((await del(c(), `${PROGRAMMES}/${programme.id}/enrolments/${b.id}`)).status).toBe(204);
    expect(await audited('training.enrolment.remove', b.id)).toEqual([
      expect.objectContaining({ resource_type: 'training_participant' }),
    ]);
  });
});

describe('an erased participant', () => {
  it('keeps their attendance and scores as they were (409 participant_erased on a change)', async () => {
    const { programme, session, people } = await smallProgramme();
    const [a, b] = people as [TrainingParticipant, TrainingParticipant];
    const sheet = [
      { participantId: a.id, present: true },
      { participantId: b.id, present: true },
    ];
    await recordAttendance(c(), programme.id, session.id, sheet);
    await put(c(), `${PROGRAMMES}/${programme.id}/scores`, {
      entries: [{ participantId: b.id, postScore: 70 }],
    });
    await c().post('/api/v1/auth/step-up', { code: await c().nextCode() });
    await c().post(`${PARTICIPANTS}/${b.id}/erase`, { reason: 'person_request' });
    const path = `${PROGRAMMES}/${programme.id}/sessions/${session.id}/attendance`;
    expectFieldError(
      await put(c(), path, { entries: [sheet[0], { participantId: b.id, present: false }] }),
      'body.entries.1.participantId',
      'participant_erased',
      409,
    );
    expectFieldError(
      await put(c(), path, { entries: [sheet[0]] }),
      'body.entries',
      'participant_erased',
      409,
    );
    expectFieldError(
      await put(c(), `${PROGRAMMES}/${programme.id}/scores`, {
        entries: [
          { participantId: a.id, postScore: 80 },
          { participantId: b.id, postScore: 95 },
        ],
      }),
      'body.entries.1.participantId',
      'participant_erased',
      409,
    );
    // Saving the sheet as it was, or others' changes, still works.
    expect((await put(c(), path, { entries: sheet })).status).toBe(200);
    expect(
      (
        await put(c(), `${PROGRAMMES}/${programme.id}/scores`, {
          entries: [
            { participantId: a.id, postScore: 80 },
            { participantId: b.id, postScore: 70 },
          ],
        })
      ).status,
    ).toBe(200);
    expect((await roster(c(), programme.id)).get(b.id)).toMatchObject({
      postScore: 70,
      attendedHours: 2,
    });
  });
});

describe('the vocabularies', () => {
  it('are the lists the database checks', async () => {
    const { rows } = await inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
      sql<{ sectors: string[]; provinces: string[] }>`
        select training_sectors() as sectors, campaign_territories() as provinces`.execute(trx),
    );
    expect(rows[0]!.sectors).toEqual([...TRAINING_SECTORS]);
    expect(rows[0]!.provinces).toEqual([...TERRITORIES]);
    expect([...MODALITIES]).toEqual(['in_person', 'online', 'mixed']);
  });
});
