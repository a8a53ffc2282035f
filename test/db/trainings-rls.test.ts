import { randomBytes } from 'node:crypto';
import {
  inActorTransaction,
  SYSTEM_ACTOR,
  type ActorRole,
  type DbActor,
} from '../../server/db/actor-transaction';
import { openTestDatabase, type TestDatabase } from '../helpers/database';
import { engine } from '../helpers/engine';
import { rlsPerson, rlsWorld } from '../helpers/rls-fixtures';

/**
 * Row-level security on the trainings' tables (0025), on its own: direct SQL
 * as the application role with a given actor context, no service or policy
 * code in between. Coordinators (and the system) see and write everything;
 * a participant linked to a staff account sees their own rows; every other
 * actor sees no row and writes none.
 */
let t: TestDatabase;
const people: Record<string, DbActor> = {};
let programme: string;
let otherProgramme: string;
let session: string;
let otherSession: string;
let own: string; // the participant linked to "linked"'s account
let stranger: string;

const TABLES = [
  'training_programmes',
  'training_sessions',
  'training_participants',
  'training_enrolments',
  'training_attendance',
  'training_completions',
] as const;

const as = <T>(actor: DbActor, work: Parameters<typeof inActorTransaction<T>>[2]) =>
  inActorTransaction(t.store, actor, work);

