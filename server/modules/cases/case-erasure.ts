import { canHoldCases } from '../../../security/policy';
import { inActorTransaction, type StaffActor } from '../../db/actor-transaction';
import { problems } from '../../http/problem';
import { record } from '../audit';
import { destroyCaseKey } from './case-keys.repository';
import { findCase, toSummary, updateCaseAtVersion } from './cases.repository';
import type { CaseSummary, EraseCase } from './cases.schemas';
import type { CasesDeps } from './cases.service';

/**
 * Erasure by crypto-shredding (a supervisor, after a step-up): the case's data
 * key and blind indexes are destroyed in one transaction, so every encrypted
 * field becomes unrecoverable; the non-identifying attributes stay for
 * statistics and the audit trail stays whole. Cannot be undone.
 */
export async function eraseCase(
  deps: CasesDeps,
  actor: StaffActor,
  id: string,
  input: EraseCase,
): Promise<CaseSummary> {
  if (actor.role !== 'supervisor' || !canHoldCases(actor)) throw problems.forbidden();
  return inActorTransaction(deps.store, actor, async (trx) => {
    const current = await findCase(trx, id);
    if (!current) throw problems.notFound();
    if (current.erased_at) throw problems.conflict('case_erased', 'This case has been erased');
    if (!(await destroyCaseKey(trx, id))) {
      throw problems.conflict('case_erased', 'This case has been erased');
    }
    const row = await updateCaseAtVersion(trx, id, current.version, { erased_at: new Date() });
    if (!row) throw problems.conflict('stale_version', 'The case changed meanwhile');
    record(trx, {
      action: 'case.erase',
      outcome: 'success',
      resourceType: 'case',
      resourceId: id,
      purpose: input.reason,
    });
    return toSummary(row);
  });
}
