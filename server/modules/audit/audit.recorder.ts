import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DbActor } from '../../db/actor-transaction';
import type { DB } from '../../db/schema';
import { eventMac, type AuditEventBody, type AuditEventContent } from './audit.chain';
import { insertEvents } from './audit.repository';
import type { AuditAction, AuditPurpose } from './audit.vocabulary';

/** What a use case says happened. The actor, time and request id come from the transaction. */
export interface AuditEntry {
  /** A code from the catalogue (audit.vocabulary.ts): the compiler refuses any other. */
  action: AuditAction;
  outcome: AuditEventContent['outcome'];
  resourceType?: string;
  resourceId?: string;
  purpose?: AuditPurpose | undefined;
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
 * Writes the transaction's events, each with its MAC, just before COMMIT.
 * No shared lock: chain positions are given after commit by the sealer.
 * Returns how many events were written.
 */
export async function flushAudit(trx: Transaction<DB>, key: Buffer): Promise<number> {
  const pending = pendingByTransaction.get(trx);
  pendingByTransaction.delete(trx);
  if (!pending || pending.entries.length === 0) return 0;
  const events = pending.entries.map(({ entry, occurredAt }) => {
    const body: AuditEventBody = {
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
    return { ...body, mac: eventMac(key, body) };
  });
  await insertEvents(trx, events);
  return events.length;
}
