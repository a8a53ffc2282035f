import { randomBytes, randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import {
  inActorTransaction,
  SYSTEM_ACTOR,
  type ActorRole,
  type DbActor,
} from '../../server/db/actor-transaction';
import type { DB } from '../../server/db/schema';
import { openTestDatabase, type TestDatabase } from '../helpers/database';
import { engine } from '../helpers/engine';
import { rlsCase, rlsPerson, rlsWorld, type RlsWorld } from '../helpers/rls-fixtures';

/**
 * The database's half of "break-glass is for reading" (migration 0016), as
 * direct SQL under the application role with an actor context and no
 * service code in between: a live grant lets its holder read a case and its
 * key and add a note, never change the case, destroy its key, or write its
 * consents, attachments or referrals; the case's own caseworker still can.
 * And who reads the grants themselves: the grantee, and the supervisors of
 * the team whose queue holds them (before 0016: every supervisor).
 */
let t: TestDatabase;
let lead: string;
let hospital: string;
let team: RlsWorld['team'];
const people: Record<string, DbActor> = {};
let caseA: string; // team A, assigned to ana; bruno (team B) holds a live grant
let caseB: string; // team B, assigned to bruno; ana holds a live grant
let caseMoved: string; // team A's when bruno broke the glass, team B's since
let consentA: string;
let referralA: string;
const grants: Record<'onA' | 'onB' | 'onMoved', string> = { onA: '', onB: '', onMoved: '' };

type Work<T> = (trx: Transaction<DB>) => Promise<T>;
const system = <T>(work: Work<T>) => inActorTransaction(t.store, SYSTEM_ACTOR, work);
const as = (name: string) => people[name]!;

/** Runs the work as the actor and rolls it back, whatever it did: the fixtures stay as they are. */
async function rolledBack<T>(actor: DbActor, work: Work<T>): Promise<T> {
  const rollback = new Error('roll back');
  let result: { value: T } | undefined;
  await expect(
    inActorTransaction(t.store, actor, async (trx) => {
      result = { value: await work(trx) };
      throw rollback;
    }),
  ).rejects.toBe(rollback);
  return result!.value;
}

/** 'done' when the work went through (then rolled back), else the database's error message. */
async function outcomeOf(actor: DbActor, work: Work<unknown>): Promise<string> {
  const rollback = new Error('roll back');
  try {
    await inActorTransaction(t.store, actor, async (trx) => {
      await work(trx);
      throw rollback;
    });
  } catch (error) {
    if (error === rollback) return 'done';
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('the transaction was meant to roll back');
}

async function person(name: string, role: ActorRole, teamName?: 'A' | 'B') {
  people[name] = await rlsPerson(t.store, name, role, {
    institutionId: lead,
    teamId: teamName ? team[teamName] : undefined,
  });
}

const newCase = (teamId: string, assignee: string) =>
  rlsCase(t.store, { teamId, assignee, creator: assignee });

/** A live grant, written as the system with the queue of the team that owns the case now. */
function grant(caseId: string, userId: string, ownerTeamId: string): Promise<string> {
  return system(async (trx) => {
    const row = await trx
      .insertInto('case_access_grants')
      .values({
        case_id: caseId,
        user_id: userId,
        owner_team_id: ownerTeamId,
        expires_at: new Date(Date.now() + 60 * 60_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

const grantsSeenBy = (actor: DbActor) =>
  inActorTransaction(t.store, actor, async (trx) =>
    (await trx.selectFrom('case_access_grants').select('id').execute()).map((r) => r.id).sort(),
  );

const caseRow = (id: string) =>
  system((trx) =>
    trx
      .selectFrom('cases')
      .select(['risk_level', 'status', 'version', 'team_id', 'assigned_to'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow(),
  );

beforeAll(async () => {
  t = await openTestDatabase();
  const world = await rlsWorld(t.store, { name: 'Hospital', sector: 'health' });
  ({ lead, team } = world);
  hospital = world.partner;
  await person('ana', 'caseworker', 'A');
  await person('andres', 'caseworker', 'A');
  await person('sara', 'supervisor', 'A');
  await person('bruno', 'caseworker', 'B');
  await person('sol', 'supervisor', 'B');
  caseA = await newCase(team.A, as('ana').id);
  caseB = await newCase(team.B, as('bruno').id);
  caseMoved = await newCase(team.A, as('andres').id);
  grants.onA = await grant(caseA, as('bruno').id, team.A);
  grants.onB = await grant(caseB, as('ana').id, team.B);
  grants.onMoved = await grant(caseMoved, as('bruno').id, team.A);
  await system((trx) =>
    trx
      .updateTable('cases')
      .set({ team_id: team.B, assigned_to: as('bruno').id })
      .where('id', '=', caseMoved)
      .execute(),
  );
  consentA = randomUUID();
  referralA = randomUUID();
  // Recorded and sent by the assignee (the policies want the recorder to be the actor).
  await inActorTransaction(t.store, as('ana'), async (trx) => {
    await trx
      .insertInto('consents')
      .values({
        id: consentA,
        case_id: caseA,
        version: 1,
        given_by: 'person',
        method: 'written',
        given_at: new Date(Date.now() - 60_000),
        purposes: ['service_referral'],
        scope: JSON.stringify([{ sectors: ['health'], categories: ['minimal'] }]),
        recorded_by: as('ana').id,
      })
      .execute();
    await trx
      .insertInto('referrals')
      .values(referralValues(referralA, as('ana').id))
      .execute();
    await trx
      .insertInto('referral_keys')
      .values({
        referral_id: referralA,
        case_id: caseA,
        kek_version: 1,
        wrapped_key: randomBytes(62),
      })
      .execute();
  });
  people.doctor = await rlsPerson(t.store, 'doctor', 'partner', { institutionId: hospital });
});
afterAll(() => t.close());

function referralValues(id: string, createdBy: string) {
  return {
    id,
    case_id: caseA,
    institution_id: hospital,
    services: ['medical_care'],
    urgency: 'priority' as const,
    categories: ['minimal'],
    acknowledge_by: new Date(Date.now() + 3 * 86_400_000),
    created_by: createdBy,
  };
}

describe(`a break-glass grant opens a case for reading only (${engine})`, () => {
  it('lets its holder select the case and its key', async () => {
    const seen = await inActorTransaction(t.store, as('bruno'), async (trx) => ({
      cases: await trx.selectFrom('cases').select('id').where('id', '=', caseA).execute(),
      keys: await trx
        .selectFrom('case_keys')
        .select('case_id')
        .where('case_id', '=', caseA)
        .execute(),
    }));
    expect(seen).toEqual({ cases: [{ id: caseA }], keys: [{ case_id: caseA }] });
  });

  it('updates no row of the case for its holder; the assignee updates it', async () => {
    const update: Work<bigint> = async (trx) =>
      (
        await trx
          .updateTable('cases')
          .set({ risk_level: 'low', version: 99 })
          .where('id', '=', caseA)
          .executeTakeFirst()
      ).numUpdatedRows;
    expect(await rolledBack(as('bruno'), update)).toBe(0n);
    expect(await rolledBack(as('ana'), update)).toBe(1n);
    expect(await caseRow(caseA)).toMatchObject({ risk_level: 'high', version: 1, team_id: team.A });
  });

  it('deletes no key of the case for its holder (no crypto-shredding); the assignee could', async () => {
    const destroy: Work<bigint> = async (trx) =>
      (await trx.deleteFrom('case_keys').where('case_id', '=', caseA).executeTakeFirst())
        .numDeletedRows;
    expect(await rolledBack(as('bruno'), destroy)).toBe(0n);
    expect(await rolledBack(as('ana'), destroy)).toBe(1n);
    const keys = await system((trx) =>
      trx.selectFrom('case_keys').select('case_id').where('case_id', '=', caseA).execute(),
    );
    expect(keys).toHaveLength(1);
  });

  it.each([
    [
      'a consent',
      (actor: DbActor): Work<unknown> =>
        (trx) =>
          trx
            .insertInto('consents')
            .values({
              id: randomUUID(),
              case_id: caseA,
              version: 1,
              given_by: 'person',
              method: 'written',
              given_at: new Date(Date.now() - 60_000),
              purposes: ['service_referral'],
              scope: JSON.stringify([]),
              recorded_by: actor.id,
            })
            .execute(),
    ],
    [
      'a consent event (revocation)',
      (actor: DbActor): Work<unknown> =>
        (trx) =>
          trx
            .insertInto('consent_events')
            .values({
              consent_id: consentA,
              kind: 'revoked',
              reason: 'person_withdrew',
              actor_id: actor.id,
            })
            .execute(),
    ],
    [
      'an attachment',
      (actor: DbActor): Work<unknown> =>
        (trx) =>
          trx
            .insertInto('case_attachments')
            .values({
              id: randomUUID(),
              case_id: caseA,
              uploaded_by: actor.id,
              content_type: 'image/png',
              size_bytes: 16,
              filename_enc: randomBytes(40),
              content_enc: randomBytes(60),
            })
            .execute(),
    ],
    [
      'a referral',
      (actor: DbActor): Work<unknown> =>
        (trx) =>
          trx.insertInto('referrals').values(referralValues(randomUUID(), actor.id)).execute(),
    ],
    [
      'a referral event',
      (actor: DbActor): Work<unknown> =>
        (trx) =>
          trx
            .insertInto('referral_events')
            .values({
              referral_id: referralA,
              from_status: 'sent',
              to_status: 'withdrawn',
              actor_kind: 'user',
              actor_id: actor.id,
            })
            .execute(),
    ],
    [
      'a link between a referral and a consent',
      (): Work<unknown> => (trx) =>
        trx
          .insertInto('referral_consents')
          .values({ referral_id: referralA, consent_id: consentA })
          .execute(),
    ],
    [
      'a blind index',
      (): Work<unknown> => (trx) =>
        trx
          .insertInto('case_blind_indexes')
          .values({ case_id: caseA, team_id: team.A, field: 'phone', value: randomBytes(16) })
          .execute(),
    ],
  ])(
    'refuses its holder inserting %s (row-level security); the assignee may',
    async (_, insert) => {
      expect(await outcomeOf(as('bruno'), insert(as('bruno')))).toMatch(/row-level security/);
      expect(await outcomeOf(as('ana'), insert(as('ana')))).toBe('done');
    },
  );

  it("updates no referral of the case for its holder; the case's own caseworker withdraws it", async () => {
    const withdraw: Work<bigint> = async (trx) =>
      (
        await trx
          .updateTable('referrals')
          .set({
            status: 'withdrawn',
            package_closed_at: new Date(),
            package_closed_reason: 'withdrawn',
            updated_at: new Date(),
          })
          .where('id', '=', referralA)
          .executeTakeFirst()
      ).numUpdatedRows;
    // The holder sees the referral (the sending side reads it) but cannot move it.
    const seen = await inActorTransaction(t.store, as('bruno'), (trx) =>
      trx.selectFrom('referrals').select('id').where('id', '=', referralA).execute(),
    );
    expect(seen).toEqual([{ id: referralA }]);
    expect(await rolledBack(as('bruno'), withdraw)).toBe(0n);
    expect(await rolledBack(as('ana'), withdraw)).toBe(1n);
    const stored = await system((trx) =>
      trx
        .selectFrom('referrals')
        .select('status')
        .where('id', '=', referralA)
        .executeTakeFirstOrThrow(),
    );
    expect(stored.status).toBe('sent');
  });

  it('still lets its holder add a note (what was done in the emergency)', async () => {
    const note: Work<unknown> = (trx) =>
      trx
        .insertInto('case_notes')
        .values({
          id: randomUUID(),
          case_id: caseA,
          author_id: as('bruno').id,
          body_enc: randomBytes(48),
        })
        .execute();
    expect(await outcomeOf(as('bruno'), note)).toBe('done');
  });

  it('gives nothing to someone of another team without a grant', async () => {
    const seen = await inActorTransaction(t.store, as('sol'), (trx) =>
      trx.selectFrom('cases').select('id').where('id', '=', caseA).execute(),
    );
    expect(seen).toEqual([]);
    const update: Work<bigint> = async (trx) =>
      (
        await trx
          .updateTable('cases')
          .set({ risk_level: 'low' })
          .where('id', '=', caseA)
          .executeTakeFirst()
      ).numUpdatedRows;
    expect(await rolledBack(as('sol'), update)).toBe(0n);
  });
});

describe(`who reads break-glass grants (${engine})`, () => {
  it.each([
    [
      'sara',
      "her team's queue, including the case that moved away",
      () => [grants.onA, grants.onMoved],
    ],
    ['sol', "his team's queue only (never team A's)", () => [grants.onB]],
    ['bruno', 'his own grants', () => [grants.onA, grants.onMoved]],
    ['ana', 'her own grant', () => [grants.onB]],
    ['andres', 'nothing (a caseworker, no grant)', () => []],
  ])('%s reads %s', async (name, _why, expected) => {
    expect(await grantsSeenBy(as(name))).toEqual(expected().sort());
  });

  it('keeps a grant in the queue of the team that owned the case when it was made', async () => {
    expect(await caseRow(caseMoved)).toMatchObject({ team_id: team.B });
    const owner = await system((trx) =>
      trx
        .selectFrom('case_access_grants')
        .select('owner_team_id')
        .where('id', '=', grants.onMoved)
        .executeTakeFirstOrThrow(),
    );
    expect(owner.owner_team_id).toBe(team.A);
  });

  it("files a grant under the case's own team whatever queue the grantee names", async () => {
    const filed =
      (ownerTeamId: string): Work<{ owner_team_id: string }> =>
      (trx) =>
        trx
          .insertInto('case_access_grants')
          .values({
            case_id: caseA,
            user_id: as('sol').id,
            owner_team_id: ownerTeamId,
            expires_at: new Date(Date.now() + 50 * 60_000),
          })
          .returning('owner_team_id')
          .executeTakeFirstOrThrow();
    // Sol (team B) opening team A's case lands in team A's queue, not his own
    // (trigger case_access_grants_owner_team reads the case's team as the system).
    expect(await rolledBack(as('sol'), filed(team.B))).toEqual({ owner_team_id: team.A });
    expect(await rolledBack(as('sol'), filed(team.A))).toEqual({ owner_team_id: team.A });
  });
});

describe(`review decisions (${engine})`, () => {
  const decide =
    (actor: DbActor, teamId: string): Work<unknown> =>
    (trx) =>
      trx
        .insertInto('review_decisions')
        .values({
          kind: 'break_glass',
          subject_id: grants.onA,
          team_id: teamId,
          outcome: 'justified',
          reviewed_by: actor.id,
        })
        .execute();

  it("are written only by a supervisor of the queue's team, and read only by that team", async () => {
    expect(await outcomeOf(as('sol'), decide(as('sol'), team.A))).toMatch(/row-level security/);
    expect(await outcomeOf(as('ana'), decide(as('ana'), team.A))).toMatch(/row-level security/);
    await inActorTransaction(t.store, as('sara'), decide(as('sara'), team.A));
    const readBy = (actor: DbActor) =>
      inActorTransaction(t.store, actor, async (trx) =>
        (await trx.selectFrom('review_decisions').select('subject_id').execute()).map(
          (r) => r.subject_id,
        ),
      );
    expect(await readBy(as('sara'))).toEqual([grants.onA]);
    expect(await readBy(as('sol'))).toEqual([]);
    expect(await readBy(as('bruno'))).toEqual([]);
  });

  it("refuses a decision filed under one's own team about another team's entry", async () => {
    // grants.onB is in team B's queue: a decision on it by team A would block
    // team B's own review (one decision per entry) and hide it from team B.
    // The service refuses it (404); the trigger review_decisions_subject too.
    const foreign: Work<unknown> = (trx) =>
      trx
        .insertInto('review_decisions')
        .values({
          kind: 'break_glass',
          subject_id: grants.onB,
          team_id: team.A,
          outcome: 'justified',
          reviewed_by: as('sara').id,
        })
        .execute();
    expect(await outcomeOf(as('sara'), foreign)).toMatch(/an entry of the team's queue/);
  });

  it('refuses a decision about an override its reviewer sent, or about no override at all', async () => {
    const about =
      (subject: string): Work<unknown> =>
      (trx) =>
        trx
          .insertInto('review_decisions')
          .values({
            kind: 'consent_override',
            subject_id: subject,
            team_id: team.A,
            outcome: 'justified',
            reviewed_by: as('sara').id,
          })
          .execute();
    // referralA was sent by ana without an override: not an entry of any queue.
    expect(await outcomeOf(as('sara'), about(referralA))).toMatch(/an entry of the team's queue/);
    expect(await outcomeOf(as('sara'), about(randomUUID()))).toMatch(
      /an entry of the team's queue/,
    );
  });
});

describe(`keys of a referral (${engine})`, () => {
  it('are rewrapped by the system only: not by the partner, the grant holder or the sender', async () => {
    const rewrap: Work<bigint> = async (trx) =>
      (
        await trx
          .updateTable('referral_keys')
          .set({ wrapped_key: randomBytes(62) })
          .where('referral_id', '=', referralA)
          .executeTakeFirst()
      ).numUpdatedRows;
    for (const who of ['doctor', 'bruno', 'ana']) {
      expect([who, await rolledBack(as(who), rewrap)]).toEqual([who, 0n]);
    }
    expect(await rolledBack(SYSTEM_ACTOR, rewrap)).toBe(1n);
  });

  it("are written for a referral of one's own case, never filed under another case", async () => {
    // Bruno's referral on team B's case, without a key (as after an erasure).
    const keyless = randomUUID();
    await inActorTransaction(t.store, as('bruno'), (trx) =>
      trx
        .insertInto('referrals')
        .values({ ...referralValues(keyless, as('bruno').id), case_id: caseB })
        .execute(),
    );
    const key =
      (caseId: string): Work<unknown> =>
      (trx) =>
        trx
          .insertInto('referral_keys')
          .values({
            referral_id: keyless,
            case_id: caseId,
            kek_version: 1,
            wrapped_key: randomBytes(62),
          })
          .execute();
    // Ana owns case A, not the referral's case B: naming her own case does not help.
    expect(await outcomeOf(as('ana'), key(caseA))).toMatch(/row-level security/);
    expect(await outcomeOf(as('bruno'), key(caseA))).toMatch(/row-level security/);
    expect(await outcomeOf(as('bruno'), key(caseB))).toBe('done');
  });
});

describe(`break-glass grants themselves (${engine})`, () => {
  /** The actor opens a grant for themself on team B's case. */
  const open =
    (actor: DbActor, minutes: number): Work<unknown> =>
    (trx) =>
      trx
        .insertInto('case_access_grants')
        .values({
          case_id: caseB,
          user_id: actor.id,
          owner_team_id: team.B,
          expires_at: new Date(Date.now() + minutes * 60_000),
        })
        .execute();

  it('last at most 60 minutes, and only case roles open them', async () => {
    expect(await outcomeOf(as('sol'), open(as('sol'), 50))).toBe('done');
    expect(await outcomeOf(as('sol'), open(as('sol'), 24 * 60))).toMatch(/row-level security/);
    expect(await outcomeOf(as('doctor'), open(as('doctor'), 30))).toMatch(/row-level security/);
  });

  it('are shortened only by a supervisor of the queue’s team, and never lengthened', async () => {
    const end =
      (minutes: number): Work<bigint> =>
      async (trx) =>
        (
          await trx
            .updateTable('case_access_grants')
            .set({ expires_at: new Date(Date.now() + minutes * 60_000) })
            .where('id', '=', grants.onA)
            .executeTakeFirst()
        ).numUpdatedRows;
    expect(await rolledBack(as('sol'), end(0))).toBe(0n); // team B's supervisor: not his queue
    expect(await rolledBack(as('bruno'), end(0))).toBe(0n); // the grantee cannot touch it
    expect(await rolledBack(as('sara'), end(0))).toBe(1n);
    expect(await outcomeOf(as('sara'), end(24 * 60))).toMatch(/only ever shortened/);
  });
});
