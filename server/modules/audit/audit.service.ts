import { inActorTransaction, type DbActor, type Store } from '../../db/actor-transaction';
import { problems } from '../../http/problem';
import type { AuditEventContent } from './audit.chain';
import { record } from './audit.recorder';
import { sealPending } from './audit.sealer';
import { searchEvents, type AuditSearch } from './audit.repository';
import {
  decodeSeqCursor,
  encodeSeqCursor,
  type AuditEvent,
  type AuditPage,
  type AuditQuery,
} from './audit.schemas';
import { verifyAuditChain, type AuditVerification } from './audit.verify';
import { alarmUncatalogued } from './audit.uncatalogued';
import { isAuditAction, isAuditPurpose } from './audit.vocabulary';

/**
 * The auditors' use cases. Reading the log is itself audited. Row-level
 * security shows the log to auditors only, so these run as the auditor, never
 * as SYSTEM; the role is checked here too, so that a wiring mistake answers
 * 403 rather than an empty (or, for verify, a falsely "deleted") log.
 */
export function auditService(store: Store) {
  return {
    /** One page of events matching the filters, newest first. */
    async search(actor: DbActor, query: AuditQuery): Promise<AuditPage> {
      ensureAuditor(actor);
      await sealPending(store, { wait: true }); // what has committed is searchable
      const { items, nextCursor } = await inActorTransaction(store, actor, async (trx) => {
        const events = await searchEvents(trx, { ...toSearch(query), limit: query.limit + 1 });
        // A search of one resource's events is recorded as such (which case, which user).
        record(trx, { action: 'audit.read', outcome: 'success', ...searchedResource(query) });
        const items = events.slice(0, query.limit);
        const last = items[items.length - 1];
        const more = events.length > query.limit && last !== undefined;
        return { items, nextCursor: more ? encodeSeqCursor(last.seq) : null };
      });
      await alarmUncatalogued(store, actor, items);
      return { items: items.map(toAuditEvent), nextCursor };
    },

    /**
     * Recomputes the whole chain on one snapshot (REPEATABLE READ, so events
     * sealed meanwhile are not taken for forgeries), after sealing what has
     * committed. Its own audit.verify event is written in the same transaction:
     * use cases never lock the chain head, so this cannot conflict with writers.
     */
    async verify(actor: DbActor): Promise<AuditVerification> {
      ensureAuditor(actor);
      await sealPending(store, { wait: true });
      return inActorTransaction(
        store,
        actor,
        async (trx) => {
          const result = await verifyAuditChain(trx, store.auditKey);
          record(trx, { action: 'audit.verify', outcome: 'success' });
          return result;
        },
        { isolation: 'repeatable read' },
      );
    },
  };
}

export type AuditService = ReturnType<typeof auditService>;

function ensureAuditor(actor: DbActor): void {
  if (actor.role !== 'auditor') throw problems.forbidden();
}

/** The resource filter of a search, as its own audit.read event names it. */
function searchedResource(query: AuditQuery): { resourceType?: string; resourceId?: string } {
  const resource: { resourceType?: string; resourceId?: string } = {};
  if (query.resourceType !== undefined) resource.resourceType = query.resourceType;
  if (query.resourceId !== undefined) resource.resourceId = query.resourceId;
  return resource;
}

function toSearch(query: AuditQuery): Omit<AuditSearch, 'limit'> {
  const search: Omit<AuditSearch, 'limit'> = {};
  if (query.actorId !== undefined) search.actorId = query.actorId;
  if (query.action !== undefined) search.action = toActionFilter(query.action);
  if (query.resourceType !== undefined) search.resourceType = query.resourceType;
  if (query.resourceId !== undefined) search.resourceId = query.resourceId;
  if (query.outcome !== undefined) search.outcome = query.outcome;
  if (query.purpose !== undefined) search.purpose = query.purpose;
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

/**
 * The API's view of an event. Its action and purpose are published as enums.
 * A code outside the catalogue (another version of Amparo wrote it, or
 * someone wrote to the log directly: the chain verification is the judge) is
 * never relabelled nor refused: the event is shown with the raw code under
 * `uncatalogued` (and null in the enum's place), so that one odd row cannot
 * hide the rest of the log. The caller raises the integrity alarm.
 */
export function toAuditEvent(event: AuditEventContent): AuditEvent {
  const action = isAuditAction(event.action) ? event.action : null;
  const purpose = event.purpose !== null && isAuditPurpose(event.purpose) ? event.purpose : null;
  const rawPurpose = event.purpose !== null && purpose === null ? event.purpose : null;
  return {
    seq: event.seq.toString(),
    id: event.id,
    occurredAt: event.occurredAt.toISOString(),
    actorId: event.actorId,
    actorRole: event.actorRole,
    institutionId: event.institutionId,
    action,
    resourceType: event.resourceType,
    resourceId: event.resourceId,
    purpose,
    outcome: event.outcome,
    requestId: event.requestId,
    uncatalogued:
      action === null || rawPurpose !== null
        ? { action: action === null ? event.action : null, purpose: rawPurpose }
        : null,
  };
}
