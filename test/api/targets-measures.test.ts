import { randomInt, randomUUID } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import {
  inActorTransaction,
  type DbActor,
  type StaffActor,
} from '../../server/db/actor-transaction';
import { INSTITUTION_SECTORS } from '../../server/modules/institutions';
import { ecuadorDate } from '../../server/http/ecuador-calendar';
import { quarterOf } from '../../server/modules/targets/periods';
import { readProgress, readTarget } from '../../server/modules/targets/target-read';
import { startTestApp, type TestApp } from '../helpers/app';
import { campaignBody, CAMPAIGNS } from '../helpers/campaigns';
import { asSuperuser } from '../helpers/superuser';
import { allOf, seedProgramme } from '../helpers/training-certificates';
import { createPlan, createTarget, TARGETS, type TargetRead } from '../helpers/targets';
import { createTeam, partnerInstitutionId, seedUser, signedIn } from '../helpers/users';

/**
 * Executed values computed from Amparo's own records, checked against
 * records seeded for the purpose: campaign activities and reach, trainings
 * (completions, certificates, hours), and case work (cases attended,
 * referrals completed) — the last only as counts, through the narrow
 * functions of migration 0027.
 */
type Signed = Awaited<ReturnType<typeof signedIn>>;

let t: TestApp;
let coordinator: Signed;
let projectId: string;

beforeAll(async () => {
  t = await startTestApp();
  coordinator = await signedIn(t, 'coordinator');
  ({ projectId } = await createPlan(coordinator.client));
}, 120_000);
afterAll(() => t.close());

/** The target's executed value for its year and by quarter (computed live). */
async function measured(year: number, measure: object, programmed = '100') {
  const target = await createTarget(coordinator.client, projectId, { year, programmed, measure });
  return target.progress;
}
const byQuarter = (progress: TargetRead['progress']) => progress.quarters.map((q) => q.executed);

describe('campaign measures', () => {
  let first: string;
  let second: string;

  beforeAll(async () => {
    const create = async (over: Record<string, unknown>) => {
      const res = await coordinator.client.post(CAMPAIGNS, campaignBody(over));
      expect(res.status).toBe(201);
      return (res.body as { id: string }).id;
    };
    first = await create({});
    second = await create({ name: 'Segunda campaña', channels: ['radio', 'schools'] });
    const activity = async (campaign: string, body: Record<string, unknown>) => {
      const res = await coordinator.client.post(`${CAMPAIGNS}/${campaign}/activities`, body);
      expect(res.status).toBe(201);
    };
    // The last day of Q1 and the first of Q2: quarters meet at midnight, in Ecuador.
    await activity(first, {
      date: '2024-03-31',
      territory: 'Pichincha',
      channel: 'radio',
      reach: [
        { group: 'migrant', count: 120 },
        { group: 'general_public', count: 800 },
      ],
    });
    await activity(first, {
      date: '2024-04-01',
      territory: 'Guayas',
      channel: 'transport_terminals',
      reach: [{ group: 'woman', count: 50 }],
    });
    await activity(first, {
      date: '2024-06-30',
      territory: 'Pichincha',
      channel: 'transport_terminals',
      reach: [{ group: 'migrant', count: 30 }],
    });
    await activity(second, {
      date: '2024-05-01',
      territory: 'Guayas',
      channel: 'radio',
      reach: [{ group: 'general_public', count: 1000 }],
    });
  });

  it('count the activities held in the period, by quarter, with filters', async () => {
    const all = await measured(2024, { kind: 'campaign_activities_held' }, '3');
    expect(all.executed).toBe('4.00');
    expect(all.progressPercent).toBe('133.33');
    expect(byQuarter(all)).toEqual(['1.00', '3.00', '0.00', '0.00']);
    const radio = await measured(2024, {
      kind: 'campaign_activities_held',
      filters: { channels: ['radio'] },
    });
    expect(radio.executed).toBe('2.00');
    const guayas = await measured(2024, {
      kind: 'campaign_activities_held',
      filters: { provinces: ['Guayas'] },
    });
    expect(guayas.executed).toBe('2.00');
    const one = await measured(2024, {
      kind: 'campaign_activities_held',
      filters: { campaignIds: [first], channels: ['transport_terminals'] },
    });
    expect(one.executed).toBe('2.00');
    expect((await measured(2023, { kind: 'campaign_activities_held' })).executed).toBe('0.00');
  });

  it('sum the people reached, by group, territory, channel and campaign', async () => {
    const all = await measured(2024, { kind: 'people_reached' }, '2500');
    expect(all.executed).toBe('2000.00');
    expect(all.progressPercent).toBe('80.00');
    expect(byQuarter(all)).toEqual(['920.00', '1080.00', '0.00', '0.00']);
    const cases: [object, string][] = [
      [{ groups: ['migrant'] }, '150.00'],
      [{ provinces: ['Pichincha'], groups: ['general_public'] }, '800.00'],
      [{ channels: ['radio'] }, '1920.00'],
      [{ campaignIds: [second] }, '1000.00'],
      [{ campaignIds: [first, second], groups: ['woman', 'migrant'] }, '200.00'],
    ];
    for (const [filters, expected] of cases) {
      const progress = await measured(2024, { kind: 'people_reached', filters });
      expect([filters, progress.executed]).toEqual([filters, expected]);
    }
  });
});

