import {
  inActorTransaction,
  SYSTEM_ACTOR,
  type ActorRole,
  type DbActor,
} from '../../server/db/actor-transaction';
import { openTestDatabase, type TestDatabase } from '../helpers/database';
import { engine } from '../helpers/engine';
import { rlsCase, rlsPerson, rlsWorld, type RlsWorld } from '../helpers/rls-fixtures';

/**
 * Row-level security on cases, on its own: direct SQL as the application role
 * with a given actor context, no service or policy code in between.
 */
let t: TestDatabase;
let lead: string;
let partnerInstitution: string;
let team: RlsWorld['team'];
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
  people[name] = await rlsPerson(t.store, name, role, {
    institutionId: options.institutionId ?? lead,
    teamId: options.team ? team[options.team] : undefined,
    teamAccess: options.teamAccess,
  });
}

const newCase = (teamId: string, assignee: string, creator: string) =>
  rlsCase(t.store, { teamId, assignee, creator });

const visibleCases = (actor: DbActor) =>
  inActorTransaction(t.store, actor, async (trx) => ({
    cases: (await trx.selectFrom('cases').select('id').execute()).map((r) => r.id).sort(),
    keys: (await trx.selectFrom('case_keys').select('case_id').execute())
      .map((r) => r.case_id)
      .sort(),
  }));

beforeAll(async () => {
  t = await openTestDatabase();
  const world = await rlsWorld(t.store, { name: 'Fiscalía', sector: 'justice' });
  ({ lead, team } = world);
  partnerInstitution = world.partner;
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
