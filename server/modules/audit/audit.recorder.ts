import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DbActor } from '../../db/actor-transaction';
import type { DB } from '../../db/schema';
import { chainHash, type AuditEventContent } from './audit.chain';
import { appendEvents, lockChainHead, type ChainedEvent } from './audit.repository';

/** What a use case says happened. The actor, time and request id come from the transaction. */
export interface AuditEntry {
  action: string;
  outcome: AuditEventContent['outcome'];
  resourceType?: string;
  resourceId?: string;
  purpose?: string;
}

interface Pending {
  actor: DbActor;
  entries: { entry: AuditEntry; occurredAt: Date }[];
}

const pendingByTransaction = new WeakMap<Transaction<DB>, Pending>();

/** Called by the transaction runner when a use-case transaction starts. */
export function beginAudit(trx: Transaction<DB>, actor: DbActor): void {
  pendingByTransaction.set(trx, { actor, entries: [] });
}

/**
 * Records an event in the transaction of the action it describes: both commit
 * or neither does. The row is written when the transaction is about to commit.
 */
export function record(trx: Transaction<DB>, entry: AuditEntry): void {
  const pending = pendingByTransaction.get(trx);
  if (!pending) throw new Error('audit.record needs a transaction from inActorTransaction');
  pending.entries.push({ entry, occurredAt: new Date() });
}

/**
 * Appends the transaction's events to the chain. Runs last, just before
 * COMMIT, so the chain head stays locked only for these inserts and the commit.
 */
export async function flushAudit(trx: Transaction<DB>, key: Buffer): Promise<void> {
  const pending = pendingByTransaction.get(trx);
  pendingByTransaction.delete(trx);
  if (!pending || pending.entries.length === 0) return;
  const head = await lockChainHead(trx);
  let { seq, hash: prevHash } = head;
  const events: ChainedEvent[] = pending.entries.map(({ entry, occurredAt }) => {
    seq += 1n;
    const content: AuditEventContent = {
      seq,
      id: randomUUID(),
      occurredAt,
      actorId: pending.actor.role === 'anonymous' ? null : pending.actor.id,
      actorRole: pending.actor.role,
      institutionId: pending.actor.institutionId,
      action: entry.action,
      resourceType: entry.resourceType ?? null,
      resourceId: entry.resourceId ?? null,
      purpose: entry.purpose ?? null,
      outcome: entry.outcome,
      requestId: pending.actor.requestId ?? null,
    };
    const hash = chainHash(key, prevHash, content);
    const chained = { ...content, prevHash, hash };
    prevHash = hash;
    return chained;
  });
  await appendEvents(trx, events);
}
