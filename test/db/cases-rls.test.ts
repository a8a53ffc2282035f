import { randomBytes, randomInt } from 'node:crypto';
import {
  inActorTransaction,
  SYSTEM_ACTOR,
  type ActorRole,
  type DbActor,
} from '../../server/db/actor-transaction';
import { openTestDatabase, type TestDatabase } from '../helpers/database';
import { engine } from '../helpers/engine';

/**
 * Row-level security on cases, on its own: direct SQL as the application role
 * with a given actor context, no service or policy code in between.
 */
let t: TestDatabase;
let lead: string;
let partnerInstitution: string;
const team: Record<'A' | 'B', string> = { A: '', B: '' };
const people: Record<string, DbActor> = {};
let caseA: string;
let caseB: string;

const system = <T>(work: Parameters<typeof inActorTransaction<T>>[2]) =>
  inActorTransaction(t.store, SYSTEM_ACTOR, work);

async function person(
  name: string,
  role: ActorRole,
  options: { team?: 'A' | 'B'; teamAccess?: boolean; institutionId?: string } = {},
) {
  const institutionId = options.institutionId ?? lead;
  const row = await system((trx) =>
    trx
      .insertInto('users')
      .values({
        institution_id: institutionId,
        email: `${name}.${randomBytes(3).toString('hex')}@example.org`,
        display_name: name,
        role,
        password_hash: 'not-used',
        team_id: options.team ? team[options.team] : null,
        team_access: options.teamAccess ?? false,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  people[name] = { id: row.id, role, institutionId };
}

async function newCase(teamId: string, assignee: string, creator: string): Promise<string> {
  return system(async (trx) => {
    const row = await trx
      .insertInto('cases')
      .values({
        case_number: `TRT-2026-${String(randomInt(1e6)).padStart(6, '0')}`,
        risk_level: 'high',
        team_id: teamId,
        assigned_to: assignee,
        identified_on: '2026-11-01',
        sex: 'Female',
        age_band: '18-24',
        trafficking_status: 'Possible',
        created_by: creator,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('case_keys')
      .values({ case_id: row.id, kek_version: 1, wrapped_key: randomBytes(62) })
      .execute();
    return row.id;
  });
}

const visibleCases = (actor: DbActor) =>
  inActorTransaction(t.store, actor, async (trx) => ({
    cases: (await trx.selectFrom('cases').select('id').execute()).map((r) => r.id).sort(),
    keys: (await trx.selectFrom('case_keys').select('case_id').execute())
      .map((r) => r.case_id)
      .sort(),
  }));

beforeAll(async () => {
  t = await openTestDatabase();
  await system(async (trx) => {
    lead = (
      await trx
        .insertInto('institutions')
        .values({ name: 'Agencia', sector: 'social_protection', is_lead_agency: true })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    partnerInstitution = (
      await trx
        .insertInto('institutions')
        .values({ name: 'Fiscalía', sector: 'justice' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    for (const name of ['A', 'B'] as const) {
      team[name] = (
        await trx
          .insertInto('teams')
          .values({ name: `Equipo ${name}` })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    }
  });
  await person('ana', 'caseworker', { team: 'A' });
  await person('alba', 'caseworker', { team: 'A', teamAccess: true });
  await person('andres', 'caseworker', { team: 'A' });
  await person('sara', 'supervisor', { team: 'A' });
  await person('bruno', 'caseworker', { team: 'B' });
  await person('admin', 'admin');
  await person('auditor', 'auditor');
  await person('coordinator', 'coordinator');
  await person('partner', 'partner', { institutionId: partnerInstitution });
  caseA = await newCase(team.A, people.ana!.id, people.ana!.id);
  caseB = await newCase(team.B, people.bruno!.id, people.bruno!.id);
});
afterAll(() => t.close());

describe(`row-level security on cases (${engine})`, () => {
  it.each([
    ['ana', 'assigned to her', () => [caseA]],
    ['andres', 'same team, no team access, not assigned', () => []],
    ['alba', 'team access', () => [caseA]],
    ['sara', "her team's (supervisor)", () => [caseA]],
    ['bruno', 'his own, not team A', () => [caseB]],
    ['admin', 'never case records', () => []],
    ['auditor', 'never case records', () => []],
    ['coordinator', 'never case records', () => []],
    ['partner', 'never case records', () => []],
  ])('%s sees %s', async (name, _why, expected) => {
    const visible = await visibleCases(people[name]!);
    expect(visible.cases).toEqual(expected().sort());
    expect(visible.keys).toEqual(expected().sort());
  });

  it("a direct select of another team's case by id returns nothing", async () => {
    const rows = await inActorTransaction(t.store, people.ana!, (trx) =>
      trx.selectFrom('cases').selectAll().where('id', '=', caseB).execute(),
    );
    expect(rows).toEqual([]);
  });

  it('a break-glass grant opens a case until it expires', async () => {
    const grant = (minutes: number) =>
      system((trx) =>
        trx
          .insertInto('case_access_grants')
          .values({
            case_id: caseA,
            user_id: people.bruno!.id,
            owner_team_id: team.A,
            expires_at: new Date(Date.now() + minutes * 60_000),
          })
          .execute(),
      );
    await grant(-1);
    expect((await visibleCases(people.bruno!)).cases).toEqual([caseB]);
    await grant(60);
    expect((await visibleCases(people.bruno!)).cases).toEqual([caseA, caseB].sort());
  });

  it('refuses creating a case in another team, or as a role that holds no cases', async () => {
    const insert = (actor: DbActor, teamId: string) =>
      inActorTransaction(t.store, actor, (trx) =>
        trx
          .insertInto('cases')
          .values({
            case_number: 'TRT-2026-999999',
            risk_level: 'low',
            team_id: teamId,
            assigned_to: actor.id,
            identified_on: '2026-11-02',
            sex: 'Male',
            age_band: '25-34',
            trafficking_status: 'Possible',
            created_by: actor.id,
          })
          .execute(),
      );
    await expect(insert(people.ana!, team.B)).rejects.toThrow(/row-level security/);
    await expect(insert(people.admin!, team.A)).rejects.toThrow(/row-level security/);
  });

  it('cannot delete a case at all (erasure is crypto-shredding)', async () => {
    await expect(
      inActorTransaction(t.store, people.ana!, (trx) =>
        trx.deleteFrom('cases').where('id', '=', caseA).execute(),
      ),
    ).rejects.toThrow(/permission denied/);
  });
});
