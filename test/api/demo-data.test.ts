import { sql } from 'kysely';
import { inActorTransaction, SYSTEM_ACTOR } from '../../server/db/actor-transaction';
import { inOneTransaction } from '../../server/modules/demo/shared-transaction';
import { createProgram, NewProgram } from '../../server/modules/targets';
import {
  DEMO_COORDINATORS,
  DEMO_PARTICIPANTS,
  ensureDemoProgramme,
  type DemoDeps,
} from '../../server/modules/demo';
import type { ManagementReportDetail } from '../../server/modules/management-reports/management-reports.schemas';
import { startTestApp, type TestApp } from '../helpers/app';
import { databaseDump } from '../helpers/database-dump';
import { REPORTS } from '../helpers/management-reports';
import type { SessionClient } from '../helpers/session-client';
import { auditEvents, leadAgencyId, signedIn } from '../helpers/users';

/*
 * DEMO_DATA=true: the programme's demo data for the current year, as
 * main.ts loads it on a fresh database (the lead agency seeded first), and
 * a second start that adds nothing.
 */

let t: TestApp;
let coordinator: SessionClient;
let year: number;
let firstRunMs: number;

const deps = (): DemoDeps => ({
  store: t.database.store,
  keyring: t.keyring,
  clock: () => t.clock.now(),
  retentionYears: 5,
  publicUrl: 'https://amparo.example.org/',
});

/** Rows of every table the demo data writes to (as the system, which reads them all). */
function rowCounts(): Promise<Record<string, number>> {
  const tables = [
    'users',
    'training_programmes',
    'training_sessions',
    'training_participants',
    'training_enrolments',
    'training_attendance',
    'training_certificates',
    'campaigns',
    'campaign_activities',
    'campaign_activity_reach',
    'plan_programs',
    'plan_projects',
    'budget_entries',
    'targets',
    'target_manual_values',
    'management_reports',
    'audit_events',
  ];
  return inActorTransaction(t.database.store, SYSTEM_ACTOR, async (trx) => {
    const counts: Record<string, number> = {};
    for (const table of tables) {
      const { rows } = await sql<{ n: string }>`
        select count(*)::text as n from ${sql.table(table)}`.execute(trx);
      counts[table] = Number(rows[0]!.n);
    }
    return counts;
  });
}

async function yearlyReport(): Promise<ManagementReportDetail> {
  const list = await coordinator.get(`${REPORTS}?year=${year}`);
  expect(list.status).toBe(200);
  const items = (list.body as { items: { id: string; period: { quarter: number | null } }[] })
    .items;
  expect(items).toHaveLength(1);
  const res = await coordinator.get(`${REPORTS}/${items[0]!.id}`);
  expect(res.status).toBe(200);
  return res.body as ManagementReportDetail;
}

beforeAll(async () => {
  t = await startTestApp();
  await leadAgencyId(t);
  year = Number(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Guayaquil', year: 'numeric' }).format(
      t.clock.now(),
    ),
  );
  const started = performance.now();
  const added = await ensureDemoProgramme(deps());
  firstRunMs = performance.now() - started;
  // As main.ts logs it.
  t.logger.info({ added }, 'demo programme loaded');
  expect(added).toEqual({
    coordinators: 3,
    training: true,
    campaign: true,
    plan: true,
    report: true,
  });
  ({ client: coordinator } = await signedIn(t, 'coordinator'));
}, 120_000);

afterAll(() => t.close());

