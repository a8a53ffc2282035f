import type { SessionClient } from './session-client';

/**
 * Fixtures of the trainings' tests (test/api/trainings*.test.ts), for reuse by
 * the certificates', targets' and management report's tests: each function
 * makes one thing through the API as a signed-in coordinator and returns
 * what the API answered, failing loudly on anything but success.
 */

export const TRAININGS = '/api/v1/trainings';
export const PROGRAMMES = `${TRAININGS}/programmes`;
export const PARTICIPANTS = `${TRAININGS}/participants`;

export interface TrainingProgramme {
  id: string;
  name: string;
  totalHours: number;
  minAttendancePercent: number;
  minFinalScore: number | null;
  startsOn: string;
  endsOn: string;
  enrolled: number;
  completed: number;
  version: number;
  sessions: TrainingSession[];
}
export interface TrainingSession {
  id: string;
  programmeId: string;
  startsAt: string;
  date: string;
  hours: number;
  version: number;
  attendanceRecorded: boolean;
}
export interface TrainingParticipant {
  id: string;
  fullName: string | null;
  workEmail: string | null;
  position: string | null;
  institutionName: string;
  sector: string;
  province: string | null;
  hasAccount: boolean;
  keepUntil: string;
  erasedAt: string | null;
  version: number;
}
export interface TrainingEnrolment {
  participantId: string;
  fullName: string | null;
  preScore: number | null;
  postScore: number | null;
  attendedHours: number;
  attendancePercent: number;
  completed: boolean;
  completedOn: string | null;
}

/** A programme as a coordinator sends it (10 hours, 80 %, 2025-03-01 to 2025-06-30); `over` replaces fields. */
export const programmeBody = (over: Record<string, unknown> = {}) => ({
  name: 'Atención especializada a víctimas de trata',
  topic: 'Identificación temprana, derivación y atención con enfoque de derechos.',
  targetSectors: ['health', 'justice'],
  partnerInstitution: 'Universidad Central del Ecuador',
  modality: 'mixed',
  totalHours: 10,
  startsOn: '2025-03-01',
  endsOn: '2025-06-30',
  province: 'Pichincha',
  ...over,
});

/** A session (2 hours on 10 March 2025 at 09:00 in Ecuador); `over` replaces fields. */
export const sessionBody = (over: Record<string, unknown> = {}) => ({
  startsAt: '2025-03-10T09:00:00-05:00',
  hours: 2,
  place: 'Auditorio municipal',
  trainers: ['Dra. Formadora'],
  ...over,
});

let participantSeq = 0;
/** A participant; each call a different name and e-mail unless `over` says. */
export const participantBody = (over: Record<string, unknown> = {}) => {
  participantSeq += 1;
  return {
    fullName: `María Participante ${participantSeq}`,
    workEmail: `participante${participantSeq}.${Date.now()}@salud.gob.ec`,
    position: 'Médica general',
    institutionName: 'Ministerio de Salud Pública',
    sector: 'health',
    province: 'Pichincha',
    ...over,
  };
};

