import { inActorTransaction, type StaffActor } from '../../db/actor-transaction';
import { problems, type FieldError, refuseInvalid } from '../../http/problem';
import { personalTextErrors } from '../../http/plain-text';
import { record } from '../audit';
import { keepCertifiedCompleted } from './certified';
import { detailOf } from './programme-read';
import type { NewProgramme, ProgrammeChange, ProgrammeDetail } from './programme.schemas';
import * as repo from './programmes.repository';
import { refreshKeepUntil } from './participants.repository';
import {
  conflictOn,
  numberOf,
  numberOrNull,
  numericOrNull,
  numericText,
  stale,
  type TrainingsDeps,
} from './trainings.service';
import { definedOnly } from '../../http/validate';
import { isForeignKeyViolation } from '../../db/errors';
import { requireCoordinator } from '../auth';

/** Creating, changing and deleting programmes: coordinators; each change audited once. */

type ProgrammeAction =
  'training.programme.create' | 'training.programme.update' | 'training.programme.delete';

const audited = (trx: repo.Trx, action: ProgrammeAction, id: string) =>
  record(trx, { action, outcome: 'success', resourceType: 'training_programme', resourceId: id });

type Plan = NewProgramme;

/** The fields completion is computed by. */
const RULE_FIELDS = ['totalHours', 'minAttendancePercent', 'minFinalScore'] as const;

function columnsOf(plan: Plan) {
  return {
    name: plan.name,
    topic: plan.topic,
    target_sectors: plan.targetSectors,
    partner_institution: plan.partnerInstitution,
    modality: plan.modality,
    total_hours: numericText(plan.totalHours),
    min_attendance_percent: numericText(plan.minAttendancePercent),
    min_final_score: numericOrNull(plan.minFinalScore),
    starts_on: plan.startsOn,
    ends_on: plan.endsOn,
    province: plan.province,
  };
}

function planOf(row: repo.ProgrammeRow): Plan {
  return {
    name: row.name,
    topic: row.topic,
    targetSectors: row.target_sectors as Plan['targetSectors'],
    partnerInstitution: row.partner_institution,
    modality: row.modality as Plan['modality'],
    totalHours: numberOf(row.total_hours_text),
    minAttendancePercent: numberOf(row.min_attendance_text),
    minFinalScore: numberOrNull(row.min_final_score_text),
    startsOn: row.starts_on_text,
    endsOn: row.ends_on_text,
    province: row.province as Plan['province'],
  };
}

function planErrors(plan: Plan, given: ReadonlySet<string>): FieldError[] {
  if (plan.endsOn >= plan.startsOn) return [];
  return [
    {
      path: given.has('endsOn') || !given.has('startsOn') ? 'body.endsOn' : 'body.startsOn',
      code: 'ends_before_start',
      message: 'The programme must end on or after the day it starts',
    },
  ];
}

const textsOf = (input: Partial<Plan>) => ({
  name: input.name,
  topic: input.topic,
  partnerInstitution: input.partnerInstitution,
});

export function createProgramme(
  deps: TrainingsDeps,
  actor: StaffActor,
  input: NewProgramme,
): Promise<ProgrammeDetail> {
  requireCoordinator(actor);
  return inActorTransaction(deps.store, actor, async (trx) => {
    refuseInvalid([
      ...personalTextErrors(textsOf(input)),
      ...planErrors(input, new Set(Object.keys(input))),
    ]);
    const id = await repo.insertProgramme(trx, { ...columnsOf(input), created_by: actor.id });
    audited(trx, 'training.programme.create', id);
    return detailOf(trx, id);
  });
}

/**
 * A partial change from the version the coordinator read (409 stale_version
 * otherwise). The programme is held while it is checked, so a session cannot
 * be added meanwhile outside what it becomes: a change that would leave a
 * session outside the period, or the sessions' hours above the total, is
 * refused (409, naming the field). Completion follows the new rule at once,
 * unless it would leave a holder of a valid certificate no longer completed
 * (409 certificate_depends_on_completion, naming the rule's fields changed).
 */
export function updateProgramme(
  deps: TrainingsDeps,
  actor: StaffActor,
  id: string,
  change: ProgrammeChange,
): Promise<ProgrammeDetail> {
  requireCoordinator(actor);
  return inActorTransaction(deps.store, actor, async (trx) => {
    const row = await repo.findProgramme(trx, id, true);
    if (!row) throw problems.notFound();
    if (row.version !== change.version) throw stale('programme');
    const { version, ...fields } = change;
    const plan: Plan = { ...planOf(row), ...definedOnly(fields) };
    const given = new Set(Object.keys(definedOnly(fields)));
    refuseInvalid([...personalTextErrors(textsOf(fields)), ...planErrors(plan, given)]);
    const sessions = await repo.sessionsOf(trx, id);
    const errors: FieldError[] = [];
    if (sessions.some((s) => s.day_text < plan.startsOn || s.day_text > plan.endsOn)) {
      errors.push({
        path: given.has('startsOn') ? 'body.startsOn' : 'body.endsOn',
        code: 'sessions_outside_period',
        message: 'Sessions of the programme fall outside this period',
      });
    }
    const scheduled = sessions.reduce(
      (sum, s) => sum + Math.round(numberOf(s.hours_text) * 100),
      0,
    );
    if (scheduled > Math.round(plan.totalHours * 100)) {
      errors.push({
        path: 'body.totalHours',
        code: 'sessions_exceed_total_hours',
        message: 'The sessions of the programme add up to more hours than this',
      });
    }
    if (errors.length > 0) {
      throw conflictOn(
        'programme_sessions_outside',
        'Sessions fall outside the changed programme',
        'Change or delete those sessions first.',
        errors,
      );
    }
    if (!(await repo.updateAtVersion(trx, 'training_programmes', id, version, columnsOf(plan)))) {
      throw stale('programme');
    }
    await keepCertifiedCompleted(trx, id, () => {
      const rule = RULE_FIELDS.filter((field) => given.has(field));
      return rule.length > 0 ? rule.map((field) => `body.${field}`) : ['body'];
    });
    if (given.has('endsOn')) {
      await refreshKeepUntil(trx, await repo.enrolledParticipantIds(trx, id), deps.retentionYears);
    }
    audited(trx, 'training.programme.update', id);
    return detailOf(trx, id);
  });
}

/**
 * Deletes a programme recorded in error, with its sessions and enrolments:
 * only while no attendance has been recorded for it (409 has_attendance) and
 * nothing else refers to it (a certificate: 409 programme_in_use).
 */
export async function deleteProgramme(
  deps: TrainingsDeps,
  actor: StaffActor,
  id: string,
): Promise<void> {
  requireCoordinator(actor);
  try {
    await inActorTransaction(deps.store, actor, async (trx) => {
      if (!(await repo.findProgramme(trx, id, true))) throw problems.notFound();
      if (await repo.programmeHasAttendance(trx, id)) {
        throw problems.conflict(
          'has_attendance',
          'Attendance has been recorded for this programme',
          'A programme with attendance is kept: its participants were trained.',
        );
      }
      const enrolled = await repo.enrolledParticipantIds(trx, id);
      await repo.deleteProgramme(trx, id);
      await refreshKeepUntil(trx, enrolled, deps.retentionYears);
      audited(trx, 'training.programme.delete', id);
    });
  } catch (error) {
    if (isForeignKeyViolation(error)) {
      throw problems.conflict(
        'programme_in_use',
        'Other records refer to this programme',
        'It cannot be deleted while they exist.',
      );
    }
    throw error;
  }
}
