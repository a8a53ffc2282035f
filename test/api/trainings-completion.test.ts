import { inActorTransaction, SYSTEM_ACTOR } from '../../server/db/actor-transaction';
import { eraseParticipant } from '../../server/modules/trainings';
import { startTestApp, type TestApp } from '../helpers/app';
import type { SessionClient } from '../helpers/session-client';
import {
  addSession,
  createParticipant,
  createProgramme,
  enrol,
  PROGRAMMES,
  recordAttendance,
  roster,
  TRAININGS,
  trainedProgramme,
} from '../helpers/trainings';
import { auditEvents, signedIn } from '../helpers/users';

/**
 * Completion by each programme's rule (the view training_completions, 0025):
 * hours attended as a share of the programme's total hours, compared
 * exactly, and the final score when the programme sets a minimum; never
 * typed. Then the coordinator's aggregates, counted from the same records.
 */
let t: TestApp;
let c: SessionClient;

beforeAll(async () => {
  t = await startTestApp();
  c = (await signedIn(t, 'coordinator')).client;
}, 60_000);
afterAll(() => t.close());

/** One participant's enrolment in a programme of `sessionHours`, attending `attended`. */
async function completionOf(spec: {
  totalHours: number;
  sessionHours: number[];
  attended: boolean[];
  minAttendancePercent?: number;
  minFinalScore?: number | null;
  postScore?: number | null;
}) {
  const { programme, participants } = await trainedProgramme(c, {
    programme: {
      totalHours: spec.totalHours,
      minAttendancePercent: spec.minAttendancePercent ?? 80,
      minFinalScore: spec.minFinalScore ?? null,
    },
    sessionHours: spec.sessionHours,
    participants: [{}],
    attended: [spec.attended],
    ...(spec.postScore !== undefined ? { scores: [{ postScore: spec.postScore }] } : {}),
  });
  return (await roster(c, programme.id)).get(participants[0]!.id)!;
}

describe('completion', () => {
  it('is reached at exactly the minimum attendance (8 of 10 hours is 80 %)', async () => {
    const exactly = await completionOf({
      totalHours: 10,
      sessionHours: [4, 4, 2],
      attended: [true, true, false],
    });
    expect(exactly).toMatchObject({ attendedHours: 8, attendancePercent: 80, completed: true });
    const short = await completionOf({
      totalHours: 10,
      sessionHours: [4, 3.99, 2.01],
      attended: [true, true, false],
    });
    expect(short).toMatchObject({
      attendedHours: 7.99,
      attendancePercent: 79.9,
      completed: false,
      completedOn: null,
    });
  });

  it('adds fractional hours exactly', async () => {
    const sessionHours = [1.5, 2.25, 3.75];
    const six = await completionOf({
      totalHours: 7.5,
      sessionHours,
      attended: [false, true, true],
    });
    expect(six).toMatchObject({ attendedHours: 6, attendancePercent: 80, completed: true });
    const less = await completionOf({
      totalHours: 7.5,
      sessionHours,
      attended: [true, false, true],
    });
    expect(less).toMatchObject({ attendedHours: 5.25, attendancePercent: 70, completed: false });
  });

  it('compares the exact share, not the rounded percentage shown', async () => {
    // 2 of 3 hours is 66.666…%: shown as 66.67, short of a 66.67 % minimum.
    const twoThirds = await completionOf({
      totalHours: 3,
      sessionHours: [1, 1, 1],
      attended: [true, true, false],
      minAttendancePercent: 66.67,
    });
    expect(twoThirds).toMatchObject({ attendancePercent: 66.67, completed: false });
    const lower = await completionOf({
      totalHours: 3,
      sessionHours: [1, 1, 1],
      attended: [true, true, false],
      minAttendancePercent: 66.66,
    });
    expect(lower).toMatchObject({ completed: true });
  });

  it('needs the final score when the programme sets a minimum: at it, not below, not missing', async () => {
    const spec = {
      totalHours: 4,
      sessionHours: [2, 2],
      attended: [true, true],
      minFinalScore: 70,
    };
    expect(await completionOf({ ...spec, postScore: 70 })).toMatchObject({ completed: true });
    expect(await completionOf({ ...spec, postScore: 69.99 })).toMatchObject({
      attendancePercent: 100,
      completed: false,
    });
    expect(await completionOf({ ...spec })).toMatchObject({ postScore: null, completed: false });
    // A score without the attendance is not enough either.
    expect(await completionOf({ ...spec, attended: [true, false], postScore: 100 })).toMatchObject({
      completed: false,
    });
    // Without a minimum, the score does not matter.
    expect(await completionOf({ ...spec, minFinalScore: null, postScore: 0 })).toMatchObject({
      completed: true,
    });
  });

  it('is not reached without sessions, nor by absences recorded', async () => {
    const programme = await createProgramme(c);
    const person = await createParticipant(c);
    await enrol(c, programme.id, [person.id]);
    expect((await roster(c, programme.id)).get(person.id)).toMatchObject({
      attendedHours: 0,
      attendancePercent: 0,
      completed: false,
      completedOn: null,
    });
    const absent = await completionOf({
      totalHours: 2,
      sessionHours: [2],
      attended: [false],
    });
    expect(absent).toMatchObject({ attendedHours: 0, completed: false });
  });

  it('dates completion by the last session attended (its day in Ecuador), and follows the rule as it changes', async () => {
    const programme = await createProgramme(c, { totalHours: 4 });
    const early = await addSession(c, programme.id, {
      startsAt: '2025-03-10T09:00:00-05:00',
      hours: 2,
    });
    // 23:30 in Guayaquil on 11 March is 12 March in UTC.
    const late = await addSession(c, programme.id, {
      startsAt: '2025-03-12T04:30:00Z',
      hours: 2,
    });
    const person = await createParticipant(c);
    await enrol(c, programme.id, [person.id]);
    await recordAttendance(c, programme.id, early.id, [
      { participantId: person.id, present: true },
    ]);
    await recordAttendance(c, programme.id, late.id, [{ participantId: person.id, present: true }]);
    expect((await roster(c, programme.id)).get(person.id)).toMatchObject({
      completed: true,
      completedOn: '2025-03-11',
    });
    // Absent from the last one: 50 %, until the rule asks for no more than that.
    await recordAttendance(c, programme.id, late.id, [
      { participantId: person.id, present: false },
    ]);
    expect((await roster(c, programme.id)).get(person.id)).toMatchObject({ completed: false });
    const changed = await c.patch(`${PROGRAMMES}/${programme.id}`, {
      version: 1,
      minAttendancePercent: 50,
    });
    expect(changed.body).toMatchObject({ completed: 1 });
    expect((await roster(c, programme.id)).get(person.id)).toMatchObject({
      completed: true,
      completedOn: '2025-03-10',
    });
  });
});