describe('training measures', () => {
  const today = ecuadorDate(new Date());
  const thisYear = Number(today.slice(0, 4));
  const thisQuarter = quarterOf(today);
  let p1: { id: string; participantIds: string[] };
  let p2: { id: string; participantIds: string[] };
  let p3: { id: string; participantIds: string[] };

  beforeAll(async () => {
    const me = coordinator.user.id;
    // Sessions on 3–6 March 2026 (4 + 4 + 4 + 0.5 hours); 80 % of 12.5 hours completes.
    p1 = await seedProgramme(t, me, {
      endsOn: '2026-04-28',
      participants: [
        { fullName: 'Ana Quishpe', attended: allOf(4) },
        { fullName: 'Bruno Castillo', attended: [0, 1] },
        { fullName: 'Carla Benítez', attended: [0, 1, 2] },
      ],
    });
    p2 = await seedProgramme(t, me, {
      name: 'Segundo programa',
      endsOn: '2026-09-30',
      participants: [{ fullName: 'Diego Andrade', attended: allOf(4) }],
    });
    p3 = await seedProgramme(t, me, {
      name: 'Tercer programa',
      sessionHours: ['1.25', '2.00'],
      endsOn: '2026-03-31',
      participants: [{ fullName: 'Elena Vera', attended: [0] }],
    });
    const actor: DbActor = { id: me, role: 'coordinator', institutionId: null };
    const [ana, , carla] = p1.participantIds;
    const [diego] = p2.participantIds;
    await inActorTransaction(t.database.store, actor, async (trx) => {
      // Ana takes the second programme too: one person, trained twice in the year.
      await sql`insert into training_enrolments (programme_id, participant_id, enrolled_by)
        values (${p2.id}, ${ana}, ${me})`.execute(trx);
      await sql`insert into training_attendance
          (session_id, participant_id, programme_id, present, recorded_by)
        select s.id, ${ana}, ${p2.id}, true, ${me} from training_sessions s
        where s.programme_id = ${p2.id}`.execute(trx);
      await sql`update training_participants set sector = 'justice' where id = ${carla}`.execute(
        trx,
      );
      await sql`update training_participants set province = 'Azuay' where id = ${diego}`.execute(
        trx,
      );
      await sql`update training_programmes set province = 'Loja', target_sectors = '{education}'
        where id = ${p3.id}`.execute(trx);
    });
  });

  it('count distinct people who completed a programme ending in the period', async () => {
    const all = await measured(2026, { kind: 'people_trained' }, '4');
    // Ana and Carla (P1, ends in Q2), Diego and Ana again (P2, ends in Q3); Bruno did not
    // complete, Elena attended 1.25 of 3.25 hours.
    expect(all.executed).toBe('3.00');
    expect(all.progressPercent).toBe('75.00');
    // A year of distinct people is not the sum of its quarters.
    expect(byQuarter(all)).toEqual(['0.00', '2.00', '2.00', '0.00']);
    const cases: [object, string][] = [
      [{ sectors: ['justice'] }, '1.00'],
      [{ sectors: ['health'] }, '2.00'],
      [{ provinces: ['Azuay'] }, '1.00'],
      [{ programmeIds: [p2.id] }, '2.00'],
      [{ programmeIds: [p3.id] }, '0.00'],
    ];
    for (const [filters, expected] of cases) {
      const progress = await measured(2026, { kind: 'people_trained', filters });
      expect([filters, progress.executed]).toEqual([filters, expected]);
    }
    expect((await measured(2025, { kind: 'people_trained' })).executed).toBe('0.00');
  });

  it('sum the hours of the sessions held (someone present), by programme, sector, province', async () => {
    const all = await measured(2026, { kind: 'training_hours_delivered' }, '30');
    // P1 12.5 + P2 12.5 + P3's first session 1.25 (nobody came to its second).
    expect(all.executed).toBe('26.25');
    expect(all.progressPercent).toBe('87.50');
    expect(byQuarter(all)).toEqual(['26.25', '0.00', '0.00', '0.00']);
    const cases: [object, string][] = [
      [{ provinces: ['Loja'] }, '1.25'],
      [{ sectors: ['education'] }, '1.25'],
      [{ sectors: ['health', 'security'] }, '25.00'],
      [{ programmeIds: [p1.id, p3.id] }, '13.75'],
    ];
    for (const [filters, expected] of cases) {
      const progress = await measured(2026, { kind: 'training_hours_delivered', filters });
      expect([filters, progress.executed]).toEqual([filters, expected]);
    }
  });

  it('count distinct people with a certificate issued in the period and not revoked', async () => {
    const [ana, , carla] = p1.participantIds;
    const issue = async (programme: string, participantIds: string[]) => {
      const res = await coordinator.client.post(
        `/api/v1/trainings/programmes/${programme}/certificates`,
        { participantIds },
      );
      expect(res.status).toBe(201);
      return (res.body as { items: { id: string; participantId: string }[] }).items;
    };
    const issued = await issue(p1.id, [ana!, carla!]);
    await issue(p2.id, p2.participantIds.concat(ana!));
    const carlas = issued.find((c) => c.participantId === carla)!;
    const revoked = await coordinator.client.post(
      `/api/v1/trainings/certificates/${carlas.id}/revoke`,
      { reason: 'Emitido por error' },
    );
    expect(revoked.status).toBe(200);
    const all = await measured(thisYear, { kind: 'people_certified' }, '3');
    // Ana (twice) and Diego; Carla's was revoked.
    expect(all.executed).toBe('2.00');
    expect(all.progressPercent).toBe('66.67');
    expect(all.quarters.find((q) => q.quarter === thisQuarter)?.executed).toBe('2.00');
    const own = await measured(thisYear, {
      kind: 'people_certified',
      filters: { programmeIds: [p1.id] },
    });
    expect(own.executed).toBe('1.00');
    const justice = await measured(thisYear, {
      kind: 'people_certified',
      filters: { sectors: ['justice'] },
    });
    expect(justice.executed).toBe('0.00');
  });
});

