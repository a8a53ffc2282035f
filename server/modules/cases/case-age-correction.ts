import { canHoldCases } from '../../../security/policy';
import type { StaffActor } from '../../db/actor-transaction';
import { problems } from '../../http/problem';
import { knownPurpose, record } from '../audit';
import { attributeColumns } from './case-columns';
import { liftsMinority, stale } from './case-changes';
import { assertMayAct, onCase } from './case-key-access';
import { findActorTeam, toAttributes, toRecord, updateCaseAtVersion } from './cases.repository';
import type { CaseRecord, DecideAgeCorrection, RequestAgeCorrection } from './cases.schemas';
import type { CasesDeps } from './cases.service';

/**
 * Someone of the case's own team asks to correct the age of a minor to an
 * adult's; it waits for another supervisor of the team (four eyes), because
 * a minor's consent needs a guardian or a best-interest determination and a
 * second supervisor's approval. Ages that keep a minor a minor, or make an
 * adult a minor, are ordinary edits.
 */
export function requestAgeCorrection(
  deps: CasesDeps,
  actor: StaffActor,
  caseId: string,
  input: RequestAgeCorrection,
): Promise<CaseRecord> {
  if (!canHoldCases(actor)) throw problems.forbidden();
  return onCase(deps, actor, caseId, async (trx, kase) => {
    assertMayAct(kase, 'edit');
    const current = kase.row;
    if (current.erased_at) throw problems.conflict('case_erased', 'This case has been erased');
    if (current.version !== input.version) throw stale();
    if (current.age_correction_to !== null) {
      throw problems.conflict('age_correction_pending', 'An age correction awaits a decision');
    }
    if (!liftsMinority(current, input.ageAtIdentification)) {
      throw problems.conflict(
        'age_correction_not_needed',
        'This age keeps the case as it is',
        'Change it with an ordinary edit of the case.',
      );
    }
    const row = await updateCaseAtVersion(trx, current.id, input.version, {
      age_correction_to: input.ageAtIdentification,
      age_correction_reason: input.reason,
      age_correction_by: actor.id,
      age_correction_at: new Date(), // the database stamps its own time
    });
    if (!row) throw stale();
    record(trx, {
      action: 'case.age_correction.request',
      outcome: 'success',
      resourceType: 'case',
      resourceId: current.id,
      purpose: input.reason,
    });
    return toRecord(row);
  });
}

/**
 * A supervisor of the case's own team who did not request it approves the
 * correction (the case becomes an adult's: its own audit event,
 * `case.minor_status_lifted`) or rejects it.
 */
export function decideAgeCorrection(
  deps: CasesDeps,
  actor: StaffActor,
  caseId: string,
  input: DecideAgeCorrection,
): Promise<CaseRecord> {
  if (actor.role !== 'supervisor') throw problems.forbidden();
  return onCase(deps, actor, caseId, async (trx, kase) => {
    assertMayAct(kase, 'edit');
    const current = kase.row;
    // The case's own team decides (a supervisor sees only their team's cases,
    // but an assignee's access is not a team's).
    if ((await findActorTeam(trx, actor.id))?.team_id !== current.team_id) {
      throw problems.forbidden();
    }
    if (current.age_correction_to === null) {
      throw problems.conflict('no_age_correction', 'No age correction awaits a decision');
    }
    if (current.version !== input.version) throw stale();
    if (current.age_correction_by === actor.id) {
      throw problems.fourEyes(
        'Another supervisor must decide',
        'The person who requested an age correction cannot decide on it.',
      );
    }
    const approve = input.decision === 'approve';
    const attributes = { ...toAttributes(current), ageAtIdentification: current.age_correction_to };
    const row = await updateCaseAtVersion(trx, current.id, current.version, {
      ...(approve ? attributeColumns(attributes) : {}),
      age_correction_to: null,
      age_correction_reason: null,
      age_correction_by: null,
      age_correction_at: null,
    });
    if (!row) throw stale();
    record(trx, {
      action: approve ? 'case.minor_status_lifted' : 'case.age_correction.reject',
      outcome: 'success',
      resourceType: 'case',
      resourceId: current.id,
      purpose: knownPurpose(current.age_correction_reason),
    });
    return toRecord(row);
  });
}
