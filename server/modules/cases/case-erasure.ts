import type { Transaction } from 'kysely';
import { canHoldCases } from '../../../security/policy';
import type { StaffActor } from '../../db/actor-transaction';
import type { DB } from '../../db/schema';
import { problems } from '../../http/problem';
import { record } from '../audit';
import { assertMayAct, lockedCase, onCase } from './case-key-access';
import { destroyCaseKey } from './case-keys.repository';
import { toSummary, updateCaseAtVersion } from './cases.repository';
import type { CaseSummary, EraseCase } from './cases.schemas';
import type { CasesDeps } from './cases.service';

/** What erasing a case does beyond the case itself (the referrals module closes its packages). */
export type ErasureEffects = (
  trx: Transaction<DB>,
  actor: StaffActor,
  caseId: string,
) => Promise<void>;

/**
 * Erasure by crypto-shredding (a supervisor of the case's own team, after a
 * step-up): the case's data key and blind indexes are destroyed in one
 * transaction, so every encrypted field becomes unrecoverable, and every
 * disclosure package of its referrals is closed; the non-identifying
 * attributes stay for statistics and the audit trail stays whole. Cannot be
 * undone.
 */
export async function eraseCase(
  deps: CasesDeps & { onErased: ErasureEffects },
  actor: StaffActor,
  id: string,
  input: EraseCase,
): Promise<CaseSummary> {
  if (actor.role !== 'supervisor' || !canHoldCases(actor)) throw problems.forbidden();
  return onCase(deps, actor, id, async (trx, kase) => {
    assertMayAct(kase, 'erase');
    // The case lock first, before the key is destroyed: a referral being created holds it
    // shared and needs the key row (FK), so locking later would deadlock with it.
    const current = await lockedCase(trx, kase, 'update');
    if (current.erased_at || !(await destroyCaseKey(trx, current.id))) {
      throw problems.conflict('case_erased', 'This case has been erased');
    }
    const row = await updateCaseAtVersion(trx, current.id, current.version, {
      erased_at: new Date(),
    });
    if (!row) throw problems.conflict('stale_version', 'The case changed meanwhile');
    await deps.onErased(trx, actor, current.id);
    record(trx, {
      action: 'case.erase',
      outcome: 'success',
      resourceType: 'case',
      resourceId: current.id,
      purpose: input.reason,
    });
    return toSummary(row);
  });
}