describe('case-work measures', () => {
  let caseworker: { id: string };
  let teamId: string;
  let coordinatorActor: DbActor;

  beforeAll(async () => {
    teamId = await createTeam(t, 'Equipo de metas');
    caseworker = await seedUser(t, 'caseworker', { teamId });
    coordinatorActor = {
      id: coordinator.user.id,
      role: 'coordinator',
      institutionId: coordinator.user.institutionId,
    };
    const health = await partnerInstitutionId(t, 'Hospital de metas', 'health');
    const school = await partnerInstitutionId(t, 'Escuela de metas', 'education');
    const statements: string[] = [];
    const caseRow = (identifiedOn: string, erased = false) => {
      const id = randomUUID();
      const number = `TRT-2025-${String(randomInt(1e6)).padStart(6, '0')}`;
      statements.push(`insert into cases (id, case_number, risk_level, team_id, identified_on, sex,
        age_band, trafficking_status, created_by, erased_at) values ('${id}', '${number}',
        'medium', '${teamId}', '${identifiedOn}', 'Female', '25-34', 'Actual',
        '${caseworker.id}', ${erased ? 'now()' : 'null'})`);
      return id;
    };
    const referral = (
      caseId: string,
      institution: string,
      sentAt: string,
      status: string,
      events: [string, string][],
    ) => {
      const id = randomUUID();
      statements.push(`insert into referrals (id, case_id, institution_id, services, urgency,
        categories, acknowledge_by, status, created_by, created_at, sender_team_id) values
        ('${id}', '${caseId}', '${institution}', array['medical_care'], 'routine',
        array['minimal'], '${sentAt}'::timestamptz + interval '3 days', '${status}',
        '${caseworker.id}', '${sentAt}', '${teamId}')`);
      for (const [to, at] of events) {
        statements.push(`insert into referral_events (referral_id, to_status, actor_kind,
          created_at) values ('${id}', '${to}', 'system', '${at}')`);
      }
    };
    const note = (caseId: string, at: string) =>
      statements.push(`insert into case_notes (id, case_id, author_id, body_enc, created_at)
        values ('${randomUUID()}', '${caseId}', '${caseworker.id}', '\\x00', '${at}')`);

    const a = caseRow('2025-02-10');
    referral(a, health, '2025-02-11T15:00:00Z', 'in_progress', [
      ['acknowledged', '2025-02-12T15:00:00Z'],
    ]);
    const b = caseRow('2024-06-01');
    note(b, '2025-05-05T15:00:00Z');
    const c = caseRow('2024-01-01');
    referral(c, health, '2024-12-20T15:00:00Z', 'completed', [
      ['acknowledged', '2025-01-03T15:00:00Z'],
      ['completed', '2025-08-01T15:00:00Z'],
    ]);
    const d = caseRow('2023-07-07');
    referral(d, school, '2025-10-10T15:00:00Z', 'completed', [
      ['completed', '2025-11-11T15:00:00Z'],
    ]);
    const erased = caseRow('2025-03-03', true);
    referral(erased, health, '2025-03-03T15:00:00Z', 'completed', [
      ['completed', '2025-03-04T15:00:00Z'],
    ]);
    const f = caseRow('2024-05-05');
    // 03:00 UTC on 1 January is still 31 December in Ecuador.
    note(f, '2026-01-01T03:00:00Z');
    caseRow('2024-05-05');
    await asSuperuser(t.database, statements.join(';\n'));
  });

  it('count cases attended: identified, or with a note, a referral sent or moved, in the period', async () => {
    const all = await measured(2025, { kind: 'cases_attended' }, '10');
    expect(all.executed).toBe('5.00');
    expect(all.progressPercent).toBe('50.00');
    // Case C is attended in Q1 and Q3, but once in the year.
    expect(byQuarter(all)).toEqual(['2.00', '1.00', '1.00', '2.00']);
    expect((await measured(2026, { kind: 'cases_attended' })).executed).toBe('0.00');
  });

  it('count referrals completed in the period, by the receiving institution’s sector', async () => {
    const all = await measured(2025, { kind: 'referrals_completed' }, '4');
    expect(all.executed).toBe('2.00');
    expect(byQuarter(all)).toEqual(['0.00', '0.00', '1.00', '1.00']);
    const health = await measured(2025, {
      kind: 'referrals_completed',
      filters: { sectors: ['health'] },
    });
    expect(health.executed).toBe('1.00');
    const justice = await measured(2025, {
      kind: 'referrals_completed',
      filters: { sectors: ['justice', 'education'] },
    });
    expect(justice.executed).toBe('1.00');
  });

  it('give the coordinator counts only: never a case or a referral', async () => {
    const seen = await inActorTransaction(t.database.store, coordinatorActor, async (trx) => {
      const count = async (table: string) =>
        (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(trx))
          .rows[0]!.n;
      const n = await sql<{
        n: string;
      }>`select target_cases_attended(2025, 1, 4)::text as n`.execute(trx);
      const role = await sql<{
        role: string;
      }>`select current_setting('app.actor_role') as role`.execute(trx);
      return {
        cases: await count('cases'),
        referrals: await count('referrals'),
        events: await count('referral_events'),
        notes: await count('case_notes'),
        attended: n.rows[0]!.n,
        // The function restores the caller's context.
        role: role.rows[0]!.role,
      };
    });
    expect(seen).toEqual({
      cases: 0,
      referrals: 0,
      events: 0,
      notes: 0,
      attended: '5',
      role: 'coordinator',
    });
  });

  it('refuse the counts to anyone but a coordinator (or the system)', async () => {
    for (const role of ['caseworker', 'supervisor', 'auditor', 'partner', 'admin'] as const) {
      const actor: DbActor = { id: caseworker.id, role, institutionId: null };
      for (const call of [
        sql`select target_cases_attended(2025, 1, 4)`,
        sql`select target_referrals_completed(2025, 1, 4, '{}')`,
      ]) {
        await expect(
          inActorTransaction(t.database.store, actor, (trx) => call.execute(trx)),
        ).rejects.toThrow(/target counts are for coordinators/);
      }
    }
  });

  it('are read in the management figures, computed live', async () => {
    const target = await createTarget(coordinator.client, projectId, {
      year: 2025,
      programmed: '3',
      measure: { kind: 'referrals_completed' },
    });
    const res = await coordinator.client.get(`${TARGETS}/progress?year=2025&quarter=3`);
    const figures = res.body as {
      programs: { projects: { targets: (TargetRead['progress'] & { id: string })[] }[] }[];
    };
    const found = figures.programs
      .flatMap((p) => p.projects)
      .flatMap((p) => p.targets)
      .find((x) => x.id === target.id)!;
    expect(found).toMatchObject({ executed: '1.00', progressPercent: '33.33' });
    expect(found.quarters.map((q) => q.executed)).toEqual(['0.00', '0.00', '1.00']);
  });
});

