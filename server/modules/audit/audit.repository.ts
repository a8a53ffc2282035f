import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { AuditEventsTable, DB } from '../../db/schema';
import type { AuditEventBody, AuditEventContent } from './audit.chain';

type Queryable = Kysely<DB> | Transaction<DB>;

export interface ChainedEvent extends AuditEventContent {
  prevHash: Buffer;
  hash: Buffer;
  /** Null on events sealed before migration 0007. */
  mac: Buffer | null;
}

/**
 * Locks the chain head for a sealer. Without `wait`, answers undefined at once
 * when another sealer holds it (that one, or the next, seals what is pending).
 */
export async function lockChainHead(
  trx: Transaction<DB>,
  options: { wait: boolean },
): Promise<{ seq: bigint; hash: Buffer } | undefined> {
  const query = trx.selectFrom('audit_chain_head').select(['seq', 'hash']).forUpdate();
  const head = await (options.wait ? query : query.skipLocked()).executeTakeFirst();
  return head && { seq: BigInt(head.seq), hash: Buffer.from(head.hash) };
}

export type UnsealedEvent = AuditEventBody & { mac: Buffer | null };

export async function insertEvents(trx: Transaction<DB>, events: UnsealedEvent[]): Promise<void> {
  await trx
    .insertInto('audit_events')
    .values(
      events.map((e) => ({
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
        mac: e.mac,
        seq: null,
        prev_hash: null,
        hash: null,
      })),
    )
    .execute();
}

/** Committed events not yet in the chain, oldest first, after insertion position `after`. */
export async function readUnsealed(
  db: Queryable,
  limit: number,
  after?: string,
): Promise<(UnsealedEvent & { written: string })[]> {
  let query = db
    .selectFrom('audit_events')
    .select([...BODY_COLUMNS, 'mac', 'written'])
    .where('seq', 'is', null);
  if (after !== undefined) query = query.where('written', '>', after);
  const rows = await query.orderBy('written').limit(limit).execute();
  return rows.map((row) => ({
    ...toEventBody(row),
    mac: row.mac && Buffer.from(row.mac),
    written: String(row.written),
  }));
}

/** Gives each event its chain position and hashes, in one statement. */
export async function sealEvents(trx: Transaction<DB>, events: ChainedEvent[]): Promise<void> {
  const ids = events.map((e) => e.id);
  const seqs = events.map((e) => e.seq.toString());
  const prevHashes = events.map((e) => e.prevHash.toString('hex'));
  const hashes = events.map((e) => e.hash.toString('hex'));
  const result = await sql`
    update audit_events e
    set seq = v.seq, prev_hash = decode(v.prev_hex, 'hex'), hash = decode(v.hash_hex, 'hex')
    from unnest(${ids}::uuid[], ${seqs}::bigint[], ${prevHashes}::text[], ${hashes}::text[])
           as v(id, seq, prev_hex, hash_hex)
    where e.id = v.id and e.seq is null`.execute(trx);
  // The head must never move past an event that did not take its position.
  if (Number(result.numAffectedRows ?? -1) !== events.length) {
    throw new Error('audit sealing: an event could not be sealed');
  }
}

export async function moveChainHead(trx: Transaction<DB>, seq: bigint, hash: Buffer) {
  await trx.updateTable('audit_chain_head').set({ seq: seq.toString(), hash }).execute();
}

