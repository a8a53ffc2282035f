import { sql, type Transaction } from 'kysely';
import { inActorTransaction, type DbActor } from '../../server/db/actor-transaction';
import type { DB } from '../../server/db/schema';
import { countTable, tableById, type CatalogueTable } from '../../server/modules/statistics';
import { KEY_SEPARATOR } from '../../server/modules/statistics/statistics.repository';
import { openTestDatabase, type TestDatabase } from '../helpers/database';
import { rlsPerson, rlsWorld } from '../helpers/rls-fixtures';
import { insertFactCases, type FactCase } from '../helpers/statistics';

/**
 * The statistics input (migration 0023): which cases count (consent rules),
 * how they are generalised, what a person contributes, and that the role the
 * statistics code reads as can read nothing else.
 */
let t: TestDatabase;
let coordinator: DbActor;
let hospital: string;
let school: string;

const table = (id: string) => tableById(id) as CatalogueTable;
const counts = (id: string, period: { year: number; quarter?: number } = { year: 2025 }) =>
  inActorTransaction(t.store, coordinator, (trx) => countTable(trx, table(id), period));
const asObject = (m: Map<string, number>) =>
  Object.fromEntries([...m].map(([k, v]) => [k.split(KEY_SEPARATOR).join('|'), v]));

beforeAll(async () => {
  t = await openTestDatabase();
  const world = await rlsWorld(t.store, { name: 'Hospital Estadística', sector: 'health' });
  hospital = world.partner;
  const caseworker = await rlsPerson(t.store, 'ana', 'caseworker', {
    institutionId: world.lead,
    teamId: world.team.A,
  });
  coordinator = await rlsPerson(t.store, 'coral', 'coordinator', { institutionId: world.lead });
  const [schoolRow] = await inActorTransaction(
    t.store,
    { id: '00000000-0000-0000-0000-000000000000', role: 'system', institutionId: null },
    (trx) =>
      trx
        .insertInto('institutions')
        .values({ name: 'Escuela Estadística', sector: 'education' })
        .returning('id')
        .execute(),
  );
  school = (schoolRow as { id: string }).id;
  const adult: FactCase = { identifiedOn: '2025-02-10' };
  await insertFactCases(t, { teamId: world.team.A, userId: caseworker.id }, [
    // Counted: an adult's own active consent; province written loosely.
    {
      ...adult,
      province: '  pichincha ',
      nationality: 'VE',
      vulnerabilityGroups: ['woman', 'migrant'],
    },
    {
      ...adult,
      identifiedOn: '2025-05-03',
      province: 'MANABI',
      exploitationTypes: ['ForcedLabour', 'SexualExploitation'],
    },
    {
      ...adult,
      identifiedOn: '2025-08-20',
      sex: 'Male',
      exploitationTypes: ['ForcedBegging'],
      province: 'Calle 10 de Agosto N24 CANARIO',
    },
    {
      ...adult,
      identifiedOn: '2025-11-30',
      sex: 'NonBinary',
      exploitationTypes: [],
      nationality: null,
    },
    { ...adult, exploitationTypes: ['Servitude'], ageBand: 'unknown' },
    // A guardian's consent for a child, approved: counted.
    {
      ...adult,
      ageBand: '12-17',
      consent: 'guardian_approved',
      vulnerabilityGroups: ['child_adolescent'],
    },
    // Not counted: each rule of the consent, a non-victim, another year.
    { ...adult, consent: 'none' },
    { ...adult, consent: 'without_statistics' },
    { ...adult, consent: 'revoked' },
    { ...adult, consent: 'expired' },
    { ...adult, consent: 'superseded' },
    { ...adult, consent: 'guardian_pending' },
    { ...adult, ageBand: '12-17', consent: 'minor_own' },
    { ...adult, traffickingStatus: 'NotAVictim' },
    { identifiedOn: '2024-12-31' },
    // Referrals: one person with seven (five count), acknowledgement bands.
    {
      ...adult,
      identifiedOn: '2025-03-01',
      referrals: [
        { institutionId: hospital, status: 'completed', acknowledgedAfterDays: 2 },
        { institutionId: hospital, status: 'declined', acknowledgedAfterDays: 10 },
        { institutionId: hospital, status: 'in_progress', acknowledgedAfterDays: 40 },
        { institutionId: school, status: 'expired' },
        { institutionId: school, status: 'sent' },
        { institutionId: school, status: 'completed', acknowledgedAfterDays: 1 },
        { institutionId: school, status: 'completed', acknowledgedAfterDays: 1 },
      ],
    },
    // A referral of a case whose consent was revoked: not counted.
    { ...adult, consent: 'revoked', referrals: [{ institutionId: hospital, status: 'completed' }] },
  ]);
});
afterAll(() => t.close());

