import { inActorTransaction, type StaffActor } from '../../db/actor-transaction';
import { problems, type FieldError, refuseInvalid } from '../../http/problem';
import { record } from '../audit';
import type {
  AttendanceSheet,
  Enrolment,
  EnrolmentResult,
  NewEnrolments,
  RecordedAttendance,
  RecordedScores,
  Roster,
  ScoreSheet,
} from './enrolment.schemas';
import {
  certificateDependsOnCompletion,
  holdsValidCertificate,
  keepCertifiedCompleted,
} from './certified';
import * as repo from './enrolments.repository';
import { identityOf } from './participant-identity';
import * as participants from './participants.repository';
import * as programmes from './programmes.repository';
import {
  auditParticipants,
  conflictOn,
  numberOf,
  numberOrNull,
  numericOrNull,
  type TrainingsDeps,
} from './trainings.service';
import { MAX_ENROLMENT, type Province, type TrainingSector } from './trainings.vocabularies';
import { isForeignKeyViolation } from '../../db/errors';
import { requireCoordinator } from '../auth';
import { ecuadorDate } from '../../http/ecuador-calendar';

/*
 * Enrolments, the attendance sheet and the evaluation scores of a programme:
 * coordinators. Each request is one transaction, audited with one event
 * naming the programme (enrolments, scores) or the session (a sheet) and one
 * event per participant it actually changed. Completion is never written:
 * the view computes it, and a change that would take a holder of a valid
 * certificate below it is refused (certified.ts). An erased participant's
 * attendance and scores no longer change (409 participant_erased).
 */

type Trx = programmes.Trx;

async function heldProgramme(trx: Trx, id: string): Promise<programmes.ProgrammeRow> {
  const row = await programmes.findProgramme(trx, id, true);
  if (!row) throw problems.notFound();
  return row;
}

function toEnrolment(deps: TrainingsDeps, row: repo.RosterRow): Enrolment {
  const identity = identityOf(deps.keyring, row);
  return {
    participantId: row.participant_id,
    fullName: identity?.fullName ?? null,
    position: identity?.position ?? null,
    institutionName: row.institution_name,
    sector: row.sector as TrainingSector,
    province: row.province as Province | null,
    erased: identity === null,
    preScore: numberOrNull(row.pre_score_text),
    postScore: numberOrNull(row.post_score_text),
    attendedHours: numberOf(row.attended_hours_text),
    attendancePercent: numberOf(row.attendance_percent_text),
    completed: row.completed,
    completedOn: row.completed_on_text,
    enrolledAt: row.enrolled_at.toISOString(),
  };
}

/** Every enrolment of the programme with names: audited once (training.enrolment.list). */
export function readRoster(deps: TrainingsDeps, actor: StaffActor, id: string): Promise<Roster> {
  requireCoordinator(actor);
  return inActorTransaction(deps.store, actor, async (trx) => {
    if (!(await programmes.findProgramme(trx, id))) throw problems.notFound();
    const rows = await repo.rosterOf(trx, id);
    record(trx, {
      action: 'training.enrolment.list',
      outcome: 'success',
      resourceType: 'training_programme',
      resourceId: id,
    });
    return { programmeId: id, items: rows.map((row) => toEnrolment(deps, row)) };
  });
}

export function enrolParticipants(
  deps: TrainingsDeps,
  actor: StaffActor,
  id: string,
  input: NewEnrolments,
): Promise<EnrolmentResult> {
  requireCoordinator(actor);
  return inActorTransaction(deps.store, actor, async (trx) => {
    await heldProgramme(trx, id);
    const found = new Map(
      (await participants.participantsByIds(trx, input.participantIds)).map((p) => [p.id, p]),
    );
    const errors: FieldError[] = [];
    input.participantIds.forEach((participantId, index) => {
      const participant = found.get(participantId);
      const path = `body.participantIds.${index}`;
      if (!participant) {
        errors.push({ path, code: 'participant_not_found', message: 'No such participant' });
      } else if (participant.erased_at !== null) {
        errors.push({ path, code: 'participant_erased', message: 'This participant was erased' });
      }
    });
    refuseInvalid(errors);
    const already = await repo.enrolledAmong(trx, id, input.participantIds);
    const toAdd = input.participantIds.filter((p) => !already.has(p));
    if ((await repo.countEnrolled(trx, id)) + toAdd.length > MAX_ENROLMENT) {
      throw problems.conflict(
        'enrolment_full',
        'The programme would have too many participants',
        `A programme enrols at most ${MAX_ENROLMENT} participants.`,
      );
    }
    const added = await repo.insertEnrolments(trx, id, toAdd, actor.id);
    await participants.refreshKeepUntil(trx, added, deps.retentionYears);
    record(trx, {
      action: 'training.enrolment.add',
      outcome: 'success',
      resourceType: 'training_programme',
      resourceId: id,
    });
    auditParticipants(trx, 'training.enrolment.add', added);
    return { added: added.length, enrolled: await repo.countEnrolled(trx, id) };
  });
}

