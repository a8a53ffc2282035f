import { randomBytes, randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../helpers/app';
import { engine } from '../helpers/engine';
import { REPORTS, YEAR, day } from '../helpers/management-reports';
import { asSuperuser } from '../helpers/superuser';
import { createPlan, createTarget, TARGETS, type TargetRead } from '../helpers/targets';
import { eraseParticipant } from '../helpers/training-certificates';
import { TRAININGS } from '../helpers/trainings';
import { signedIn } from '../helpers/users';

/*
 * The trainings' figures are counted in three places — the coordinator's
 * aggregates, the targets' measures and the management report — and must be
 * the same numbers (docs/TRAININGS.md, "The figures"). One set of records,
 * worked by hand (YEAR is last year, so every day of it is past):
 *
 * Programme C: 1 Dec YEAR−1 to 31 Jan YEAR, 10 h: a session on 15 Dec YEAR−1
 *   (5 h, outside YEAR) and on 15 Jan YEAR (5 h). P1 attends only December
 *   (5 of 10 h: not completed), P5 both (completed). Scores P1 60 → 50,
 *   P5 30 → 50.
 * Programme A: March YEAR, 12 h: 3 and 4 March (5 h each) and 20 March (2 h,
 *   attendance taken: everyone absent — nothing delivered). P1 and P3 attend
 *   the first two (10 of 12 h ≥ 80 %: completed), P2 only the first (5 of 12).
 *   Scores P1 40 → 60, P2 50 → 55.
 * Programme B: 1 Dec YEAR to 31 Jan YEAR+1 (spans the year end), 10 h: 10 Dec
 *   (4 h), 31 Dec at 20:00 in Ecuador (1 h; 1 January in UTC) and 10 Jan
 *   YEAR+1 (5 h). P4 attends all and completes, in YEAR+1 (scores 10 → 90).
 * P3 is erased (retention) after all that; P1 is enrolled in A and C.
 * Certificates: P1 and P3 (A) issued 2 April; P5 (C) issued 25 February and
 *   revoked, then reissued on 1 January YEAR+1 at 03:00 UTC (31 December,
 *   22:00 in Ecuador).
 *
 * Year YEAR, by hand:
 * - programmes ended: A, C (2); enrolments 5, completed 3 (P1·A, P3·A, P5·C);
 * - people enrolled 4 (P1, P2, P3, P5); people trained 3 (P1, P3, P5);
 *   completion rate 3 / 4 = 75,00 %;
 * - hours delivered: C 15 Jan 5 + A 5 + 5 + B 4 + 1 = 20 (not A's 2 h nobody
 *   attended, not C's December or B's January); sessions 5, of 3 programmes;
 * - people certified: P1, P3, P5 (reissued) = 3 (not the revoked one);
 * - knowledge gain: (20 + 5 + 20 − 10) / 4 = 8,75 over 4 enrolments.
 * First quarter: the same people (A and C end in it), hours 5 + 10 = 15,
 * nobody certified.
 */

let t: TestApp;
let c: Awaited<ReturnType<typeof signedIn>>['client'];
const ids = {
  A: randomUUID(),
  B: randomUUID(),
  C: randomUUID(),
  P: [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()],
};
const [P1, P2, P3, P4, P5] = ids.P as [string, string, string, string, string];

const hex = (bytes: number) => `'\\x${randomBytes(bytes).toString('hex')}'::bytea`;
const next = YEAR + 1;
const prev = YEAR - 1;

async function seed(coordinatorId: string) {
  const programme = (id: string, name: string, from: string, to: string, hours: number) =>
    `insert into training_programmes (id, name, topic, target_sectors, modality, total_hours,
       starts_on, ends_on, province, created_by)
     values ('${id}', '${name}', 'Trata de personas', array['health','justice'], 'in_person',
       ${hours}, '${from}', '${to}', 'Pichincha', '${coordinatorId}')`;
  const sessions: [string, string, string, number][] = [
    // id, programme, starts at, hours
    [randomUUID(), ids.C, `${prev}-12-15T14:00:00Z`, 5],
    [randomUUID(), ids.C, `${day('01-15')}T14:00:00Z`, 5],
    [randomUUID(), ids.A, `${day('03-03')}T14:00:00Z`, 5],
    [randomUUID(), ids.A, `${day('03-04')}T14:00:00Z`, 5],
    [randomUUID(), ids.A, `${day('03-20')}T14:00:00Z`, 2],
    [randomUUID(), ids.B, `${day('12-10')}T14:00:00Z`, 4],
    [randomUUID(), ids.B, `${next}-01-01T01:00:00Z`, 1],
    [randomUUID(), ids.B, `${next}-01-10T14:00:00Z`, 5],
  ];
  const people: [string, string, string][] = [
    [P1, 'health', 'Pichincha'],
    [P2, 'justice', 'Pichincha'],
    [P3, 'health', 'Guayas'],
    [P4, 'security', 'Azuay'],
    [P5, 'education', 'Guayas'],
  ];
  // programme, participant, pre, post, attended (indexes into `sessions`)
  const enrolments: [string, string, number | null, number | null, number[]][] = [
    [ids.C, P1, 60, 50, [0]],
    [ids.C, P5, 30, 50, [0, 1]],
    [ids.A, P1, 40, 60, [2, 3]],
    [ids.A, P2, 50, 55, [2]],
    [ids.A, P3, null, null, [2, 3]],
    [ids.B, P4, 10, 90, [5, 6, 7]],
  ];
  const certificate = (
    programme: string,
    participant: string,
    issuedAt: string,
    revokedAt: string | null = null,
  ) =>
    `insert into training_certificates (programme_id, participant_id, code_digest, code_enc,
       holder_name_enc, programme_name, total_hours, starts_on, ends_on, issuing_institutions,
       issued_at, issued_by, revoked_at, revoked_by, revocation_reason)
     values ('${programme}', '${participant}', ${hex(32)}, ${hex(40)}, ${hex(40)}, 'Programa',
       10, '${day('01-01')}', '${day('03-31')}', array['Agencia líder de prueba'],
       '${issuedAt}', '${coordinatorId}',
       ${revokedAt ? `'${revokedAt}', '${coordinatorId}', 'created_in_error'` : 'null, null, null'})`;
  const statements = [
    programme(ids.C, 'C', `${prev}-12-01`, day('01-31'), 10),
    programme(ids.A, 'A', day('03-01'), day('03-31'), 12),
    programme(ids.B, 'B', day('12-01'), `${next}-01-31`, 10),
    ...sessions.map(
      ([id, programmeId, startsAt, hours]) =>
        `insert into training_sessions (id, programme_id, starts_at, hours)
         values ('${id}', '${programmeId}', '${startsAt}', ${hours})`,
    ),
    ...people.map(
      ([id, sector, province], i) =>
        `insert into training_participants (id, institution_name, sector, province, full_name_enc,
           key_kek_version, key_wrapped, keep_until, created_by)
         values ('${id}', 'Institución ${i}', '${sector}', '${province}', ${hex(32)}, 1, ${hex(40)},
           '${next + 5}-12-31', '${coordinatorId}')`,
    ),
    ...enrolments.flatMap(([programmeId, participant, pre, post, attended]) => [
      `insert into training_enrolments (programme_id, participant_id, pre_score, post_score, enrolled_by)
       values ('${programmeId}', '${participant}', ${pre ?? 'null'}, ${post ?? 'null'}, '${coordinatorId}')`,
      ...sessions
        .map((session, index) => ({ session, index }))
        .filter(({ session }) => session[1] === programmeId)
        .map(
          ({ session, index }) =>
            `insert into training_attendance (session_id, participant_id, programme_id, present, recorded_by)
             values ('${session[0]}', '${participant}', '${programmeId}', ${attended.includes(index)},
               '${coordinatorId}')`,
        ),
    ]),
    certificate(ids.A, P1, `${day('04-02')}T15:00:00Z`),
    certificate(ids.A, P3, `${day('04-02')}T15:00:00Z`),
    certificate(ids.C, P5, `${day('02-25')}T15:00:00Z`, `${day('03-01')}T15:00:00Z`),
    certificate(ids.C, P5, `${next}-01-01T03:00:00Z`),
  ];
  await asSuperuser(t.database, statements.join(';\n'));
  await eraseParticipant(t, P3);
}

interface Aggregates {
  programmes: number;
  enrolments: number;
  completedEnrolments: number;
  peopleEnrolled: number;
  peopleTrained: number;
  peopleCertified: number;
  completionPercent: number | null;
  hoursDelivered: number;
  knowledgeGain: { mean: number | null; n: number };
  bySector: { sector: string; peopleTrained: number }[];
  byProvince: { province: string | null; peopleTrained: number }[];
  byProgramme: { programmeId: string; enrolments: number; completedEnrolments: number }[];
}
interface ReportTrainings {
  programmes: number;
  sessions: number;
  hoursDelivered: string;
  enrolled: number;
  trained: number;
  certified: number;
  completionPercent: string | null;
  averageKnowledgeGain: string | null;
  bySector: { sector: string; enrolled: number; trained: number; completionPercent: string }[];
}

const targets: Record<string, TargetRead> = {};
const measures: Record<string, { kind: string; filters: Record<string, string[]> }> = {
  trained: { kind: 'people_trained', filters: {} },
  trainedHealth: { kind: 'people_trained', filters: { sectors: ['health'] } },
  trainedGuayas: { kind: 'people_trained', filters: { provinces: ['Guayas'] } },
  certified: { kind: 'people_certified', filters: {} },
  hours: { kind: 'training_hours_delivered', filters: {} },
  hoursOfA: { kind: 'training_hours_delivered', filters: { programmeIds: [ids.A] } },
};

async function aggregates(query: string): Promise<Aggregates> {
  const res = await c.get(`${TRAININGS}/aggregates?${query}`);
  expect(res.status).toBe(200);
  return res.body as Aggregates;
}
async function report(quarter?: number): Promise<ReportTrainings> {
  const res = await c.post(REPORTS, { year: YEAR, ...(quarter ? { quarter } : {}) });
  expect(res.status).toBe(201);
  return (res.body as { snapshot: { trainings: ReportTrainings } }).snapshot.trainings;
}
/** Each target's executed value (year to date, up to `quarter`), by our name for it. */
async function executed(quarter?: number): Promise<Record<string, string | null>> {
  const res = await c.get(
    `${TARGETS}/progress?year=${YEAR}${quarter ? `&quarter=${quarter}` : ''}`,
  );
  expect(res.status).toBe(200);
  const body = res.body as {
    programs: { projects: { targets: { id: string; executed: string | null }[] }[] }[];
  };
  const all = body.programs.flatMap((p) => p.projects.flatMap((x) => x.targets));
  return Object.fromEntries(
    Object.entries(targets).map(([name, target]) => [
      name,
      all.find((x) => x.id === target.id)?.executed ?? null,
    ]),
  );
}

let year: {
  aggregates: Aggregates;
  report: ReportTrainings;
  targets: Record<string, string | null>;
};
let q1: typeof year;

beforeAll(async () => {
  t = await startTestApp();
  const coordinator = await signedIn(t, 'coordinator');
  c = coordinator.client;
  await seed(coordinator.user.id);
  const { projectId } = await createPlan(c);
  for (const [name, measure] of Object.entries(measures)) {
    targets[name] = await createTarget(c, projectId, { year: YEAR, measure });
  }
  year = {
    aggregates: await aggregates(`year=${YEAR}`),
    report: await report(),
    targets: await executed(),
  };
  q1 = {
    aggregates: await aggregates(`from=${day('01-01')}&to=${day('03-31')}`),
    report: await report(1),
    targets: await executed(1),
  };
}, 120_000);
afterAll(() => t.close());

describe(`the trainings' figures agree in the aggregates, the targets and the report (${engine})`, () => {
  it('hours delivered: sessions held in the period with someone present, by their day in Ecuador', () => {
    expect([
      year.aggregates.hoursDelivered,
      year.report.hoursDelivered,
      year.targets.hours,
    ]).toEqual([20, '20.00', '20.00']);
    expect([q1.aggregates.hoursDelivered, q1.report.hoursDelivered, q1.targets.hours]).toEqual([
      15,
      '15.00',
      '15.00',
    ]);
    expect(year.report).toMatchObject({ sessions: 5, programmes: 3 });
    // A filter on top: programme A's two sessions attended.
    expect(year.targets.hoursOfA).toBe('10.00');
  });

  it('people trained: distinct participants who completed a programme ending in the period', () => {
    expect([year.aggregates.peopleTrained, year.report.trained, year.targets.trained]).toEqual([
      3,
      3,
      '3.00',
    ]);
    expect([q1.aggregates.peopleTrained, q1.report.trained, q1.targets.trained]).toEqual([
      3,
      3,
      '3.00',
    ]);
    expect(year.aggregates).toMatchObject({ programmes: 2, enrolments: 5, completedEnrolments: 3 });
    // Filters on top: the participant's sector and province, as the breakdowns count them.
    const health = year.report.bySector.find((s) => s.sector === 'health');
    expect([
      year.aggregates.bySector.find((s) => s.sector === 'health')?.peopleTrained,
      health?.trained,
      year.targets.trainedHealth,
    ]).toEqual([2, 2, '2.00']);
    expect([
      year.aggregates.byProvince.find((p) => p.province === 'Guayas')?.peopleTrained,
      year.targets.trainedGuayas,
    ]).toEqual([2, '2.00']);
    expect(year.report.bySector).toEqual([
      { sector: 'justice', label: 'Justicia', enrolled: 1, trained: 0, completionPercent: '0.00' },
      { sector: 'health', label: 'Salud', enrolled: 2, trained: 2, completionPercent: '100.00' },
      {
        sector: 'education',
        label: 'Educación',
        enrolled: 1,
        trained: 1,
        completionPercent: '100.00',
      },
    ]);
  });

  it('completion rate: people trained / people enrolled in the programmes ending in the period', () => {
    expect([
      year.aggregates.peopleEnrolled,
      year.aggregates.completionPercent,
      year.report.enrolled,
      year.report.completionPercent,
    ]).toEqual([4, 75, 4, '75.00']);
    expect([q1.aggregates.completionPercent, q1.report.completionPercent]).toEqual([75, '75.00']);
    // Within one programme people are enrolments: C's 1 of 2, A's 2 of 3.
    expect(
      year.aggregates.byProgramme.map((p) => [p.programmeId, p.enrolments, p.completedEnrolments]),
    ).toEqual([
      [ids.C, 2, 1],
      [ids.A, 3, 2],
    ]);
  });

  it('people certified: distinct holders of a certificate issued in the period, not revoked', () => {
    expect([
      year.aggregates.peopleCertified,
      year.report.certified,
      year.targets.certified,
    ]).toEqual([3, 3, '3.00']);
    expect([q1.aggregates.peopleCertified, q1.report.certified, q1.targets.certified]).toEqual([
      0,
      0,
      '0.00',
    ]);
  });

  it('knowledge gain: the mean of post − pre over the enrolments with both scores', () => {
    expect([year.aggregates.knowledgeGain, year.report.averageKnowledgeGain]).toEqual([
      { mean: 8.75, n: 4 },
      '8.75',
    ]);
  });

  it('count the targets by quarter the same way', async () => {
    const res = await c.get(`${TARGETS}/${targets.hours!.id}`);
    const quarters = (res.body as TargetRead).progress.quarters.map((q) => q.executed);
    expect(quarters).toEqual(['15.00', '0.00', '0.00', '5.00']);
    const certified = await c.get(`${TARGETS}/${targets.certified!.id}`);
    expect((certified.body as TargetRead).progress.quarters.map((q) => q.executed)).toEqual([
      '0.00',
      '2.00',
      '0.00',
      '1.00',
    ]);
  });
});
