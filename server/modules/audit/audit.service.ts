import {
  auditAlone,
  inActorTransaction,
  type DbActor,
  type Store,
} from '../../db/actor-transaction';
import { problems } from '../../http/problem';
import type { AuditEventContent } from './audit.chain';
import { record } from './audit.recorder';
import { searchEvents, type AuditSearch } from './audit.repository';
import {
  decodeSeqCursor,
  encodeSeqCursor,
  type AuditEvent,
  type AuditPage,
  type AuditQuery,
} from './audit.schemas';
import { verifyAuditChain, type AuditVerification } from './audit.verify';

/**
 * The auditors' use cases. Reading the log is itself audited. Row-level
 * security shows the log to auditors only, so these run as the auditor, never
 * as SYSTEM; the role is checked here too, so that a wiring mistake answers
 * 403 rather than an empty (or, for verify, a falsely "deleted") log.
 */
export function auditService(store: Store) {
  return {
    /** One page of events matching the filters, newest first. */
    search(actor: DbActor, query: AuditQuery): Promise<AuditPage> {
      ensureAuditor(actor);
      return inActorTransaction(store, actor, async (trx) => {
        const events = await searchEvents(trx, { ...toSearch(query), limit: query.limit + 1 });
        record(trx, { action: 'audit.read', outcome: 'success' });
        const items = events.slice(0, query.limit);
        const last = items[items.length - 1];
        return {
          items: items.map(toAuditEvent),
          nextCursor: events.length > query.limit && last ? encodeSeqCursor(last.seq) : null,
        };
      });
    },

    /**
     * Recomputes the whole chain on one snapshot (REPEATABLE READ, so events
     * appended meanwhile are not taken for forgeries). The audit.verify event is
     * written in a transaction of its own, after the check and before the
     * answer: appending it inside the snapshot transaction would lock the chain
     * head there, and PostgreSQL refuses that ("could not serialize access")
     * whenever any other audited transaction committed during the check — on
     * a busy server, nearly always.
     */
    async verify(actor: DbActor): Promise<AuditVerification> {
      ensureAuditor(actor);
      const result = await inActorTransaction(
        store,
        actor,
        (trx) => verifyAuditChain(trx, store.auditKey),
        { isolation: 'repeatable read' },
      );
      await auditAlone(store, actor, { action: 'audit.verify', outcome: 'success' });
      return result;
    },
  };
}

export type AuditService = ReturnType<typeof auditService>;

function ensureAuditor(actor: DbActor): void {
  if (actor.role !== 'auditor') throw problems.forbidden();
}

function toSearch(query: AuditQuery): Omit<AuditSearch, 'limit'> {
  const search: Omit<AuditSearch, 'limit'> = {};
  if (query.actorId !== undefined) search.actorId = query.actorId;
  if (query.action !== undefined) search.action = toActionFilter(query.action);
  if (query.resourceType !== undefined) search.resourceType = query.resourceType;
  if (query.resourceId !== undefined) search.resourceId = query.resourceId;
  if (query.outcome !== undefined) search.outcome = query.outcome;
  if (query.from !== undefined) search.from = new Date(query.from);
  if (query.to !== undefined) search.to = new Date(query.to);
  if (query.cursor !== undefined) search.beforeSeq = cursorSeq(query.cursor);
  return search;
}

/** The schema has already checked the cursor; this guards callers that skipped it. */
function cursorSeq(cursor: string): bigint {
  const seq = decodeSeqCursor(cursor);
  if (seq === undefined) {
    throw problems.validation([
      { path: 'query.cursor', code: 'custom', message: 'must be a nextCursor value' },
    ]);
  }
  return seq;
}

/** `auth.*` → every action under `auth.`; anything else is an exact code. */
function toActionFilter(action: string): AuditSearch['action'] {
  return action.endsWith('.*') ? { prefix: action.slice(0, -1) } : { exact: action };
}

function toAuditEvent(event: AuditEventContent): AuditEvent {
  return {
    seq: event.seq.toString(),
    id: event.id,
    occurredAt: event.occurredAt.toISOString(),
    actorId: event.actorId,
    actorRole: event.actorRole,
    institutionId: event.institutionId,
    action: event.action,
    resourceType: event.resourceType,
    resourceId: event.resourceId,
    purpose: event.purpose,
    outcome: event.outcome,
    requestId: event.requestId,
  };
}