describe('case-work measures count only quarters that have ended in Ecuador', () => {
  let coordinatorActor: StaffActor;
  let caseworkerId: string;
  let teamId: string;
  let migration: string;

  /** A case identified long before, with a referral to `migration` completed at `completedAt`. */
  const completedReferral = async (completedAt: string) => {
    const caseId = randomUUID();
    const referralId = randomUUID();
    const number = `TRT-2023-${String(randomInt(1e6)).padStart(6, '0')}`;
    await asSuperuser(
      t.database,
      `insert into cases (id, case_number, risk_level, team_id, identified_on, sex, age_band,
         trafficking_status, created_by) values ('${caseId}', '${number}', 'medium', '${teamId}',
         '2019-01-01', 'Female', '25-34', 'Actual', '${caseworkerId}');
       insert into referrals (id, case_id, institution_id, services, urgency, categories,
         acknowledge_by, status, created_by, created_at, sender_team_id) values ('${referralId}',
         '${caseId}', '${migration}', array['medical_care'], 'routine', array['minimal'],
         '2019-01-04', 'completed', '${caseworkerId}', '2019-01-01', '${teamId}');
       insert into referral_events (referral_id, to_status, actor_kind, created_at)
         values ('${referralId}', 'completed', 'system', '${completedAt}')`,
    );
  };
  /** The deps of the targets' use cases with the clock at `instant`. */
  const at = (instant: string) => ({
    store: t.database.store,
    clock: () => new Date(instant),
  });

  beforeAll(async () => {
    teamId = await createTeam(t, 'Equipo de trimestres');
    caseworkerId = (await seedUser(t, 'caseworker', { teamId })).id;
    migration = await partnerInstitutionId(t, 'Migración de metas', 'migration');
    coordinatorActor = {
      id: coordinator.user.id,
      role: 'coordinator',
      institutionId: coordinator.user.institutionId,
    };
    await completedReferral('2023-05-10T15:00:00Z');
  });

  it('leave a running quarter pending: a referral completed in it moves nothing until it ends', async () => {
    const target = await createTarget(coordinator.client, projectId, {
      year: 2023,
      programmed: '4',
      programmedByQuarter: ['1', '1', '1', '1'],
      measure: { kind: 'referrals_completed', filters: { sectors: ['migration'] } },
    });
    // 15 August 2023 in Ecuador: Q1 and Q2 have ended, Q3 runs, Q4 has not begun.
    const running = at('2023-08-15T17:00:00Z');
    const before = await readTarget(running, coordinatorActor, target.id);
    expect(before.progress).toEqual({
      executed: '1.00',
      progressPercent: '25.00',
      executedThrough: 2,
      filtersMissing: false,
      quarters: [
        { quarter: 1, programmed: '1.00', executed: '0.00', progressPercent: '0.00' },
        { quarter: 2, programmed: '1.00', executed: '1.00', progressPercent: '100.00' },
        { quarter: 3, programmed: '1.00', executed: null, progressPercent: null },
        { quarter: 4, programmed: '1.00', executed: null, progressPercent: null },
      ],
    });
    // One referral of the only 'migration' institution is completed in the running quarter.
    await completedReferral('2023-08-14T20:00:00Z');
    const after = await readTarget(running, coordinatorActor, target.id);
    expect(after.progress).toEqual(before.progress);
    const figures = await readProgress(running, coordinatorActor, { year: 2023, quarter: 3 });
    const inFigures = figures.programs
      .flatMap((p) => p.projects)
      .flatMap((p) => p.targets)
      .find((x) => x.id === target.id)!;
    expect(inFigures).toMatchObject({ executed: '1.00', executedThrough: 2 });
    expect(inFigures.quarters.map((q) => q.executed)).toEqual(['0.00', '1.00', null]);
    // 23:30 on 30 September in Ecuador is already October in UTC: Q3 still runs.
    const lastMinute = await readTarget(at('2023-10-01T04:30:00Z'), coordinatorActor, target.id);
    expect(lastMinute.progress).toEqual(before.progress);
    // Once Q3 has ended in Ecuador it counts, and only then.
    const ended = await readTarget(at('2023-10-01T05:30:00Z'), coordinatorActor, target.id);
    expect(ended.progress).toMatchObject({
      executed: '2.00',
      progressPercent: '50.00',
      executedThrough: 3,
    });
    expect(ended.progress.quarters.map((q) => q.executed)).toEqual(['0.00', '1.00', '1.00', null]);
    // The year over: the whole year, no longer partial.
    const over = await readTarget(at('2024-01-01T05:30:00Z'), coordinatorActor, target.id);
    expect(over.progress).toMatchObject({ executed: '2.00', executedThrough: null });
    // Before Q1 has ended, nothing is counted: pending, not 0.
    const early = await readTarget(at('2023-02-01T17:00:00Z'), coordinatorActor, target.id);
    expect(early.progress).toMatchObject({
      executed: null,
      progressPercent: null,
      executedThrough: null,
    });
    expect(early.progress.quarters.map((q) => q.executed)).toEqual([null, null, null, null]);
  });

  it('keep training and campaign measures live in a running quarter', async () => {
    const target = await createTarget(coordinator.client, projectId, {
      year: 2024,
      measure: { kind: 'campaign_activities_held' },
    });
    // 5 May 2024: the activities of 1 April and 1 May (Q2, running) count already.
    const read = await readTarget(at('2024-05-05T17:00:00Z'), coordinatorActor, target.id);
    expect(read.progress).toMatchObject({ executed: '4.00', executedThrough: null });
    expect(read.progress.quarters.map((q) => q.executed)).toEqual(['1.00', '3.00', '0.00', '0.00']);
  });

  it('are pending in the database itself until the quarter has ended', async () => {
    const today = ecuadorDate(new Date());
    const year = Number(today.slice(0, 4));
    const quarter = quarterOf(today);
    const counts = await inActorTransaction(t.database.store, coordinatorActor, async (trx) => {
      const one = async (call: RawBuilder<{ n: string | null }>) =>
        (await call.execute(trx)).rows[0]!.n;
      return [
        await one(sql`select target_referrals_completed(${year}, ${quarter}, ${quarter},
          '{}')::text as n`),
        await one(sql`select target_cases_attended(${year}, 1, ${quarter})::text as n`),
        await one(sql`select target_cases_attended(${year + 1}, 1, 1)::text as n`),
        await one(sql`select target_referrals_completed(2023, 2, 2, '{migration}')::text as n`),
      ];
    });
    expect(counts).toEqual([null, null, null, '1']);
  });
});