export async function readChainHead(db: Queryable): Promise<{ seq: bigint; hash: Buffer }> {
  const head = await db
    .selectFrom('audit_chain_head')
    .select(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  return { seq: BigInt(head.seq), hash: Buffer.from(head.hash) };
}

/** The chain hash of the event at `seq`, or undefined when no event holds that position. */
export async function readChainHashAt(db: Queryable, seq: bigint): Promise<Buffer | undefined> {
  const row = await db
    .selectFrom('audit_events')
    .select('hash')
    .where('seq', '=', seq.toString())
    .executeTakeFirst();
  return row?.hash ? Buffer.from(row.hash) : undefined;
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

/** What auditors may search on; every filter is optional and they combine with AND. */
export interface AuditSearch {
  actorId?: string;
  action?: { exact: string } | { prefix: string };
  resourceType?: string;
  resourceId?: string;
  outcome?: AuditEventContent['outcome'];
  purpose?: string;
  /** occurred_at ≥ from */
  from?: Date;
  /** occurred_at < to */
  to?: Date;
  /** Only events before this chain position (the cursor). */
  beforeSeq?: bigint;
  limit: number;
}

const BODY_COLUMNS = [
  'id',
  'occurred_at',
  'actor_id',
  'actor_role',
  'institution_id',
  'action',
  'resource_type',
  'resource_id',
  'purpose',
  'outcome',
  'request_id',
] as const;
const CONTENT_COLUMNS = ['seq', ...BODY_COLUMNS] as const;

/** Newest first. The hashes are not even selected: they never leave the database here. */
export async function searchEvents(
  db: Queryable,
  search: AuditSearch,
): Promise<AuditEventContent[]> {
  let query = db.selectFrom('audit_events').select(CONTENT_COLUMNS).where('seq', 'is not', null); // sealed events only: the search pages by chain position
  if (search.actorId !== undefined) query = query.where('actor_id', '=', search.actorId);
  const action = search.action;
  if (action && 'exact' in action) query = query.where('action', '=', action.exact);
  if (action && 'prefix' in action) {
    query = query.where((eb) =>
      eb.fn<boolean>('starts_with', [eb.ref('action'), eb.val(action.prefix)]),
    );
  }
  if (search.resourceType !== undefined) {
    query = query.where('resource_type', '=', search.resourceType);
  }
  if (search.resourceId !== undefined) query = query.where('resource_id', '=', search.resourceId);
  if (search.outcome !== undefined) query = query.where('outcome', '=', search.outcome);
  if (search.purpose !== undefined) query = query.where('purpose', '=', search.purpose);
  if (search.from !== undefined) query = query.where('occurred_at', '>=', search.from);
  if (search.to !== undefined) query = query.where('occurred_at', '<', search.to);
  if (search.beforeSeq !== undefined) {
    query = query.where('seq', '<', search.beforeSeq.toString());
  }
  const rows = await query.orderBy('seq', 'desc').limit(search.limit).execute();
  return rows.map(toEventContent);
}

function toChainedEvent(row: Selectable<AuditEventsTable>): ChainedEvent {
  return {
    ...toEventContent(row),
    prevHash: Buffer.from(sealed(row.prev_hash)),
    hash: Buffer.from(sealed(row.hash)),
    mac: row.mac && Buffer.from(row.mac),
  };
}

function toEventContent(
  row: Pick<Selectable<AuditEventsTable>, (typeof CONTENT_COLUMNS)[number]>,
): AuditEventContent {
  return { seq: BigInt(sealed(row.seq)), ...toEventBody(row) };
}

function toEventBody(
  row: Pick<Selectable<AuditEventsTable>, (typeof BODY_COLUMNS)[number]>,
): AuditEventBody {
  return {
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
  };
}

/** Chain columns of rows selected as sealed (`seq is not null`; set together by a CHECK). */
function sealed<T>(value: T | null): T {
  if (value === null) throw new Error('expected a sealed audit event');
  return value;
}

/** One audit resource: `(resource_type, resource_id)` as events name it. */
export interface AuditResource {
  type: string;
  id: string;
}

/**
 * A case as an access report needs it (migration 0022): its id and number and
 * the resources that belong to it (the case, its consents, its referrals, its
 * break-glass grants).
 * Undefined when no case has that number or id. Auditors only.
 */
export async function caseResources(
  db: Queryable,
  by: { caseNumber: string } | { caseId: string },
): Promise<{ caseId: string; caseNumber: string; resources: AuditResource[] } | undefined> {
  const caseNumber = 'caseNumber' in by ? by.caseNumber : null;
  const caseId = 'caseId' in by ? by.caseId : null;
  const { rows } = await sql<{
    case_id: string;
    case_number: string;
    resource_type: string;
    resource_id: string;
  }>`select case_id, case_number, resource_type, resource_id
     from audit_case_resources(${caseNumber}::text, ${caseId}::uuid)`.execute(db);
  const first = rows[0];
  if (!first) return undefined;
  return {
    caseId: first.case_id,
    caseNumber: first.case_number,
    resources: rows.map((r) => ({ type: r.resource_type, id: r.resource_id })),
  };
}

/** A page of a report: before a chain position, within a period (from inclusive, to exclusive). */
export interface ReportPage {
  beforeSeq?: bigint;
  from?: Date;
  to?: Date;
  limit: number;
}

/** Events on any of `resources`, newest first, before `beforeSeq`. */
export async function eventsOnResources(
  db: Queryable,
  resources: AuditResource[],
  page: ReportPage,
): Promise<AuditEventContent[]> {
  if (resources.length === 0) return [];
  let query = db
    .selectFrom('audit_events')
    .select(CONTENT_COLUMNS)
    .where('seq', 'is not', null)
    .where((eb) =>
      eb.or(
        byType(resources).map(([type, ids]) =>
          eb.and([eb('resource_type', '=', type), eb('resource_id', 'in', ids)]),
        ),
      ),
    );
  if (page.beforeSeq !== undefined) query = query.where('seq', '<', page.beforeSeq.toString());
  if (page.from !== undefined) query = query.where('occurred_at', '>=', page.from);
  if (page.to !== undefined) query = query.where('occurred_at', '<', page.to);
  const rows = await query.orderBy('seq', 'desc').limit(page.limit).execute();
  return rows.map(toEventContent);
}

/** Events by one actor on case-related resources, newest first, before `beforeSeq`. */
export async function eventsByActorOnCases(
  db: Queryable,
  actorId: string,
  page: ReportPage,
): Promise<AuditEventContent[]> {
  let query = db
    .selectFrom('audit_events')
    .select(CONTENT_COLUMNS)
    .where('seq', 'is not', null)
    .where('actor_id', '=', actorId)
    .where('resource_type', 'in', CASE_RESOURCE_TYPES);
  if (page.beforeSeq !== undefined) query = query.where('seq', '<', page.beforeSeq.toString());
  if (page.from !== undefined) query = query.where('occurred_at', '>=', page.from);
  if (page.to !== undefined) query = query.where('occurred_at', '<', page.to);
  const rows = await query.orderBy('seq', 'desc').limit(page.limit).execute();
  return rows.map(toEventContent);
}

/**
 * What a user report covers: what holds a victim's data, and the break-glass
 * grants on it (their supervisors' reviews).
 */
export const CASE_RESOURCE_TYPES = ['case', 'consent', 'referral', 'case_access_grant'];

function byType(resources: AuditResource[]): [string, string[]][] {
  const map = new Map<string, string[]>();
  for (const r of resources) map.set(r.type, [...(map.get(r.type) ?? []), r.id]);
  return [...map.entries()];
}

export interface StaffName {
  id: string;
  displayName: string;
  role: string;
  institutionId: string;
  institutionName: string;
  active: boolean;
}

/** Staff names for the given ids, or every account when `ids` is null (migration 0022). */
export async function staffNames(db: Queryable, ids: string[] | null): Promise<StaffName[]> {
  if (ids !== null && ids.length === 0) return [];
  const { rows } = await sql<{
    id: string;
    display_name: string;
    role: string;
    institution_id: string;
    institution_name: string;
    active: boolean;
  }>`select id, display_name, role, institution_id, institution_name, active
     from audit_staff_names(${ids}::uuid[])`.execute(db);
  return rows.map((r) => ({
    id: r.id,
    displayName: r.display_name,
    role: r.role,
    institutionId: r.institution_id,
    institutionName: r.institution_name,
    active: r.active,
  }));
}

export async function institutionNames(db: Queryable, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const { rows } = await sql<{ id: string; name: string }>`select id, name
     from audit_institution_names(${ids}::uuid[])`.execute(db);
  return new Map(rows.map((r) => [r.id, r.name]));
}
