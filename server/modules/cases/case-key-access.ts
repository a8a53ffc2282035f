import type { Transaction } from 'kysely';
import { inActorTransaction, type StaffActor } from '../../db/actor-transaction';
import type { DB } from '../../db/schema';
import { canHoldCases } from '../../../security/policy';
import { ProblemError, problems } from '../../http/problem';
import { record } from '../audit';
import { openCaseKey } from './case-crypto';
import { findCaseKey } from './case-keys.repository';
import { findCase, type CaseRow } from './cases.repository';
import { policyAllows } from './case-visibility';
import { auditDenialIfExists, type CasesDeps } from './cases.service';

/** A case the actor may not see answers 404 like a missing one; the attempt is audited. */
export async function withDenialAudit<T>(
  deps: CasesDeps,
  actor: StaffActor,
  caseId: string,
  work: (trx: Transaction<DB>) => Promise<T>,
): Promise<T> {
  try {
    return await inActorTransaction(deps.store, actor, work);
  } catch (error) {
    if (error instanceof ProblemError && error.status === 404) {
      await auditDenialIfExists(deps.store, actor, caseId);
    }
    throw error;
  }
}

/** A case the actor may see (404 otherwise), and its data key on demand (409 once erased). */
export interface VisibleCase {
  row: CaseRow;
  dataKey(): Promise<Buffer>;
}

export async function visibleCase(
  deps: CasesDeps,
  actor: StaffActor,
  trx: Transaction<DB>,
  caseId: string,
): Promise<VisibleCase> {
  const found = await findCase(trx, caseId);
  if (!found || !(await policyAllows(trx, actor, found))) throw problems.notFound();
  return {
    row: found,
    dataKey: async () => {
      const wrapped = found.erased_at ? undefined : await findCaseKey(trx, caseId);
      if (!wrapped) throw problems.conflict('case_erased', 'This case has been erased');
      return openCaseKey(deps.keyring, caseId, wrapped);
    },
  };
}

/**
 * The shape of every use case on a case: only case roles; the case loaded
 * under the actor's row-level security and the policy (404 otherwise, the
 * attempt audited); one audit event for the act, in the same transaction.
 */
export function withCase<T>(
  deps: CasesDeps,
  actor: StaffActor,
  caseId: string,
  audit: { action: string; purpose?: 'view' },
  work: (trx: Transaction<DB>, kase: VisibleCase) => Promise<T>,
): Promise<T> {
  if (!canHoldCases(actor)) throw problems.forbidden();
  return withDenialAudit(deps, actor, caseId, async (trx) => {
    const result = await work(trx, await visibleCase(deps, actor, trx, caseId));
    record(trx, { ...audit, outcome: 'success', resourceType: 'case', resourceId: caseId });
    return result;
  });
}

/** `withCase` for use cases on the case's encrypted content. */
export function withCaseKey<T>(
  deps: CasesDeps,
  actor: StaffActor,
  caseId: string,
  audit: { action: string; purpose?: 'view' },
  work: (trx: Transaction<DB>, dataKey: Buffer) => Promise<T>,
): Promise<T> {
  return withCase(deps, actor, caseId, audit, async (trx, kase) => work(trx, await kase.dataKey()));
}