/**
 * Removes an enrolment made in error: never while its participant holds a
 * valid certificate of the programme (409 certificate_depends_on_completion;
 * a revoked one still refers to it: 409 enrolment_in_use), nor once
 * attendance is recorded for it.
 */
export async function removeEnrolment(
  deps: TrainingsDeps,
  actor: StaffActor,
  id: string,
  participantId: string,
): Promise<void> {
  requireCoordinator(actor);
  const hasAttendance = () =>
    problems.conflict(
      'has_attendance',
      'Attendance has been recorded for this participant',
      'Take them off the attendance sheets first, if they were recorded in error.',
    );
  try {
    await inActorTransaction(deps.store, actor, async (trx) => {
      await heldProgramme(trx, id);
      if (await holdsValidCertificate(trx, id, participantId)) {
        throw certificateDependsOnCompletion(1, ['params.participantId']);
      }
      if (await repo.enrolmentHasAttendance(trx, id, participantId)) throw hasAttendance();
      if (!(await repo.deleteEnrolment(trx, id, participantId))) throw problems.notFound();
      await participants.refreshKeepUntil(trx, [participantId], deps.retentionYears);
      record(trx, {
        action: 'training.enrolment.remove',
        outcome: 'success',
        resourceType: 'training_programme',
        resourceId: id,
      });
      auditParticipants(trx, 'training.enrolment.remove', [participantId]);
    });
  } catch (error) {
    if (isForeignKeyViolation(error)) {
      throw problems.conflict(
        'enrolment_in_use',
        'Other records refer to this enrolment',
        'It cannot be removed while they exist.',
      );
    }
    throw error;
  }
}

function toRecorded(
  sessionId: string,
  rows: Awaited<ReturnType<typeof repo.attendanceOf>>,
): RecordedAttendance {
  const present = rows.filter((r) => r.present).length;
  const latest = rows.reduce<Date | null>(
    (at, r) => (at === null || r.recorded_at > at ? r.recorded_at : at),
    null,
  );
  return {
    sessionId,
    entries: rows.map((r) => ({ participantId: r.participant_id, present: r.present })),
    present,
    absent: rows.length - present,
    recordedAt: latest?.toISOString() ?? null,
  };
}

/** A session's sheet (ids and present/absent only: the roster has the names). Not audited. */
export function readAttendance(
  deps: TrainingsDeps,
  actor: StaffActor,
  id: string,
  sessionId: string,
): Promise<RecordedAttendance> {
  requireCoordinator(actor);
  return inActorTransaction(deps.store, actor, async (trx) => {
    if (!(await programmes.findSession(trx, id, sessionId))) throw problems.notFound();
    return toRecorded(sessionId, await repo.attendanceOf(trx, sessionId));
  });
}

/**
 * Records a session's whole attendance sheet in one request: it replaces
 * what was recorded for the session (saving the same sheet twice leaves the
 * same rows), in one transaction, audited once naming the session and once
 * per participant whose entry changed (added, removed or turned). Taken
 * once the session has started (its day in Ecuador is not after today).
 */
