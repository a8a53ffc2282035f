import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AuditEventsTable, DB } from '../../db/schema';
import type { AuditEventContent } from './audit.chain';

type Queryable = Kysely<DB> | Transaction<DB>;

export interface ChainedEvent extends AuditEventContent {
  prevHash: Buffer;
  hash: Buffer;
}

/** Locks the chain head until commit: audited commits take turns only here. */
export async function lockChainHead(trx: Transaction<DB>): Promise<{ seq: bigint; hash: Buffer }> {
  const head = await trx
    .selectFrom('audit_chain_head')
    .select(['seq', 'hash'])
    .forUpdate()
    .executeTakeFirstOrThrow();
  return { seq: BigInt(head.seq), hash: Buffer.from(head.hash) };
}

export async function appendEvents(trx: Transaction<DB>, events: ChainedEvent[]): Promise<void> {
  await trx
    .insertInto('audit_events')
    .values(
      events.map((e) => ({
        seq: e.seq.toString(),
        id: e.id,
        occurred_at: e.occurredAt,
        actor_id: e.actorId,
        actor_role: e.actorRole,
        institution_id: e.institutionId,
        action: e.action,
        resource_type: e.resourceType,
        resource_id: e.resourceId,
        purpose: e.purpose,
        outcome: e.outcome,
        request_id: e.requestId,
        prev_hash: e.prevHash,
        hash: e.hash,
      })),
    )
    .execute();
  const last = events[events.length - 1]!;
  await trx
    .updateTable('audit_chain_head')
    .set({ seq: last.seq.toString(), hash: last.hash })
    .execute();
}

export async function readChainHead(db: Queryable): Promise<{ seq: bigint; hash: Buffer }> {
  const head = await db
    .selectFrom('audit_chain_head')
    .select(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  return { seq: BigInt(head.seq), hash: Buffer.from(head.hash) };
}

/** Events in chain order after `afterSeq`, a page at a time. */
export async function readEventsAfter(
  db: Queryable,
  afterSeq: bigint,
  limit: number,
): Promise<ChainedEvent[]> {
  const rows = await db
    .selectFrom('audit_events')
    .selectAll()
    .where('seq', '>', afterSeq.toString())
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map(toChainedEvent);
}

function toChainedEvent(row: Selectable<AuditEventsTable>): ChainedEvent {
  return {
    seq: BigInt(row.seq),
    id: row.id,
    occurredAt: row.occurred_at,
    actorId: row.actor_id,
    actorRole: row.actor_role,
    institutionId: row.institution_id,
    action: row.action,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    purpose: row.purpose,
    outcome: row.outcome,
    requestId: row.request_id,
    prevHash: Buffer.from(row.prev_hash),
    hash: Buffer.from(row.hash),
  };
}
