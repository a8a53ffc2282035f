import type { Transaction } from 'kysely';
import { ProblemError } from '../http/problem';
import { record } from '../modules/audit';
import {
  auditAlone,
  auditDenialIfExists,
  inActorTransaction,
  type Store,
} from './actor-transaction';
import type { DbActor } from './rls-context';
import type { DB } from './schema';

export interface RecordUseCase {
  resource: { type: string; id: string };
  /** Whether the record exists at all (asked as the system, after a 404). */
  exists: (trx: Transaction<DB>) => Promise<boolean>;
  audit: { action: string; purpose?: string };
}

/**
 * The shape of a use case on one record: one transaction under the actor's
 * row-level security, one audit event for the act. A record the actor may
 * not see answers 404 like a missing one (the attempt is audited when it
 * exists); an act that is not theirs answers 403, audited.
 */
export async function onAuditedRecord<T>(
  store: Store,
  actor: DbActor,
  useCase: RecordUseCase,
  work: (trx: Transaction<DB>) => Promise<T>,
): Promise<T> {
  const { resource, audit } = useCase;
  try {
    return await inActorTransaction(store, actor, async (trx) => {
      const result = await work(trx);
      record(trx, {
        ...audit,
        outcome: 'success',
        resourceType: resource.type,
        resourceId: resource.id,
      });
      return result;
    });
  } catch (error) {
    if (error instanceof ProblemError && error.status === 404) {
      await auditDenialIfExists(store, actor, resource, useCase.exists);
    } else if (error instanceof ProblemError && error.status === 403) {
      await auditAlone(store, actor, {
        action: 'access.denied',
        outcome: 'denied',
        resourceType: resource.type,
        resourceId: resource.id,
      });
    }
    throw error;
  }
}