export function recordAttendance(
  deps: TrainingsDeps,
  actor: StaffActor,
  id: string,
  sessionId: string,
  sheet: AttendanceSheet,
): Promise<RecordedAttendance> {
  requireCoordinator(actor);
  return inActorTransaction(deps.store, actor, async (trx) => {
    await heldProgramme(trx, id);
    const session = await programmes.findSession(trx, id, sessionId, true);
    if (!session) throw problems.notFound();
    if (session.day_text > ecuadorDate(deps.clock())) {
      throw problems.conflict(
        'session_not_held',
        'This session has not taken place yet',
        "Attendance is recorded on or after the session's day.",
      );
    }
    const ids = sheet.entries.map((e) => e.participantId);
    const enrolled = await repo.enrolledAmong(trx, id, ids);
    refuseInvalid(notEnrolledErrors(ids, enrolled));
    const recorded = new Map(
      (await repo.attendanceOf(trx, sessionId)).map((r) => [r.participant_id, r.present]),
    );
    const sent = new Map(sheet.entries.map((e) => [e.participantId, e.present]));
    const changed = [...new Set([...recorded.keys(), ...sent.keys()])].filter(
      (participantId) => recorded.get(participantId) !== sent.get(participantId),
    );
    const entryPath = (participantId: string, field: string) => {
      const index = ids.indexOf(participantId);
      return index < 0 ? 'body.entries' : `body.entries.${index}.${field}`;
    };
    await refuseErased(trx, changed, (p) => entryPath(p, 'participantId'));
    await repo.replaceAttendance(trx, { id: sessionId, programmeId: id }, sheet.entries, actor.id);
    await keepCertifiedCompleted(trx, id, (lost) =>
      distinct(lost.map((p) => entryPath(p, 'present'))),
    );
    record(trx, {
      action: 'training.attendance.record',
      outcome: 'success',
      resourceType: 'training_session',
      resourceId: sessionId,
    });
    auditParticipants(trx, 'training.attendance.record', changed);
    return toRecorded(sessionId, await repo.attendanceOf(trx, sessionId));
  });
}

const distinct = (paths: string[]) => [...new Set(paths)];

/** 409 participant_erased when a change would touch an erased participant's records. */
async function refuseErased(
  trx: Trx,
  changed: readonly string[],
  pathOf: (participantId: string) => string,
): Promise<void> {
  const erased = await participants.erasedAmong(trx, changed);
  if (erased.length === 0) return;
  throw conflictOn(
    'participant_erased',
    'This participant has been erased',
    "An erased participant's attendance and scores are kept as they were, and no longer change.",
    distinct(erased.map(pathOf)).map((path) => ({
      path,
      code: 'participant_erased',
      message: 'This participant was erased',
    })),
  );
}

function notEnrolledErrors(ids: string[], enrolled: ReadonlySet<string>): FieldError[] {
  return ids.flatMap((participantId, index) =>
    enrolled.has(participantId)
      ? []
      : [
          {
            path: `body.entries.${index}.participantId`,
            code: 'not_enrolled',
            message: 'Not enrolled in this programme',
          },
        ],
  );
}

/**
 * Pre- and post-evaluation scores of several enrolments at once, audited
 * once naming the programme and once per participant whose scores changed.
 */
export function recordScores(
  deps: TrainingsDeps,
  actor: StaffActor,
  id: string,
  sheet: ScoreSheet,
): Promise<RecordedScores> {
  requireCoordinator(actor);
  return inActorTransaction(deps.store, actor, async (trx) => {
    await heldProgramme(trx, id);
    const ids = sheet.entries.map((e) => e.participantId);
    refuseInvalid(notEnrolledErrors(ids, await repo.enrolledAmong(trx, id, ids)));
    const before = new Map((await repo.scoresOf(trx, id, ids)).map((r) => [r.participant_id, r]));
    await repo.updateScores(
      trx,
      id,
      sheet.entries.map((e) => ({
        participantId: e.participantId,
        ...(e.preScore !== undefined ? { preScore: numericOrNull(e.preScore) } : {}),
        ...(e.postScore !== undefined ? { postScore: numericOrNull(e.postScore) } : {}),
      })),
    );
    const rows = await repo.scoresOf(trx, id, ids);
    const changed = rows
      .filter((r) => {
        const was = before.get(r.participant_id);
        return (
          was?.pre_score_text !== r.pre_score_text || was.post_score_text !== r.post_score_text
        );
      })
      .map((r) => r.participant_id);
    const entryPath = (participantId: string, field: string) =>
      `body.entries.${ids.indexOf(participantId)}.${field}`;
    await refuseErased(trx, changed, (p) => entryPath(p, 'participantId'));
    await keepCertifiedCompleted(trx, id, (lost) =>
      lost.map((p) => (ids.includes(p) ? entryPath(p, 'postScore') : 'body.entries')),
    );
    record(trx, {
      action: 'training.scores.record',
      outcome: 'success',
      resourceType: 'training_programme',
      resourceId: id,
    });
    auditParticipants(trx, 'training.scores.record', changed);
    return {
      items: rows.map((r) => ({
        participantId: r.participant_id,
        preScore: numberOrNull(r.pre_score_text),
        postScore: numberOrNull(r.post_score_text),
        completed: r.completed,
      })),
    };
  });
}
