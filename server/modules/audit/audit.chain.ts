import { createHmac } from 'node:crypto';

/** What one audit event says. Identifiers and codes only: never personal data values. */
export interface AuditEventBody {
  id: string;
  occurredAt: Date;
  actorId: string | null;
  actorRole: string;
  institutionId: string | null;
  action: string;
  resourceType: string | null;
  resourceId: string | null;
  purpose: string | null;
  outcome: 'success' | 'denied' | 'error';
  requestId: string | null;
}

/** A sealed event: its body and its position in the chain. */
export interface AuditEventContent extends AuditEventBody {
  seq: bigint;
}

export const GENESIS_HASH: Buffer = Buffer.alloc(32);

/**
 * The exact bytes that are hashed: a JSON array in a fixed field order (no
 * key-order or whitespace ambiguity), timestamps as ISO-8601 in milliseconds.
 */
export function canonicalContent(event: AuditEventContent): string {
  return canonical(event.seq, event);
}

function canonical(seq: bigint | null, event: AuditEventBody): string {
  return JSON.stringify([
    seq === null ? null : seq.toString(),
    event.id,
    event.occurredAt.toISOString(),
    event.actorId,
    event.actorRole,
    event.institutionId,
    event.action,
    event.resourceType,
    event.resourceId,
    event.purpose,
    event.outcome,
    event.requestId,
  ]);
}

/** hash = HMAC-SHA-256(key, prev_hash || canonical content). */
export function chainHash(key: Buffer, prevHash: Buffer, event: AuditEventContent): Buffer {
  return createHmac('sha256', key).update(prevHash).update(canonicalContent(event)).digest();
}

/**
 * The per-event MAC written with the event, before it has a chain position:
 * HMAC-SHA-256(key, "event" || canonical content without seq). A row forged
 * without the key fails it even before it is sealed.
 */
export function eventMac(key: Buffer, event: AuditEventBody): Buffer {
  return createHmac('sha256', key).update('event').update(canonical(null, event)).digest();
}
