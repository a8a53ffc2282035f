import { inActorTransaction, SYSTEM_ACTOR, type StaffActor } from '../../db/actor-transaction';
import { asSystemWithin } from '../../db/rls-context';
import { problems } from '../../http/problem';
import { canHoldCases } from '../../../security/policy';
import { record } from '../audit';
import { ageAtIdentification, attributeColumns } from './case-columns';
import { decryptIdentity, encryptIdentity } from './case-crypto';
import { blindIndexesOf, possibleDuplicates } from './case-duplicates';
import { assertMayAct, onCase } from './case-key-access';
import { moveBlindIndexesToTeam, replaceBlindIndexes } from './case-keys.repository';
import { ageBand, isMinorBand } from './cases.vocabularies';
import {
  findStaffMember,
  moveCase,
  identityColumnsOf,
  toAttributes,
  toDetail,
  toSummary,
  updateCaseAtVersion,
  type CaseRow,
} from './cases.repository';
import type { AssignCase, CaseDetail, PossibleDuplicate, UpdateCase } from './cases.schemas';
import type { CasesDeps } from './cases.service';

type CaseStatus = CaseRow['status'];

/** Where a case may go from each status (reopening a closed case is allowed). */
const NEXT_STATUSES: Record<CaseStatus, readonly CaseStatus[]> = {
  intake: ['active', 'closed', 'closed_referred'],
  active: ['follow_up', 'closed', 'closed_referred'],
  follow_up: ['active', 'closed', 'closed_referred'],
  closed: ['active'],
  closed_referred: ['active'],
};

/**
 * A partial change from the version the person saw: a stale version gets 409
 * and nothing is written. Identifying fields are re-encrypted under the
 * case's key; a status change needs a legal transition and a reason code.
 */
export async function updateCase(
  deps: CasesDeps,
  actor: StaffActor,
  id: string,
  change: UpdateCase,
): Promise<{ case: CaseDetail; possibleDuplicates: PossibleDuplicate[] }> {
  if (!canHoldCases(actor)) throw problems.forbidden();
  const indexes = change.identity ? blindIndexesOf(deps.blindIndexKey, change.identity) : [];
  return onCase(deps, actor, id, async (trx, kase) => {
    const current = kase.row;
    assertMayAct(kase, change.status !== undefined ? 'change_status' : 'edit');
    if (current.erased_at) throw problems.conflict('case_erased', 'This case has been erased');
    if (current.version !== change.version) throw stale();
    if (change.status !== undefined && !NEXT_STATUSES[current.status].includes(change.status)) {
      throw problems.conflict('illegal_status_change', 'This status change is not allowed');
    }
    const merged = { ...toAttributes(current), ...change.attributes };
    // A date of birth given now may make the person a child (never an adult).
    const age = ageAtIdentification(
      merged.ageAtIdentification,
      change.identity?.dateOfBirth,
      current.identified_on_text,
    );
    const ageChanged = age !== merged.ageAtIdentification;
    merged.ageAtIdentification = age;
    if (liftsMinority(current, merged.ageAtIdentification)) throw needsAgeCorrection();
    const dataKey = await kase.dataKey();
    const row = await updateCaseAtVersion(trx, current.id, change.version, {
      ...(change.riskLevel ? { risk_level: change.riskLevel } : {}),
      ...(change.status ? { status: change.status } : {}),
      ...(change.attributes || ageChanged ? attributeColumns(merged) : {}),
      ...(change.identity ? encryptIdentity(dataKey, current.id, change.identity) : {}),
    });
    if (!row) throw stale();
    await replaceBlindIndexes(trx, current.id, row.team_id, indexes);
    const resource = { resourceType: 'case', resourceId: current.id };
    record(trx, { ...resource, action: 'case.update', outcome: 'success', purpose: 'edit' });
    if (change.status) {
      record(trx, {
        ...resource,
        action: 'case.status_change',
        outcome: 'success',
        purpose: change.statusReason,
      });
    }
    const identity = decryptIdentity(dataKey, current.id, identityColumnsOf(row));
    const duplicates = await possibleDuplicates(trx, indexes, current.id);
    return {
      case: toDetail(row, identity),
      possibleDuplicates: duplicates,
    };
  });
}

/**
 * A supervisor assigns a case of their team to an active caseworker; the case
 * moves to that caseworker's team. Never through break-glass. Audited;
 * returns the summary only.
 */
export async function assignCase(
  deps: CasesDeps,
  actor: StaffActor,
  id: string,
  input: AssignCase,
) {
  if (actor.role !== 'supervisor') throw problems.forbidden();
  const assignee = await inActorTransaction(deps.store, SYSTEM_ACTOR, (trx) =>
    findStaffMember(trx, input.assignedTo),
  );
  if (!assignee?.active || assignee.role !== 'caseworker' || !assignee.team_id) {
    throw problems.validation([
      {
        path: 'body.assignedTo',
        code: 'not_an_assignable_caseworker',
        message: 'Must be an active caseworker who belongs to a team',
      },
    ]);
  }
  const teamId = assignee.team_id;
  return onCase(deps, actor, id, async (trx, kase) => {
    assertMayAct(kase, 'assign');
    const current = kase.row;
    // The supervisor may see the case (just read under their context); once
    // moved to another team they may not, so the move itself runs as the system.
    const moved = await asSystemWithin(trx, actor, async () => {
      await moveBlindIndexesToTeam(trx, current.id, teamId);
      return moveCase(trx, current.id, current.version, assignee.id, teamId);
    });
    if (!moved) throw stale();
    record(trx, {
      action: 'case.assign',
      outcome: 'success',
      resourceType: 'case',
      resourceId: current.id,
    });
    return toSummary({
      ...current,
      assigned_to: assignee.id,
      team_id: teamId,
      version: current.version + 1,
      updated_at: new Date(),
    });
  });
}

/**
 * A minor's case becomes an adult's (which lifts the four-eyes rule on
 * consent) only through an age correction another supervisor approves.
 */
export function liftsMinority(current: Pick<CaseRow, 'age_band'>, newAge: number | undefined) {
  return isMinorBand(current.age_band) && !isMinorBand(ageBand(newAge));
}

const needsAgeCorrection = () =>
  problems
    .conflict(
      'age_correction_needs_approval',
      'This age makes a minor an adult',
      'Request an age correction; another supervisor of the team must approve it.',
    )
    .asRefusal('minor_status');

export const stale = () =>
  problems.conflict(
    'stale_version',
    'The case changed since you read it',
    'Read it again and reapply your change.',
  );