function expectStatus(res: { status: number; body: unknown }, status: number, what: string) {
  if (res.status !== status) {
    throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

export async function createProgramme(
  client: SessionClient,
  over: Record<string, unknown> = {},
): Promise<TrainingProgramme> {
  const res = await client.post(PROGRAMMES, programmeBody(over));
  expectStatus(res, 201, 'create programme');
  return res.body as TrainingProgramme;
}

export async function addSession(
  client: SessionClient,
  programmeId: string,
  over: Record<string, unknown> = {},
): Promise<TrainingSession> {
  const res = await client.post(`${PROGRAMMES}/${programmeId}/sessions`, sessionBody(over));
  expectStatus(res, 201, 'add session');
  return res.body as TrainingSession;
}

export async function createParticipant(
  client: SessionClient,
  over: Record<string, unknown> = {},
): Promise<TrainingParticipant> {
  const res = await client.post(PARTICIPANTS, participantBody(over));
  expectStatus(res, 201, 'create participant');
  return res.body as TrainingParticipant;
}

export async function enrol(
  client: SessionClient,
  programmeId: string,
  participantIds: string[],
): Promise<{ added: number; enrolled: number }> {
  const res = await client.post(`${PROGRAMMES}/${programmeId}/enrolments`, { participantIds });
  expectStatus(res, 200, 'enrol');
  return res.body as { added: number; enrolled: number };
}

export async function recordAttendance(
  client: SessionClient,
  programmeId: string,
  sessionId: string,
  entries: { participantId: string; present: boolean }[],
): Promise<void> {
  const res = await client.send(
    'put',
    `${PROGRAMMES}/${programmeId}/sessions/${sessionId}/attendance`,
    { entries },
  );
  expectStatus(res, 200, 'record attendance');
}

export async function recordScores(
  client: SessionClient,
  programmeId: string,
  entries: { participantId: string; preScore?: number | null; postScore?: number | null }[],
): Promise<void> {
  const res = await client.send('put', `${PROGRAMMES}/${programmeId}/scores`, { entries });
  expectStatus(res, 200, 'record scores');
}

/** The programme's roster (names, scores, completion), by participant id. */
export async function roster(
  client: SessionClient,
  programmeId: string,
): Promise<Map<string, TrainingEnrolment>> {
  const res = await client.get(`${PROGRAMMES}/${programmeId}/enrolments`);
  expectStatus(res, 200, 'roster');
  const { items } = res.body as { items: TrainingEnrolment[] };
  return new Map(items.map((e) => [e.participantId, e]));
}

export interface TrainedProgrammeSpec {
  /** Programme fields (programmeBody's defaults otherwise). */
  programme?: Record<string, unknown>;
  /** Hours of each session, one a day from `firstDay` (default [4, 4, 2]: 10 hours). */
  sessionHours?: number[];
  /** The first session's day (default 2025-03-10), at 09:00 in Ecuador. */
  firstDay?: string;
  /** Participants' fields, one entry per participant (default: three of participantBody). */
  participants?: Record<string, unknown>[];
  /** attended[p][s]: participant p attended session s (default: everyone, everything). */
  attended?: boolean[][];
  /** Scores per participant, in order (default: none). */
  scores?: { preScore?: number | null; postScore?: number | null }[];
}

/**
 * A programme with sessions, participants enrolled, attendance recorded
 * and, if given, scores: what certificates, targets and reports start from.
 * With the defaults every participant completes (10 of 10 hours).
 */
export async function trainedProgramme(client: SessionClient, spec: TrainedProgrammeSpec = {}) {
  const programme = await createProgramme(client, spec.programme);
  const hours = spec.sessionHours ?? [4, 4, 2];
  const first = new Date(`${spec.firstDay ?? '2025-03-10'}T00:00:00Z`);
  const sessions: TrainingSession[] = [];
  for (const [index, h] of hours.entries()) {
    const day = new Date(first.getTime() + index * 86_400_000).toISOString().slice(0, 10);
    sessions.push(
      await addSession(client, programme.id, { startsAt: `${day}T09:00:00-05:00`, hours: h }),
    );
  }
  const participants: TrainingParticipant[] = [];
  for (const over of spec.participants ?? [{}, {}, {}]) {
    participants.push(await createParticipant(client, over));
  }
  await enrol(
    client,
    programme.id,
    participants.map((p) => p.id),
  );
  for (const [s, session] of sessions.entries()) {
    await recordAttendance(
      client,
      programme.id,
      session.id,
      participants.map((p, i) => ({
        participantId: p.id,
        present: spec.attended?.[i]?.[s] ?? true,
      })),
    );
  }
  if (spec.scores) {
    await recordScores(
      client,
      programme.id,
      spec.scores.map((score, i) => ({ participantId: participants[i]!.id, ...score })),
    );
  }
  return { programme, sessions, participants };
}
