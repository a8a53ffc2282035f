import { randomBytes } from 'node:crypto';
import { ACTOR_ROLES } from '../../server/db/actor-transaction';
import { startTestApp, type TestApp } from '../helpers/app';
import { canary, expectNoCanary, leaks } from '../helpers/canary';
import { databaseDump } from '../helpers/database-dump';
import { SessionClient } from '../helpers/session-client';
import {
  addSession,
  createProgramme,
  enrol,
  PARTICIPANTS,
  PROGRAMMES,
  recordAttendance,
  recordScores,
  TRAININGS,
  type TrainingParticipant,
} from '../helpers/trainings';
import { auditEvents, seedUser, signedIn } from '../helpers/users';

/**
 * Participants' identity (name, work e-mail, position) is personal data of
 * staff: with unique canaries in every identifying field, used through every
 * trainings endpoint, no canary may be found in the raw database (as text or
 * as hex), in the log, in the audit log, in the aggregates or in anything
 * shown to a role other than the coordinator.
 */
let t: TestApp;
let coordinator: SessionClient;
const planted: string[] = [];
const shownToOthers: string[] = [];
const plant = (value: string) => (planted.push(value), value);
const email = () => plant(`canario.${randomBytes(5).toString('hex')}@example.org`);
/** A position is refused when it holds a run of seven digits (looks_personal): none in its canary. */
const position = (label: string) =>
  plant(canary(label).replace(/\d/g, (d) => 'ghijklmnop'[Number(d)]!));
const others = new Map<string, SessionClient>();

beforeAll(async () => {
  t = await startTestApp();
  coordinator = (await signedIn(t, 'coordinator')).client;
  for (const role of ACTOR_ROLES.filter((r) => r !== 'coordinator')) {
    others.set(role, (await signedIn(t, role)).client);
  }
}, 60_000);
afterAll(() => t.close());

it("keeps participants' identity out of the database, the log, the audit log, the aggregates and others' answers", async () => {
  const show = (res: { body: unknown }) => shownToOthers.push(JSON.stringify(res.body));
  const programme = await createProgramme(coordinator, {
    startsOn: '2024-01-01',
    endsOn: '2024-12-31',
    totalHours: 2,
  });
  const session = await addSession(coordinator, programme.id, {
    startsAt: '2024-03-10T09:00:00-05:00',
  });

  // Participants with canaries in every identifying field; one is a staff member with an account.
  const people: TrainingParticipant[] = [];
  for (let i = 0; i < 3; i++) {
    const res = await coordinator.post(PARTICIPANTS, {
      fullName: plant(canary('NOMBRE')),
      workEmail: email(),
      position: position('CARGO'),
      institutionName: 'Ministerio de Salud Pública',
      sector: 'health',
      province: 'Pichincha',
    });
    expect(res.status).toBe(201);
    people.push(res.body as TrainingParticipant);
  }
  const account = await seedUser(t, 'caseworker');
  const ownName = plant(canary('PERSONA'));
  const ownPosition = position('PUESTO');
  const person = await coordinator.post(PARTICIPANTS, {
    fullName: ownName,
    workEmail: account.email,
    position: ownPosition,
    institutionName: 'Fiscalía General del Estado',
    sector: 'justice',
    province: null,
  });
  expect(person.status).toBe(201);
  people.push(person.body as TrainingParticipant);
  const link = await coordinator.send('put', `${PARTICIPANTS}/${person.body.id}/account`, {
    userId: account.id,
  });
  expect(link.body).toMatchObject({ linkedUserId: account.id });
  const ids = people.map((p) => p.id);

  // Every endpoint the coordinator uses, with the identity in play.
  const changed = await coordinator.patch(`${PARTICIPANTS}/${ids[0]}`, {
    version: 1,
    fullName: plant(canary('NOMBRE2')),
    workEmail: email(),
    position: position('CARGO2'),
  });
  expect(changed.status).toBe(200);
  await enrol(coordinator, programme.id, ids);
  await recordAttendance(
    coordinator,
    programme.id,
    session.id,
    ids.map((participantId) => ({ participantId, present: true })),
  );
  await recordScores(
    coordinator,
    programme.id,
    ids.map((participantId) => ({ participantId, preScore: 50, postScore: 80 })),
  );
  const list = await coordinator.get(`${PARTICIPANTS}?limit=200`);
  expect(leaks(JSON.stringify(list.body), people[1]!.fullName!)).toBe(true); // the coordinator sees names
  expect((await coordinator.get(`${PARTICIPANTS}/${ids[1]}`)).status).toBe(200);
  expect((await coordinator.get(`${PROGRAMMES}/${programme.id}/enrolments`)).status).toBe(200);

  // Errors with canaries in what was sent.
  const bad = await coordinator.post(PARTICIPANTS, {
    fullName: plant(canary('ERROR')),
    workEmail: plant(`${canary('MAL')} sin arroba`),
    institutionName: 'Ministerio',
    sector: 'health',
  });
  expect(bad.status).toBe(400);
  show(bad);
  const stale = await coordinator.patch(`${PARTICIPANTS}/${ids[1]}`, {
    version: 99,
    fullName: plant(canary('VIEJO')),
  });
  expect(stale.status).toBe(409);
  show(stale);
  const personal = await coordinator.post(PARTICIPANTS, {
    fullName: 'Nombre',
    institutionName: plant(`Oficina de ${email()}`),
    sector: 'health',
  });
  expect(personal.status).toBe(400);
  show(personal);

  // The aggregates, the programme and the sheet: counts and ids only.
  const aggregates = await coordinator.get(`${TRAININGS}/aggregates?year=2024`);
  expect(aggregates.body).toMatchObject({ peopleTrained: 4 });
  show(aggregates);
  show(await coordinator.get(`${PROGRAMMES}/${programme.id}`));
  show(await coordinator.get(`${PROGRAMMES}/${programme.id}/sessions/${session.id}/attendance`));

  // Every other role: refused, nothing disclosed.
  for (const [role, client] of others) {
    for (const path of [
      `${PARTICIPANTS}`,
      `${PARTICIPANTS}/${ids[0]}`,
      `${PROGRAMMES}/${programme.id}/enrolments`,
      `${TRAININGS}/aggregates?year=2024`,
    ]) {
      const res = await client.get(path);
      expect([role, path, res.status]).toEqual([role, path, 403]);
      show(res);
    }
    // Their own record: none (the person is not one of these accounts).
    show(await client.get(`${TRAININGS}/me`));
  }

  // The person reads their own record (their own identity only); erasure shreds another's.
  const own = new SessionClient(t.app, t.clock);
  await own.signIn(account.email, account.password);
  const mine = await own.get(`${TRAININGS}/me`);
  expect(mine.body).toMatchObject({ participant: { id: ids[3] } });
  const text = JSON.stringify(mine.body);
  expect(planted.filter((value) => leaks(text, value))).toEqual([ownName, ownPosition]);
  await coordinator.post('/api/v1/auth/step-up', { code: await coordinator.nextCode() });
  const erased = await coordinator.post(`${PARTICIPANTS}/${ids[2]}/erase`, {
    reason: 'person_request',
  });
  expect(erased.status).toBe(200);
  show(erased);

  const dump = await databaseDump(t);
  expect(dump).toContain('training.participant.erase'); // the dump did include the audit log
  const audit = JSON.stringify(await auditEvents(t));
  const log = t.logs.join('\n');
  const answers = shownToOthers.join('\n');
  expect(planted.length).toBeGreaterThan(12);
  expectNoCanary(planted, { dump, audit, log, answers });
});
