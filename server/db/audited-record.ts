import type { Transaction } from 'kysely';
import { ProblemError } from '../http/problem';
import { record, type AuditAction, type AuditPurpose } from '../modules/audit';
import {
  auditAlone,
  auditDenialIfExists,
  inActorTransaction,
  type Store,
} from './actor-transaction';
import type { DbActor } from './rls-context';
import type { DB } from './schema';

export interface AuditedResource {
  type: string;
  id: string;
  /** Whether the record exists at all (asked as the system, after a 404). */
  exists: (trx: Transaction<DB>) => Promise<boolean>;
}

export interface RecordUseCase {
  resource: AuditedResource;
  audit: { action: AuditAction; purpose?: AuditPurpose };
}

/**
 * Runs a use case on one record and audits its refusals, each in a
 * transaction of its own (the use case's rolled back): a record the actor
 * may not see answers 404 like a missing one (the attempt is audited when it
 * exists); an act that is not theirs answers 403, audited, as is a refusal
 * marked so (a four-eyes rule's 409).
 */
export async function withAuditedRefusals<T>(
  store: Store,
  actor: DbActor,
  resource: AuditedResource,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const target = { type: resource.type, id: resource.id };
    if (error instanceof ProblemError && error.status === 404) {
      await auditDenialIfExists(store, actor, target, resource.exists);
    } else if (error instanceof ProblemError && (error.status === 403 || error.refusalPurpose)) {
      await auditAlone(store, actor, {
        action: 'access.denied',
        outcome: 'denied',
        resourceType: target.type,
        resourceId: target.id,
        purpose: error.refusalPurpose,
      });
    }
    throw error;
  }
}

/**
 * The shape of a use case on one record: one transaction under the actor's
 * row-level security, one audit event for the act, refusals audited.
 */
export function onAuditedRecord<T>(
  store: Store,
  actor: DbActor,
  useCase: RecordUseCase,
  work: (trx: Transaction<DB>) => Promise<T>,
): Promise<T> {
  const { resource, audit } = useCase;
  return withAuditedRefusals(store, actor, resource, () =>
    inActorTransaction(store, actor, async (trx) => {
      const result = await work(trx);
      record(trx, {
        ...audit,
        outcome: 'success',
        resourceType: resource.type,
        resourceId: resource.id,
      });
      return result;
    }),
  );
}
