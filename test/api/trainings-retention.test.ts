import { inActorTransaction, SYSTEM_ACTOR } from '../../server/db/actor-transaction';
import { ConfigError, loadConfig } from '../../server/config/config';
import { eraseExpiredParticipants } from '../../server/modules/trainings';
import { startTestApp, type TestApp } from '../helpers/app';
import type { SessionClient } from '../helpers/session-client';
import {
  addSession,
  createParticipant,
  createProgramme,
  enrol,
  PARTICIPANTS,
  PROGRAMMES,
  recordAttendance,
  trainedProgramme,
  TRAININGS,
  type TrainingParticipant,
} from '../helpers/trainings';
import { auditEvents, signedIn } from '../helpers/users';

/**
 * Retention of participants' identity: kept until the end of their latest
 * programme plus TRAINING_RETENTION_YEARS (3 here), then crypto-shredded by
 * the daily job's step (eraseExpiredParticipants), which the aggregates do
 * not notice: they are counts.
 */
let t: TestApp;
let c: SessionClient;
const YEARS = 3;

beforeAll(async () => {
  t = await startTestApp({ trainingRetentionYears: YEARS });
  c = (await signedIn(t, 'coordinator')).client;
}, 60_000);
afterAll(() => t.close());

const keepUntilOf = async (id: string) =>
  ((await c.get(`${PARTICIPANTS}/${id}`)).body as TrainingParticipant).keepUntil;

/** Ecuador's date today, moved by whole years (the clock is the test's). */
const todayPlus = (years: number) => {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Guayaquil' }).format(
    t.clock.now(),
  );
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y + years, m - 1, d));
  if (date.getUTCMonth() !== m - 1) date.setUTCDate(0);
  return date.toISOString().slice(0, 10);
};

describe('keep_until', () => {
  it('is the end of the latest programme (or the day recorded) plus the retention period', async () => {
    const participant = await createParticipant(c);
    expect(participant.keepUntil).toBe(todayPlus(YEARS));
    const later = await createProgramme(c, { startsOn: '2030-01-01', endsOn: '2030-06-30' });
    const earlier = await createProgramme(c, { startsOn: '2029-01-01', endsOn: '2029-12-31' });
    await enrol(c, later.id, [participant.id]);
    expect(await keepUntilOf(participant.id)).toBe('2033-06-30');
    await enrol(c, earlier.id, [participant.id]);
    expect(await keepUntilOf(participant.id)).toBe('2033-06-30');
    // The later programme moves its end: so does the retention.
    const moved = await c.patch(`${PROGRAMMES}/${later.id}`, { version: 1, endsOn: '2030-09-30' });
    expect(moved.status).toBe(200);
    expect(await keepUntilOf(participant.id)).toBe('2033-09-30');
    // Taken off it, the earlier one decides.
    expect(
      (await c.send('delete', `${PROGRAMMES}/${later.id}/enrolments/${participant.id}`)).status,
    ).toBe(204);
    expect(await keepUntilOf(participant.id)).toBe('2032-12-31');
    // Its programme deleted, only the day recorded is left.
    expect((await c.send('delete', `${PROGRAMMES}/${earlier.id}`)).status).toBe(204);
    expect(await keepUntilOf(participant.id)).toBe(todayPlus(YEARS));
  });

  it('is configured by TRAINING_RETENTION_YEARS: 5 by default, 1 to 30', () => {
    expect(loadConfig({}).trainingRetentionYears).toBe(5);
    expect(loadConfig({ TRAINING_RETENTION_YEARS: '10' }).trainingRetentionYears).toBe(10);
    for (const bad of ['0', '31', '2.5', 'five']) {
      expect(() => loadConfig({ TRAINING_RETENTION_YEARS: bad })).toThrow(ConfigError);
    }
  });
});