const participant = (trx: Parameters<Parameters<typeof as>[1]>[0], userId: string | null) =>
  trx
    .insertInto('training_participants')
    .values({
      institution_name: 'Hospital',
      sector: 'health',
      full_name_enc: randomBytes(40),
      key_kek_version: 1,
      key_wrapped: randomBytes(60),
      user_id: userId,
      keep_until: '2030-12-31',
      created_by: people.coordinator!.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

/** How many rows of each table the actor sees. */
const visible = (actor: DbActor) =>
  as(actor, async (trx) => {
    const counts: Record<string, number> = {};
    for (const table of TABLES) {
      const rows = await trx
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .execute();
      counts[table] = Number(rows[0]!.n);
    }
    return counts;
  });

beforeAll(async () => {
  t = await openTestDatabase();
  const world = await rlsWorld(t.store, { name: 'Hospital', sector: 'health' });
  const roles: [string, ActorRole][] = [
    ['coordinator', 'coordinator'],
    ['admin', 'admin'],
    ['auditor', 'auditor'],
    ['caseworker', 'caseworker'],
    ['supervisor', 'supervisor'],
    ['partner', 'partner'],
    ['linked', 'caseworker'],
  ];
  for (const [name, role] of roles) {
    people[name] = await rlsPerson(t.store, name, role, {
      institutionId: role === 'partner' ? world.partner : world.lead,
    });
  }
  await as(people.coordinator!, async (trx) => {
    const newProgramme = (name: string) =>
      trx
        .insertInto('training_programmes')
        .values({
          name,
          topic: 'Tema',
          target_sectors: ['health'],
          modality: 'online',
          total_hours: '4.00',
          starts_on: '2025-01-01',
          ends_on: '2025-12-31',
          created_by: people.coordinator!.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    programme = (await newProgramme('Uno')).id;
    otherProgramme = (await newProgramme('Dos')).id;
    for (const id of [programme, otherProgramme]) {
      const s = await trx
        .insertInto('training_sessions')
        .values({
          programme_id: id,
          starts_at: '2025-02-01T14:00:00Z',
          hours: '2.00',
          link: 'https://x.org/s',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (id === programme) session = s.id;
      else otherSession = s.id;
    }
    own = (await participant(trx, people.linked!.id)).id;
    stranger = (await participant(trx, null)).id;
    await trx
      .insertInto('training_enrolments')
      .values([
        { programme_id: programme, participant_id: own, enrolled_by: people.coordinator!.id },
        { programme_id: programme, participant_id: stranger, enrolled_by: people.coordinator!.id },
        {
          programme_id: otherProgramme,
          participant_id: stranger,
          enrolled_by: people.coordinator!.id,
        },
      ])
      .execute();
    await trx
      .insertInto('training_attendance')
      .values(
        [own, stranger].map((participant_id) => ({
          session_id: session,
          programme_id: programme,
          participant_id,
          present: true,
          recorded_by: people.coordinator!.id,
        })),
      )
      .execute();
  });
});
afterAll(() => t.close());

describe(`row-level security on trainings (${engine})`, () => {
  it('lets coordinators and the system see every row', async () => {
    const all = {
      training_programmes: 2,
      training_sessions: 2,
      training_participants: 2,
      training_enrolments: 3,
      training_attendance: 2,
      training_completions: 3,
    };
    expect(await visible(people.coordinator!)).toEqual(all);
    expect(await visible(SYSTEM_ACTOR)).toEqual(all);
  });

  it.each(['admin', 'auditor', 'caseworker', 'supervisor', 'partner'])(
    'shows %s no row at all',
    async (name) => {
      expect(await visible(people[name]!)).toEqual(Object.fromEntries(TABLES.map((n) => [n, 0])));
    },
  );

  it('shows the person their own participant row, enrolment, attendance and programme only', async () => {
    expect(await visible(people.linked!)).toEqual({
      training_programmes: 1,
      training_sessions: 1,
      training_participants: 1,
      training_enrolments: 1,
      training_attendance: 1,
      training_completions: 1,
    });
    const rows = await as(people.linked!, (trx) =>
      trx.selectFrom('training_participants').select('id').execute(),
    );
    expect(rows).toEqual([{ id: own }]);
  });

  it('refuses writes by anyone but a coordinator, the person included', async () => {
    for (const name of ['admin', 'caseworker', 'partner', 'linked']) {
      const actor = people[name]!;
      await expect(
        as(actor, (trx) =>
          trx
            .insertInto('training_programmes')
            .values({
              name: 'Intruso',
              topic: 'x',
              target_sectors: ['health'],
              modality: 'online',
              total_hours: '1.00',
              starts_on: '2025-01-01',
              ends_on: '2025-01-02',
              created_by: actor.id,
            })
            .execute(),
        ),
      ).rejects.toThrow(/row-level security/);
      await expect(as(actor, (trx) => participant(trx, actor.id))).rejects.toThrow(
        /row-level security/,
      );
      // Updates and deletes find no row to touch.
      const updated = await as(actor, (trx) =>
        trx
          .updateTable('training_enrolments')
          .set({ post_score: '100.00' })
          .where('participant_id', '=', own)
          .executeTakeFirst(),
      );
      expect(updated.numUpdatedRows).toBe(0n);
      const deleted = await as(actor, (trx) =>
        trx.deleteFrom('training_attendance').where('session_id', '=', session).executeTakeFirst(),
      );
      expect(deleted.numDeletedRows).toBe(0n);
    }
    expect(await visible(people.coordinator!)).toMatchObject({
      training_programmes: 2,
      training_attendance: 2,
    });
  });

  it('never deletes a participant (erasure is crypto-shredding) and never revives one', async () => {
    await expect(
      as(people.coordinator!, (trx) =>
        trx.deleteFrom('training_participants').where('id', '=', stranger).execute(),
      ),
    ).rejects.toThrow(/permission denied/);
    await as(people.coordinator!, (trx) =>
      trx
        .updateTable('training_participants')
        .set({
          key_wrapped: null,
          key_kek_version: null,
          full_name_enc: null,
          erased_at: new Date(),
        })
        .where('id', '=', stranger)
        .execute(),
    );
    await expect(
      as(people.coordinator!, (trx) =>
        trx
          .updateTable('training_participants')
          .set({ key_wrapped: randomBytes(60), key_kek_version: 1, full_name_enc: randomBytes(40) })
          .where('id', '=', stranger)
          .execute(),
      ),
    ).rejects.toThrow(/cannot be restored/);
  });

  it('keeps attendance to enrolled participants and sessions of the same programme', async () => {
    const attend = (sessionId: string, programmeId: string, participantId: string) =>
      as(people.coordinator!, (trx) =>
        trx
          .insertInto('training_attendance')
          .values({
            session_id: sessionId,
            programme_id: programmeId,
            participant_id: participantId,
            present: true,
            recorded_by: people.coordinator!.id,
          })
          .execute(),
      );
    // A session of another programme.
    await expect(attend(otherSession, programme, own)).rejects.toThrow(/foreign key/);
    // Someone not enrolled in the programme.
    await expect(attend(otherSession, otherProgramme, own)).rejects.toThrow(/foreign key/);
  });
});