describe('which cases count', () => {
  it('counts victims whose consent to statistics is in effect, in the period asked', async () => {
    expect(asObject(await counts('victims_by_quarter_exploitation'))).toEqual({
      '1|sexual_exploitation': 3, // the loose province, the child, the referred person
      '1|forced_labour': 1, // servitude
      '2|mixed': 1,
      '3|other_forms': 1,
      '4|not_recorded': 1,
    });
    expect(
      asObject(await counts('victims_by_quarter_exploitation', { year: 2025, quarter: 2 })),
    ).toEqual({
      '2|mixed': 1,
    });
    expect(asObject(await counts('victims_by_quarter_exploitation', { year: 2024 }))).toEqual({
      '4|sexual_exploitation': 1,
    });
  });

  it('generalises sex, age, nationality and province', async () => {
    expect(asObject(await counts('victims_by_sex_age_group'))).toEqual({
      'female|adult': 3,
      'female|child': 1,
      'female|unknown': 1,
      'male|adult': 1,
      'other|adult': 1,
    });
    expect(asObject(await counts('victims_by_nationality_exploitation'))).toEqual({
      'foreign|sexual_exploitation': 1,
      'national|sexual_exploitation': 2,
      'national|mixed': 1,
      'national|other_forms': 1,
      'national|forced_labour': 1,
      'unknown|not_recorded': 1,
    });
    // Free text that matches no province is `other`, never the text itself.
    expect(asObject(await counts('victims_by_province'))).toEqual({
      Pichincha: 1,
      Manabí: 1,
      other: 1,
      not_recorded: 4,
    });
    expect(asObject(await counts('victims_by_vulnerability_group'))).toEqual({
      woman: 1,
      migrant: 1,
      child_adolescent: 1,
    });
  });

  it("counts a person's first five referrals only, by sector, outcome and acknowledgement", async () => {
    expect(asObject(await counts('referrals_by_sector_outcome'))).toEqual({
      'health|completed': 1,
      'health|declined': 1,
      'health|in_course': 1,
      'education|expired': 1,
      'education|in_course': 1,
    });
    expect(asObject(await counts('referrals_acknowledgement_by_sector'))).toEqual({
      'health|within_7_days': 1,
      'health|within_30_days': 1,
      'health|after_30_days': 1,
      'education|not_acknowledged': 2,
    });
  });
});

describe('the statistics role', () => {
  const asStatistics = (statement: string) =>
    inActorTransaction(t.store, coordinator, async (trx: Transaction<DB>) => {
      await sql`set local role amparo_statistics`.execute(trx);
      return sql.raw(statement).execute(trx);
    });

  it.each([
    'select full_name_enc from cases',
    'select id, province from cases',
    'select * from consents',
    'select * from referrals',
    'select * from case_notes',
    'select * from users',
    'select * from audit_events',
    'select * from statistics_provinces',
  ])('cannot run %s', async (statement) => {
    await expect(asStatistics(statement)).rejects.toThrow(/permission denied/);
  });

  it('reads the two views, whose columns are generalised attributes only', async () => {
    const { rows } = await asStatistics(`
      select table_name, column_name from information_schema.columns
      where table_name in ('statistics_case_facts', 'statistics_referral_facts')
      order by table_name, ordinal_position`);
    expect(
      rows.map(
        (r) =>
          `${String((r as { table_name: string }).table_name)}.${String((r as { column_name: string }).column_name)}`,
      ),
    ).toEqual([
      'statistics_case_facts.identified_year',
      'statistics_case_facts.identified_quarter',
      'statistics_case_facts.sex',
      'statistics_case_facts.age_group',
      'statistics_case_facts.nationality_group',
      'statistics_case_facts.province',
      'statistics_case_facts.exploitation_group',
      'statistics_case_facts.vulnerability_groups',
      'statistics_referral_facts.identified_year',
      'statistics_referral_facts.identified_quarter',
      'statistics_referral_facts.sector',
      'statistics_referral_facts.outcome',
      'statistics_referral_facts.acknowledgement',
      'statistics_referral_facts.person_rank',
    ]);
    const { rows: facts } = await asStatistics('select * from statistics_case_facts');
    expect(JSON.stringify(facts)).not.toMatch(/CANARIO|10 de Agosto/);
  });

  it('is not open to the application role itself, nor to other actors through the views', async () => {
    await expect(
      inActorTransaction(t.store, coordinator, (trx) =>
        sql`select count(*) from statistics_case_facts`.execute(trx),
      ),
    ).rejects.toThrow(/permission denied/);
  });

  it('is left when the counting is done: the rest of the transaction is the application again', async () => {
    const role = await inActorTransaction(t.store, coordinator, async (trx) => {
      await countTable(trx, table('victims_by_province'), { year: 2025 });
      return (await sql<{ r: string }>`select current_user as r`.execute(trx)).rows[0]?.r;
    });
    expect(role).toBe('amparo_app');
  });
});