describe('demo data (DEMO_DATA=true)', () => {
  it('fills the report of the current year: trainings, targets and budget with executed values', async () => {
    const report = await yearlyReport();
    expect(report.status).toBe('draft');
    expect(report.period).toEqual({ year, quarter: null });
    expect(report.conclusions).not.toBe('');
    expect(report.recommendations).not.toBe('');
    expect(report.challenges).not.toBe('');
    // Prepared by one demo coordinator, reviewed by another (four eyes).
    expect(report.preparedBy.name).toBe('Coordinadora demo 1');
    expect(report.reviewedBy?.name).toBe('Coordinadora demo 2');

    const { trainings, campaigns, budget, programs } = report.snapshot;
    // 24 enrolled; 19 complete (four missed too many sessions, one scored too low).
    expect(trainings).toMatchObject({ programmes: 1, sessions: 5, enrolled: 24, trained: 19 });
    expect(trainings.certified).toBe(19);
    expect(Number(trainings.hoursDelivered)).toBe(20);
    expect(Number(trainings.averageKnowledgeGain)).toBeGreaterThan(0);
    expect(trainings.bySector.length).toBeGreaterThanOrEqual(5);
    expect(campaigns).toMatchObject({ campaigns: 1, activities: 5, peopleReached: 4005 });

    expect(budget).toEqual({ coded: '37000.00', accrued: '26076.75', executionPercent: '70.48' });
    expect(programs).toHaveLength(1);
    const projects = programs[0]!.projects;
    expect(projects.map((p) => [p.code, p.budget.coded, p.budget.accrued])).toEqual([
      ['DEMO-1.1', '25000.00', '18450.75'],
      ['DEMO-1.2', '12000.00', '7626.00'],
    ]);
    const executed = Object.fromEntries(
      projects.flatMap((p) => p.targets.map((target) => [target.indicator, target.executed])),
    );
    expect(executed).toEqual({
      'Servidores públicos que completaron la capacitación': '19.00',
      'Servidores públicos certificados': '19.00',
      'Horas de capacitación impartidas': '20.00',
      'Mesas técnicas interinstitucionales realizadas': '2.00',
      'Actividades de campaña realizadas': '5.00',
      'Personas alcanzadas por las campañas': '4005.00',
    });
    expect(projects.flatMap((p) => p.targets.map((target) => target.source))).toContain('manual');
  });

  it('downloads the draft as PDF and XLSX', async () => {
    const report = await yearlyReport();
    for (const type of ['pdf', 'xlsx']) {
      const res = await coordinator.get(`${REPORTS}/${report.id}.${type}`);
      expect(res.status).toBe(200);
    }
  }, 60_000);

  it('was written by the disabled demo coordinators through the use cases, audited', async () => {
    const accounts = await inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
      trx
        .selectFrom('users')
        .select(['id', 'email', 'role', 'active', 'display_name'])
        .where(
          'email',
          'in',
          DEMO_COORDINATORS.map((c) => c.email),
        )
        .orderBy('email')
        .execute(),
    );
    expect(accounts.map((a) => [a.display_name, a.role, a.active])).toEqual([
      ['Coordinadora demo 1', 'coordinator', false],
      ['Coordinadora demo 2', 'coordinator', false],
      ['Coordinadora demo 3', 'coordinator', false],
    ]);
    const ids = new Set(accounts.map((a) => a.id));
    const created = await auditEvents(t, { action: 'training.participant.create' });
    expect(created).toHaveLength(24);
    expect(created.every((e) => ids.has(e.actor_id!))).toBe(true);
    expect(await auditEvents(t, { action: 'training_certificate.issue' })).toHaveLength(19);
    expect(await auditEvents(t, { action: 'management_report.review' })).toHaveLength(1);
    const seeded = await auditEvents(t, { action: 'demo.seed' });
    expect(seeded).toHaveLength(1);
    expect(seeded[0]!.actor_role).toBe('system');
  });

  it('keeps participants encrypted: no demo name or e-mail in the database in clear', async () => {
    const dump = await databaseDump(t);
    expect(dump).toContain('Atención especializada a víctimas de trata (demo)');
    for (const { input } of DEMO_PARTICIPANTS) {
      expect(dump).not.toContain(input.fullName);
      expect(dump).not.toContain(input.workEmail);
    }
  });

  it('adds nothing on a second start', async () => {
    const before = await rowCounts();
    const started = performance.now();
    const added = await ensureDemoProgramme(deps());
    const secondRunMs = performance.now() - started;
    expect(added).toEqual({
      coordinators: 0,
      training: false,
      campaign: false,
      plan: false,
      report: false,
    });
    expect(await rowCounts()).toEqual(before);
    expect(await auditEvents(t, { action: 'demo.seed' })).toHaveLength(1);
    // For the record (the machine's load varies): the first run's time and the second's.
    t.logger.info({ firstRunMs, secondRunMs }, 'demo programme timings');
    expect(secondRunMs).toBeLessThan(firstRunMs);
  });

  it('writes a part whole or not at all: one transaction for all its use cases', async () => {
    const [planner] = await inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
      trx
        .selectFrom('users')
        .select(['id', 'institution_id'])
        .where('email', '=', DEMO_COORDINATORS[1]!.email)
        .execute(),
    );
    const actor = {
      id: planner!.id,
      role: 'coordinator' as const,
      institutionId: planner!.institution_id,
    };
    const before = await rowCounts();
    await expect(
      inOneTransaction(t.database.store, async (store) => {
        await createProgram(
          { store, clock: () => t.clock.now() },
          actor,
          NewProgram.parse({ code: 'DEMO-ROLLBACK', name: 'Programa que no queda' }),
        );
        throw new Error('a later use case failed');
      }),
    ).rejects.toThrow('a later use case failed');
    expect(await rowCounts()).toEqual(before);
  });

  it('writes no demo participant name or e-mail into the log', () => {
    const logs = t.logs.join('\n');
    expect(logs).toContain('demo programme loaded');
    for (const { input } of DEMO_PARTICIPANTS) {
      expect(logs).not.toContain(input.fullName);
      expect(logs).not.toContain(input.workEmail);
    }
  });
});
