import { inActorTransaction } from '../../db/actor-transaction';
import { IssueCertificates, issueCertificates } from '../training-certificates';
import {
  AttendanceSheet,
  createParticipant,
  createProgramme,
  createSession,
  enrolParticipants,
  NewEnrolments,
  NewParticipant,
  NewProgramme,
  NewSession,
  recordAttendance,
  recordScores,
  ScoreSheet,
  type TrainingsDeps,
} from '../trainings';
import type { DemoCoordinators } from './demo-coordinators';
import { SESSION_COUNT } from './demo-dates';
import type { DemoPartDeps } from './demo-deps';
import { DEMO_PARTICIPANTS } from './demo-participants';
import * as repo from './demo.repository';
import { inOneTransaction } from './shared-transaction';

/**
 * The demo training programme, written in one transaction by the first demo
 * coordinator through the trainings' and certificates' own use cases (so
 * identities are encrypted, every step validated and audited): the
 * programme with the university as partner, five sessions already held,
 * 24 participants enrolled, each session's attendance sheet, the pre- and
 * post-evaluation scores, and the certificates of those who completed.
 * Nothing when a programme of its name exists.
 */

export const DEMO_PROGRAMME_NAME = 'Atención especializada a víctimas de trata (demo)';
export const DEMO_UNIVERSITY = 'Universidad Estatal (demo)';
const SESSION_HOURS = 4;
const TRAINERS = [`Equipo docente de la ${DEMO_UNIVERSITY}`, 'Unidad contra la Trata (demo)'];
// Mixed modality: in person and online by turns.
const SESSION_MODES = ['in_person', 'online'] as const;

export async function ensureDemoTraining(
  deps: DemoPartDeps,
  { trainer }: DemoCoordinators,
): Promise<{ programmeId: string; added: boolean }> {
  const { sessionDays } = deps.calendar;
  return inOneTransaction(deps.store, async (store) => {
    const existing = await inActorTransaction(store, trainer, (trx) =>
      repo.programmeNamed(trx, DEMO_PROGRAMME_NAME),
    );
    if (existing) return { programmeId: existing, added: false };
    const trainings: TrainingsDeps = {
      store,
      clock: deps.clock,
      keyring: deps.keyring,
      retentionYears: deps.retentionYears,
    };
    const programme = await createProgramme(
      trainings,
      trainer,
      NewProgramme.parse({
        name: DEMO_PROGRAMME_NAME,
        topic:
          'Identificación, primera acogida y derivación de víctimas de trata de personas con ' +
          'enfoque de derechos, género e interculturalidad: marco legal, rutas de atención ' +
          'interinstitucional y cuidado de los equipos.',
        targetSectors: [...new Set(DEMO_PARTICIPANTS.map((p) => p.input.sector))],
        partnerInstitution: DEMO_UNIVERSITY,
        modality: 'mixed',
        totalHours: SESSION_COUNT * SESSION_HOURS,
        minAttendancePercent: 80,
        minFinalScore: 70,
        startsOn: sessionDays[0],
        endsOn: sessionDays[SESSION_COUNT - 1],
      }),
    );
    const sessions = [];
    for (const [i, day] of sessionDays.entries()) {
      const mode = SESSION_MODES[i % 2];
      sessions.push(
        await createSession(
          trainings,
          trainer,
          programme.id,
          NewSession.parse({
            startsAt: `${day}T09:00:00-05:00`,
            hours: SESSION_HOURS,
            ...(mode === 'in_person'
              ? { place: 'Auditorio del Municipio (demo)' }
              : { link: 'https://aula.example.org/trata-demo' }),
            trainers: TRAINERS,
          }),
        ),
      );
    }
    const people = [];
    for (const participant of DEMO_PARTICIPANTS) {
      const created = await createParticipant(
        trainings,
        trainer,
        NewParticipant.parse(participant.input),
      );
      people.push({ ...participant, id: created.id });
    }
    await enrolParticipants(
      trainings,
      trainer,
      programme.id,
      NewEnrolments.parse({ participantIds: people.map((p) => p.id) }),
    );
    for (const [i, session] of sessions.entries()) {
      await recordAttendance(
        trainings,
        trainer,
        programme.id,
        session.id,
        AttendanceSheet.parse({
          entries: people.map((p) => ({ participantId: p.id, present: !p.missed.includes(i) })),
        }),
      );
    }
    await recordScores(
      trainings,
      trainer,
      programme.id,
      ScoreSheet.parse({
        entries: people.map((p) => ({
          participantId: p.id,
          preScore: p.preScore,
          postScore: p.postScore,
        })),
      }),
    );
    await issueCertificates(
      { store, keyring: deps.keyring, publicUrl: deps.publicUrl },
      trainer,
      programme.id,
      IssueCertificates.parse({ allCompleted: true }),
    );
    return { programmeId: programme.id, added: true };
  });
}
