import { sql, type Transaction } from 'kysely';
import {
  inActorTransaction,
  SYSTEM_ACTOR,
  type DbActor,
  type Store,
} from '../../db/actor-transaction';
import type { DB } from '../../db/schema';
import type { AuditEventContent } from './audit.chain';
import { record } from './audit.recorder';
import { isAuditAction, isAuditPurpose } from './audit.vocabulary';

/** The resource an `integrity.alarm` about one event names: the event itself. */
export const AUDIT_EVENT_RESOURCE = 'audit_event';

/** Whether this version of Amparo's catalogue holds both of the event's codes. */
export function isCatalogued(event: Pick<AuditEventContent, 'action' | 'purpose'>): boolean {
  return isAuditAction(event.action) && (event.purpose === null || isAuditPurpose(event.purpose));
}

/**
 * An event whose action or purpose code is not in the catalogue is shown with
 * its raw code (see toAuditEvent) and raises an integrity alarm: Amparo never
 * wrote such a code, so either a newer (or rolled-back) version did, or
 * someone wrote to the log directly. The chain verification says which; the
 * alarm makes sure someone asks. Recorded by the system, in its own
 * transaction (after the auditor's read has committed), once per event: the
 * alarms already in the log are looked up under a transaction-scoped advisory
 * lock, so that two auditors reading the same page at once raise it once.
 */
export async function alarmUncatalogued(
  store: Store,
  actor: DbActor,
  events: readonly AuditEventContent[],
): Promise<void> {
  const ids = [...new Set(events.filter((e) => !isCatalogued(e)).map((e) => e.id))];
  if (ids.length === 0) return;
  const system: DbActor = { ...SYSTEM_ACTOR, requestId: actor.requestId };
  await inActorTransaction(store, system, async (trx) => {
    await sql`select pg_advisory_xact_lock(${ALARM_LOCK})`.execute(trx);
    const raised = await alarmsRaised(trx, ids);
    for (const id of ids.filter((i) => !raised.has(i))) {
      record(trx, {
        action: 'integrity.alarm',
        outcome: 'error',
        resourceType: AUDIT_EVENT_RESOURCE,
        resourceId: id,
        purpose: 'uncatalogued_code',
      });
    }
  });
}

/** An arbitrary, fixed key for the advisory lock (`amparo.uncatalogued` as int8). */
const ALARM_LOCK = 7_318_052_224_711_041n;

/** Alarms already written about these events, sealed or not (the system reads the log). */
async function alarmsRaised(trx: Transaction<DB>, ids: string[]): Promise<Set<string>> {
  const rows = await trx
    .selectFrom('audit_events')
    .select('resource_id')
    .where('action', '=', 'integrity.alarm')
    .where('purpose', '=', 'uncatalogued_code')
    .where('resource_type', '=', AUDIT_EVENT_RESOURCE)
    .where('resource_id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.resource_id).filter((id): id is string => id !== null));
}
