import { inActorTransaction, type StaffActor } from '../../db/actor-transaction';
import { problems, type FieldError, refuseInvalid } from '../../http/problem';
import { record } from '../audit';
import { keepCertifiedCompleted } from './certified';
import { toSession } from './programme-read';
import type { NewSession, Session, SessionChange } from './programme.schemas';
import * as repo from './programmes.repository';
import { conflictOn, numberOf, numericText, stale, type TrainingsDeps } from './trainings.service';
import { MAX_SESSIONS } from './trainings.vocabularies';
import { personalTextErrors } from '../../http/plain-text';
import { definedOnly } from '../../http/validate';
import { requireCoordinator } from '../auth';
import { ecuadorDate } from '../../http/ecuador-calendar';

/**
 * A programme's sessions: added, changed by version and deleted by
 * coordinators, audited. A change or a deletion that would leave a holder
 * of a valid certificate no longer completed is refused (certified.ts).
 */

type SessionAction =
  'training.session.create' | 'training.session.update' | 'training.session.delete';

const audited = (trx: repo.Trx, action: SessionAction, id: string) =>
  record(trx, { action, outcome: 'success', resourceType: 'training_session', resourceId: id });

interface SessionFields {
  startsAt: string;
  hours: number;
  place: string | null;
  link: string | null;
  trainers: string[];
}

/** The programme, held until the transaction ends (sessions are checked against it). */
async function heldProgramme(trx: repo.Trx, id: string): Promise<repo.ProgrammeRow> {
  const row = await repo.findProgramme(trx, id, true);
  if (!row) throw problems.notFound();
  return row;
}

/**
 * A session takes place within its programme's period (its day in Ecuador),
 * somewhere (a place, a link or both), and the sessions' hours add up to no
 * more than the programme's total.
 */
async function sessionErrors(
  trx: repo.Trx,
  programme: repo.ProgrammeRow,
  session: SessionFields,
  given: ReadonlySet<string>,
  exceptSessionId?: string,
): Promise<FieldError[]> {
  const at = (field: string) => (given.has(field) ? `body.${field}` : 'body');
  const errors: FieldError[] = [];
  const day = ecuadorDate(new Date(session.startsAt));
  if (day < programme.starts_on_text || day > programme.ends_on_text) {
    errors.push({
      path: at('startsAt'),
      code: 'outside_programme_period',
      message: "The session's day (in Ecuador) must fall within the programme's period",
    });
  }
  if (session.place === null && session.link === null) {
    errors.push({
      path: given.has('link') && !given.has('place') ? 'body.link' : 'body.place',
      code: 'place_or_link',
      message: 'Give a place, a link or both',
    });
  }
  const others = (await repo.sessionsOf(trx, programme.id)).filter((s) => s.id !== exceptSessionId);
  const hundredths =
    others.reduce((sum, s) => sum + Math.round(numberOf(s.hours_text) * 100), 0) +
    Math.round(session.hours * 100);
  if (hundredths > Math.round(numberOf(programme.total_hours_text) * 100)) {
    errors.push({
      path: at('hours'),
      code: 'exceeds_total_hours',
      message: "The programme's sessions would add up to more than its total hours",
    });
  }
  return [
    ...errors,
    ...personalTextErrors({ place: session.place, ...trainerTexts(session.trainers) }),
  ];
}

const trainerTexts = (trainers: string[]) =>
  Object.fromEntries(trainers.map((name, index) => [`trainers.${index}`, name]));

const columnsOf = (s: SessionFields) => ({
  starts_at: s.startsAt,
  hours: numericText(s.hours),
  place: s.place,
  link: s.link,
  trainers: s.trainers,
});

async function sessionOf(trx: repo.Trx, programmeId: string, sessionId: string): Promise<Session> {
  const row = await repo.findSession(trx, programmeId, sessionId);
  if (!row) throw problems.notFound();
  return toSession(row);
}

export function createSession(
  deps: TrainingsDeps,
  actor: StaffActor,
  programmeId: string,
  input: NewSession,
): Promise<Session> {
  requireCoordinator(actor);
  return inActorTransaction(deps.store, actor, async (trx) => {
    const programme = await heldProgramme(trx, programmeId);
    refuseInvalid(await sessionErrors(trx, programme, input, new Set(Object.keys(input))));
    if (programme.session_count >= MAX_SESSIONS) {
      throw problems.conflict(
        'too_many_sessions',
        'This programme has as many sessions as it may hold',
        `A programme holds at most ${MAX_SESSIONS} sessions.`,
      );
    }
    const id = await repo.insertSession(trx, { programme_id: programmeId, ...columnsOf(input) });
    audited(trx, 'training.session.create', id);
    return sessionOf(trx, programmeId, id);
  });
}

export function updateSession(
  deps: TrainingsDeps,
  actor: StaffActor,
  programmeId: string,
  sessionId: string,
  change: SessionChange,
): Promise<Session> {
  requireCoordinator(actor);
  return inActorTransaction(deps.store, actor, async (trx) => {
    const programme = await heldProgramme(trx, programmeId);
    const row = await repo.findSession(trx, programmeId, sessionId, true);
    if (!row) throw problems.notFound();
    if (row.version !== change.version) throw stale('session');
    const { version, ...fields } = change;
    const current: SessionFields = {
      startsAt: row.starts_at.toISOString(),
      hours: numberOf(row.hours_text),
      place: row.place,
      link: row.link,
      trainers: row.trainers,
    };
    const session = { ...current, ...definedOnly(fields) };
    const given = new Set(Object.keys(definedOnly(fields)));
    refuseInvalid(await sessionErrors(trx, programme, session, given, sessionId));
    // Attendance taken at a session stays with it: once recorded, the session
    // cannot move to a day that has not come yet.
    if (row.recorded > 0 && ecuadorDate(new Date(session.startsAt)) > ecuadorDate(deps.clock())) {
      throw conflictOn(
        'attendance_recorded',
        'Attendance has been recorded for this session',
        'A session with attendance cannot move to a later day than today.',
        [{ path: 'body.startsAt', code: 'in_the_future', message: 'Not after today' }],
      );
    }
    if (
      !(await repo.updateAtVersion(
        trx,
        'training_sessions',
        sessionId,
        version,
        columnsOf(session),
      ))
    ) {
      throw stale('session');
    }
    // Fewer hours at a session attended can take someone below the minimum.
    await keepCertifiedCompleted(trx, programmeId, () =>
      given.has('hours') ? ['body.hours'] : ['body'],
    );
    audited(trx, 'training.session.update', sessionId);
    return sessionOf(trx, programmeId, sessionId);
  });
}

/** Deletes a session recorded in error: only while no attendance is recorded (409 has_attendance). */
export function deleteSession(
  deps: TrainingsDeps,
  actor: StaffActor,
  programmeId: string,
  sessionId: string,
): Promise<void> {
  requireCoordinator(actor);
  // Attendance is saved holding the programme too (enrolments.ts): none can
  // appear between the count below and the deletion.
  return inActorTransaction(deps.store, actor, async (trx) => {
    await heldProgramme(trx, programmeId);
    const row = await repo.findSession(trx, programmeId, sessionId, true);
    if (!row) throw problems.notFound();
    if (row.recorded > 0) {
      throw problems.conflict(
        'has_attendance',
        'Attendance has been recorded for this session',
        'Save an empty attendance sheet for it first, if it was recorded in error.',
      );
    }
    await repo.deleteSession(trx, sessionId);
    await keepCertifiedCompleted(trx, programmeId, () => ['params.sessionId']);
    audited(trx, 'training.session.delete', sessionId);
  });
}