describe('erasure at the end of retention', () => {
  it('crypto-shreds expired participants as the system, audited, and the counts stay', async () => {
    const programme = await createProgramme(c, {
      startsOn: '2024-01-01',
      endsOn: '2024-12-31',
      totalHours: 2,
    });
    const session = await addSession(c, programme.id, { startsAt: '2024-05-01T09:00:00-05:00' });
    const short = await createParticipant(c); // kept until today + 3 years
    const long = await createParticipant(c);
    const later = await createProgramme(c, { startsOn: '2031-01-01', endsOn: '2031-12-31' });
    await enrol(c, programme.id, [short.id, long.id]);
    await enrol(c, later.id, [long.id]); // kept until 2034-12-31
    await recordAttendance(c, programme.id, session.id, [
      { participantId: short.id, present: true },
      { participantId: long.id, present: true },
    ]);
    const before = await c.get(`${TRAININGS}/aggregates?year=2024`);
    expect(before.body).toMatchObject({ peopleTrained: 2, completedEnrolments: 2 });

    const dayAfter = (day: string) => new Date(`${day}T17:00:00Z`).getTime() + 86_400_000;
    // The day after the short one's keep_until: it goes, the long one stays.
    const erased = await eraseExpiredParticipants(
      t.database.store,
      new Date(dayAfter(todayPlus(YEARS))),
    );
    expect(erased).toBe(2); // and the participant of the test above, enrolled nowhere now
    const shortNow = (await c.get(`${PARTICIPANTS}/${short.id}`)).body as TrainingParticipant;
    expect(shortNow).toMatchObject({
      fullName: null,
      workEmail: null,
      erasedAt: expect.any(String),
    });
    expect(await keepUntilOf(long.id)).toBe('2034-12-31');
    expect((await c.get(`${PARTICIPANTS}/${long.id}`)).body).toMatchObject({
      fullName: long.fullName,
    });
    // On its last day it is still kept.
    expect(await eraseExpiredParticipants(t.database.store, new Date('2034-12-31T23:00:00Z'))).toBe(
      0,
    );
    expect(await eraseExpiredParticipants(t.database.store, new Date('2035-01-01T12:00:00Z'))).toBe(
      1,
    );

    const rows = await inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
      trx
        .selectFrom('training_participants')
        .select([
          'id',
          'key_wrapped',
          'key_kek_version',
          'full_name_enc',
          'work_email_enc',
          'position_enc',
          'user_id',
          'erased_at',
        ])
        .where('id', 'in', [short.id, long.id])
        .execute(),
    );
    for (const row of rows) {
      expect(row).toMatchObject({
        key_wrapped: null,
        key_kek_version: null,
        full_name_enc: null,
        work_email_enc: null,
        position_enc: null,
        user_id: null,
        erased_at: expect.any(Date),
      });
    }
    const events = await auditEvents(t, { action: 'training.participant.erase' });
    for (const id of [short.id, long.id]) {
      expect(events.filter((e) => e.resource_id === id)).toEqual([
        expect.objectContaining({ actor_role: 'system', purpose: 'retention_ended' }),
      ]);
    }
    // Counts are not personal: the aggregates and completion do not change.
    const after = await c.get(`${TRAININGS}/aggregates?year=2024`);
    expect(after.body).toEqual(before.body);
    // Nothing is left to erase; an erased participant is never brought back.
    expect(await eraseExpiredParticipants(t.database.store, new Date('2099-01-01T12:00:00Z'))).toBe(
      0,
    );
    await expect(
      inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
        trx
          .updateTable('training_participants')
          .set({ erased_at: null })
          .where('id', '=', short.id)
          .execute(),
      ),
    ).rejects.toThrow();
  });
});

// After the erasure tests above, which expect to erase every participant they know of.
describe('keep_until and certificates', () => {
  it('never shrinks below the end a valid certificate of theirs froze', async () => {
    // Sessions held (March 2025), the programme ending far enough ahead to decide keep_until.
    const { programme, participants } = await trainedProgramme(c, {
      programme: { startsOn: '2025-03-01', endsOn: '2040-12-31', totalHours: 10 },
      participants: [{}],
    });
    const [holder] = participants as [TrainingParticipant];
    expect(await keepUntilOf(holder.id)).toBe('2043-12-31');
    const issued = await c.post(`${PROGRAMMES}/${programme.id}/certificates`, {
      participantIds: [holder.id],
    });
    expect(issued.status).toBe(201);
    // The programme's end moved earlier: the certificate (ending 2040-12-31) still needs the name.
    const version = ((await c.get(`${PROGRAMMES}/${programme.id}`)).body as { version: number })
      .version;
    const moved = await c.patch(`${PROGRAMMES}/${programme.id}`, {
      version,
      endsOn: '2039-12-31',
    });
    expect(moved.status).toBe(200);
    expect(await keepUntilOf(holder.id)).toBe('2043-12-31');
  });
});