describe('the counting functions defend themselves', () => {
  let coordinatorActor: StaffActor;

  beforeAll(() => {
    coordinatorActor = {
      id: coordinator.user.id,
      role: 'coordinator',
      institutionId: coordinator.user.institutionId,
    };
  });

  const refused = (call: RawBuilder<unknown>) =>
    expect(
      inActorTransaction(t.database.store, coordinatorActor, (trx) => call.execute(trx)),
    ).rejects.toThrow(/whole quarters of one year|sectors must be sectors of institutions/);

  it('refuse a range that is not whole quarters of one year (2000 to 2100)', async () => {
    for (const call of [
      sql`select target_cases_attended(1999, 1, 4)`,
      sql`select target_cases_attended(2101, 1, 1)`,
      sql`select target_cases_attended(2025, 0, 4)`,
      sql`select target_cases_attended(2025, 1, 5)`,
      sql`select target_cases_attended(2025, 3, 2)`,
      sql`select target_cases_attended(null, 1, 4)`,
      sql`select target_referrals_completed(2025, 1, null, '{}')`,
      sql`select target_referrals_completed(2025, 4, 1, '{}')`,
    ]) {
      await refused(call);
    }
  });

  it('refuse sectors that are not sectors of institutions', async () => {
    for (const call of [
      sql`select target_referrals_completed(2025, 1, 4, '{nobody}')`,
      sql`select target_referrals_completed(2025, 1, 4, '{health,NULL}')`,
      sql`select target_referrals_completed(2025, 1, 4, null)`,
    ]) {
      await refused(call);
    }
    const vocabulary = await inActorTransaction(t.database.store, coordinatorActor, (trx) =>
      sql<{ sectors: string[] }>`select target_institution_sectors() as sectors`.execute(trx),
    );
    expect([...vocabulary.rows[0]!.sectors].sort()).toEqual([...INSTITUTION_SECTORS].sort());
  });

  it('pin their search path: they read the schema of the migrations whatever the caller’s', async () => {
    const counts = await inActorTransaction(t.database.store, coordinatorActor, async (trx) => {
      const attended = async () =>
        (
          await sql<{
            n: string;
          }>`select amparo.target_cases_attended(2025, 1, 4)::text as n`.execute(trx)
        ).rows[0]!.n;
      const usual = await attended();
      // A caller whose search path does not name Amparo's schema (nor shadows it).
      await sql`set local search_path = pg_catalog`.execute(trx);
      const elsewhere = await attended();
      await sql`set local search_path = amparo`.execute(trx);
      return [usual, elsewhere];
    });
    expect(counts).toEqual(['5', '5']);
    const pinned = await inActorTransaction(t.database.store, coordinatorActor, (trx) =>
      sql<{ name: string; config: string[] | null }>`select proname as name, proconfig as config
        from pg_proc where proname in ('target_referrals_completed', 'target_cases_attended',
          'target_case_days', 'target_counts_allowed') order by proname`.execute(trx),
    );
    expect(pinned.rows).toEqual(
      [
        'target_case_days',
        'target_cases_attended',
        'target_counts_allowed',
        'target_referrals_completed',
      ].map((name) => ({ name, config: ['search_path=amparo, pg_temp'] })),
    );
  });
});

describe('sums that exceed a 32-bit integer', () => {
  it('add the people reached exactly beyond 2 147 483 647', async () => {
    const res = await coordinator.client.post(CAMPAIGNS, campaignBody({ name: 'Campaña masiva' }));
    expect(res.status).toBe(201);
    const campaign = (res.body as { id: string }).id;
    // 2 200 activities of a million people each (the most one row holds).
    await asSuperuser(
      t.database,
      `insert into campaign_activities (campaign_id, happened_on, territory, channel, created_by)
         select '${campaign}', '2019-05-05', 'Pichincha', 'radio', '${coordinator.user.id}'
         from generate_series(1, 2200);
       insert into campaign_activity_reach (activity_id, reach_group, reached)
         select id, 'general_public', 1000000 from campaign_activities
         where campaign_id = '${campaign}'`,
    );
    const progress = await measured(2019, {
      kind: 'people_reached',
      filters: { campaignIds: [campaign] },
    });
    expect(progress.executed).toBe('2200000000.00');
    expect(byQuarter(progress)).toEqual(['0.00', '2200000000.00', '0.00', '0.00']);
  });
});
