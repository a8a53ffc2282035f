import type { Transaction } from 'kysely';
import { inActorTransaction, type StaffActor } from '../../db/actor-transaction';
import type { DB } from '../../db/schema';
import { ProblemError, problems } from '../../http/problem';
import { openCaseKey } from './case-crypto';
import { findCaseKey } from './case-keys.repository';
import { findCase } from './cases.repository';
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

/** The data key of a case the actor may see (404 otherwise; 409 once erased). */
export async function caseKey(
  deps: CasesDeps,
  trx: Transaction<DB>,
  caseId: string,
): Promise<Buffer> {
  const found = await findCase(trx, caseId);
  if (!found) throw problems.notFound();
  const wrapped = found.erased_at ? undefined : await findCaseKey(trx, caseId);
  if (!wrapped) throw problems.conflict('case_erased', 'This case has been erased');
  return openCaseKey(deps.keyring, caseId, wrapped);
}
