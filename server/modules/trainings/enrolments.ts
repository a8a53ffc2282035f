import { inActorTransaction, type StaffActor } from '../../db/actor-transaction';
import { problems, type FieldError } from '../../http/problem';
import { record } from '../audit';
import { dayIn } from '../campaigns/campaign-dates';
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
import * as repo from './enrolments.repository';
import { identityOf } from './participant-identity';
import * as participants from './participants.repository';
import * as programmes from './programmes.repository';
import {
  isForeignKeyViolation,
  numberOf,
  numberOrNull,
  numericOrNull,
  refuseInvalid,
  requireCoordinator,
  type TrainingsDeps,
} from './trainings.service';
import { MAX_ENROLMENT, type Province, type TrainingSector } from './trainings.vocabularies';

/*
 * Enrolments, the attendance sheet and the evaluation scores of a programme:
 * coordinators. Each request is one transaction and one audit event naming
 * the programme (enrolments, scores) or the session (a sheet), however many
 * participants it covers. Completion is never written: the view computes it.
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
    await participants.refreshKeepUntil(trx, toAdd, deps.retentionYears);
    record(trx, {
      action: 'training.enrolment.add',
      outcome: 'success',
      resourceType: 'training_programme',
      resourceId: id,
    });
    return { added, enrolled: await repo.countEnrolled(trx, id) };
  });
}

/** Removes an enrolment made in error: only while no attendance is recorded for it. */
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
      if (await repo.enrolmentHasAttendance(trx, id, participantId)) throw hasAttendance();
      if (!(await repo.deleteEnrolment(trx, id, participantId))) throw problems.notFound();
      await participants.refreshKeepUntil(trx, [participantId], deps.retentionYears);
      record(trx, {
        action: 'training.enrolment.remove',
        outcome: 'success',
        resourceType: 'training_programme',
        resourceId: id,
      });
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
 * same rows), in one transaction, audited once naming the session. Taken
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
    if (session.day_text > dayIn(deps.clock())) {
      throw problems.conflict(
        'session_not_held',
        'This session has not taken place yet',
        "Attendance is recorded on or after the session's day.",
      );
    }
    const ids = sheet.entries.map((e) => e.participantId);
    const enrolled = await repo.enrolledAmong(trx, id, ids);
    refuseInvalid(notEnrolledErrors(ids, enrolled));
    await repo.replaceAttendance(trx, { id: sessionId, programmeId: id }, sheet.entries, actor.id);
    record(trx, {
      action: 'training.attendance.record',
      outcome: 'success',
      resourceType: 'training_session',
      resourceId: sessionId,
    });
    return toRecorded(sessionId, await repo.attendanceOf(trx, sessionId));
  });
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

/** Pre- and post-evaluation scores of several enrolments at once, audited once. */
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
    await repo.updateScores(
      trx,
      id,
      sheet.entries.map((e) => ({
        participantId: e.participantId,
        ...(e.preScore !== undefined ? { preScore: numericOrNull(e.preScore) } : {}),
        ...(e.postScore !== undefined ? { postScore: numericOrNull(e.postScore) } : {}),
      })),
    );
    record(trx, {
      action: 'training.scores.record',
      outcome: 'success',
      resourceType: 'training_programme',
      resourceId: id,
    });
    const rows = await repo.scoresOf(trx, id, ids);
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