describe('the aggregates', () => {
  type Aggregates = {
    period: { from: string; to: string };
    programmes: number;
    enrolments: number;
    completedEnrolments: number;
    peopleEnrolled: number;
    completionPercent: number | null;
    peopleTrained: number;
    peopleCertified: number;
    hoursDelivered: number;
    knowledgeGain: { mean: number | null; n: number };
    bySector: { sector: string; peopleTrained: number }[];
    byInstitution: { institutionName: string; peopleTrained: number }[];
    byProvince: { province: string | null; peopleTrained: number }[];
    byProgramme: {
      programmeId: string;
      enrolments: number;
      completedEnrolments: number;
      completionPercent: number | null;
      knowledgeGain: { mean: number | null; n: number };
    }[];
  };
  const read = async (query: string) => {
    const res = await c.get(`${TRAININGS}/aggregates?${query}`);
    expect(res.status).toBe(200);
    return res.body as Aggregates;
  };

  it('count people trained by sector, institution, province and programme; completion and gain', async () => {
    const health = { sector: 'health', institutionName: 'Hospital del Sur', province: 'Guayas' };
    const justice = { sector: 'justice', institutionName: 'Fiscalía', province: 'Azuay' };
    // Programme A (2024): three people, two complete; scores on all three.
    const a = await trainedProgramme(c, {
      programme: { name: 'A', startsOn: '2024-02-01', endsOn: '2024-03-31', totalHours: 10 },
      firstDay: '2024-02-05',
      participants: [health, health, justice],
      attended: [
        [true, true, true],
        [true, true, false], // 8 of 10: completes
        [true, false, false], // 4 of 10: does not
      ],
      scores: [
        { preScore: 40, postScore: 90 },
        { preScore: 50.5, postScore: 60 },
        { preScore: 70, postScore: 65 },
      ],
    });
    // Programme B (2024): the first person of A again (counted once), and a new one
    // with no province, who completes and is then erased (still counted).
    const b = await trainedProgramme(c, {
      programme: { name: 'B', startsOn: '2024-09-01', endsOn: '2024-11-30', totalHours: 2 },
      firstDay: '2024-09-10',
      sessionHours: [2],
      participants: [{ ...justice, province: null }],
      scores: [{ preScore: 10 }],
    });
    await enrol(c, b.programme.id, [a.participants[0]!.id]);
    await recordAttendance(c, b.programme.id, b.sessions[0]!.id, [
      { participantId: a.participants[0]!.id, present: true },
      { participantId: b.participants[0]!.id, present: true },
    ]);
    await inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
      eraseParticipant(trx, b.participants[0]!.id, 'retention_ended'),
    );
    // Programme C ends in 2025: outside 2024, whatever its sessions' days.
    await trainedProgramme(c, {
      programme: { name: 'C', startsOn: '2024-12-01', endsOn: '2025-01-31', totalHours: 2 },
      firstDay: '2024-12-10',
      sessionHours: [2],
      participants: [health],
    });

    const before = (await auditEvents(t)).length;
    const year = await read('year=2024');
    expect((await auditEvents(t)).length).toBe(before); // nothing personal read
    expect(year).toMatchObject({
      period: { from: '2024-01-01', to: '2024-12-31' },
      programmes: 2,
      enrolments: 5,
      completedEnrolments: 4,
      // People, not enrolments: A's three and B's new one; three of them completed.
      peopleEnrolled: 4,
      completionPercent: 75,
      peopleTrained: 3,
      peopleCertified: 0,
      // A's 10 hours, B's 2, C's 2 (held on 10 December 2024).
      hoursDelivered: 14,
      // (50 + 9.5 − 5) / 3 = 18.1666…; B's pre-only score is not a pair.
      knowledgeGain: { mean: 18.17, n: 3 },
      bySector: [
        { sector: 'health', peopleTrained: 2 },
        { sector: 'justice', peopleTrained: 1 },
      ],
      byInstitution: [
        { institutionName: 'Hospital del Sur', peopleTrained: 2 },
        { institutionName: 'Fiscalía', peopleTrained: 1 },
      ],
      byProvince: [
        { province: 'Guayas', peopleTrained: 2 },
        { province: null, peopleTrained: 1 },
      ],
    });
    expect(year.byProgramme).toEqual([
      expect.objectContaining({
        programmeId: a.programme.id,
        enrolments: 3,
        completedEnrolments: 2,
        completionPercent: 66.67,
        knowledgeGain: { mean: 18.17, n: 3 },
      }),
      expect.objectContaining({
        programmeId: b.programme.id,
        enrolments: 2,
        completedEnrolments: 2,
        completionPercent: 100,
        knowledgeGain: { mean: null, n: 0 },
      }),
    ]);
    // A range: the first half of 2024 holds programme A alone.
    const half = await read('from=2024-01-01&to=2024-06-30');
    expect(half).toMatchObject({ programmes: 1, peopleTrained: 2, completionPercent: 66.67 });
    const none = await read('year=2030');
    expect(none).toMatchObject({
      programmes: 0,
      enrolments: 0,
      completionPercent: null,
      peopleTrained: 0,
      knowledgeGain: { mean: null, n: 0 },
      bySector: [],
      byProgramme: [],
    });
  });

  it('rounds the completion rate half up to two decimals', async () => {
    // 8 of 9 complete: 88.888…% is 88.89.
    const attended = Array.from({ length: 9 }, (_, i) => [i > 0]);
    await trainedProgramme(c, {
      programme: { name: 'D', startsOn: '2023-05-01', endsOn: '2023-05-31', totalHours: 1 },
      firstDay: '2023-05-10',
      sessionHours: [1],
      participants: Array.from({ length: 9 }, () => ({})),
      attended,
    });
    expect(await read('year=2023')).toMatchObject({
      enrolments: 9,
      completedEnrolments: 8,
      completionPercent: 88.89,
    });
  });

  it('need a year or a full range, naming the parameter (400)', async () => {
    const bad: [string, string][] = [
      ['', 'query.year'],
      ['year=2024&from=2024-01-01&to=2024-02-01', 'query.year'],
      ['from=2024-01-01', 'query.to'],
      ['to=2024-01-01', 'query.from'],
      ['from=2024-02-01&to=2024-01-01', 'query.to'],
      ['year=1999', 'query.year'],
      ['from=2024-02-30&to=2024-03-01', 'query.from'],
      ['year=2024&province=Loja', 'query'],
    ];
    for (const [query, path] of bad) {
      const res = await c.get(`${TRAININGS}/aggregates?${query}`);
      expect([query, res.status]).toEqual([query, 400]);
      expect(res.body).toMatchObject({
        errors: expect.arrayContaining([expect.objectContaining({ path })]),
      });
    }
  });
});
