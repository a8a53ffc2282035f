import type { Transaction } from 'kysely';
import { inActorTransaction, type DbActor, type Store } from '../../db/actor-transaction';
import type { DB } from '../../db/schema';
import { problems } from '../../http/problem';
import type { AuditEventContent } from './audit.chain';
import { toCsv } from './audit.csv';
import { record } from './audit.recorder';
import {
  caseResources,
  eventsByActorOnCases,
  eventsOnResources,
  institutionNames,
  staffNames,
  type StaffName,
} from './audit.repository';
import {
  AUDIT_EXPORT_MAX_ROWS,
  decodeSeqCursor,
  encodeSeqCursor,
  type AccessReportRow,
  type AuditStaffList,
  type AuditStaffMember,
  type CaseAccessReport,
  type CaseExportQuery,
  type UserAccessReport,
  type UserExportQuery,
  type UserReportQuery,
} from './audit.schemas';
import { sealPending } from './audit.sealer';
import { toAuditEvent } from './audit.service';

/** A CSV export: the file and whether rows beyond the bound were left out. */
export interface AccessExport {
  filename: string;
  csv: string;
  truncated: boolean;
}

type CaseSubject = Pick<CaseExportQuery, 'caseNumber' | 'caseId'>;

/**
 * Access reports: who opened a case (every event on the case, its consents
 * and its referrals: reads, disclosures, exports, break-glass, refusals) and
 * what one user opened (their events on cases, consents and referrals). The
 * auditor finds a case by number or id and learns nothing of its content:
 * only identifiers, codes, times and staff names. Each report, and each
 * export, is itself an audit event on the case or user it is about.
 */
export function auditReports(store: Store) {
  return {
    async caseReport(
      actor: DbActor,
      query: CaseSubject & { limit: number; cursor?: string | undefined },
    ): Promise<CaseAccessReport> {
      ensureAuditor(actor);
      await sealPending(store, { wait: true });
      return inActorTransaction(store, actor, async (trx) => {
        const found = await findCase(trx, query);
        const events = await eventsOnResources(trx, found.resources, {
          ...before(query.cursor),
          limit: query.limit + 1,
        });
        record(trx, {
          action: 'audit.report',
          outcome: 'success',
          resourceType: 'case',
          resourceId: found.caseId,
        });
        return {
          case: { id: found.caseId, caseNumber: found.caseNumber },
          ...(await page(trx, events, query.limit)),
        };
      });
    },

    async caseExport(actor: DbActor, query: CaseExportQuery): Promise<AccessExport> {
      ensureAuditor(actor);
      await sealPending(store, { wait: true });
      return inActorTransaction(store, actor, async (trx) => {
        const found = await findCase(trx, query);
        const events = await eventsOnResources(trx, found.resources, {
          limit: AUDIT_EXPORT_MAX_ROWS + 1,
        });
        record(trx, {
          action: 'audit.export',
          outcome: 'success',
          resourceType: 'case',
          resourceId: found.caseId,
        });
        return exportOf(trx, 'case', events);
      });
    },

    async userReport(actor: DbActor, query: UserReportQuery): Promise<UserAccessReport> {
      ensureAuditor(actor);
      await sealPending(store, { wait: true });
      return inActorTransaction(store, actor, async (trx) => {
        const user = await findUser(trx, query.userId);
        const events = await eventsByActorOnCases(trx, user.id, {
          ...before(query.cursor),
          limit: query.limit + 1,
        });
        record(trx, {
          action: 'audit.report',
          outcome: 'success',
          resourceType: 'user',
          resourceId: user.id,
        });
        return { user, ...(await page(trx, events, query.limit)) };
      });
    },

    async userExport(actor: DbActor, query: UserExportQuery): Promise<AccessExport> {
      ensureAuditor(actor);
      await sealPending(store, { wait: true });
      return inActorTransaction(store, actor, async (trx) => {
        const user = await findUser(trx, query.userId);
        const events = await eventsByActorOnCases(trx, user.id, {
          limit: AUDIT_EXPORT_MAX_ROWS + 1,
        });
        record(trx, {
          action: 'audit.export',
          outcome: 'success',
          resourceType: 'user',
          resourceId: user.id,
        });
        return exportOf(trx, 'user', events);
      });
    },

    /** Every account, for choosing whose report to read: names, roles, institutions. */
    async staff(actor: DbActor): Promise<AuditStaffList> {
      ensureAuditor(actor);
      return inActorTransaction(store, actor, async (trx) => {
        const items = (await staffNames(trx, null)).map(toStaffMember);
        record(trx, { action: 'audit.read', outcome: 'success', resourceType: 'user' });
        return { items };
      });
    },
  };
}

export type AuditReports = ReturnType<typeof auditReports>;

function ensureAuditor(actor: DbActor): void {
  if (actor.role !== 'auditor') throw problems.forbidden();
}

function before(cursor: string | undefined): { beforeSeq?: bigint } {
  if (cursor === undefined) return {};
  const seq = decodeSeqCursor(cursor);
  if (seq === undefined) {
    throw problems.validation([
      { path: 'query.cursor', code: 'custom', message: 'must be a nextCursor value' },
    ]);
  }
  return { beforeSeq: seq };
}

async function findCase(trx: Transaction<DB>, subject: CaseSubject) {
  const by =
    subject.caseId !== undefined
      ? { caseId: subject.caseId }
      : { caseNumber: subject.caseNumber ?? '' };
  const found = await caseResources(trx, by);
  if (!found) throw problems.notFound();
  return found;
}

async function findUser(trx: Transaction<DB>, userId: string): Promise<AuditStaffMember> {
  const [user] = await staffNames(trx, [userId]);
  if (!user) throw problems.notFound();
  return toStaffMember(user);
}

function toStaffMember(name: StaffName): AuditStaffMember {
  return { ...name, role: name.role as AuditStaffMember['role'] };
}

async function page(trx: Transaction<DB>, events: AuditEventContent[], limit: number) {
  const items = events.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: await withNames(trx, items),
    nextCursor: events.length > limit && last ? encodeSeqCursor(last.seq) : null,
  };
}

/** Each event with its actor's name and institution, looked up once per page. */
async function withNames(
  trx: Transaction<DB>,
  events: AuditEventContent[],
): Promise<AccessReportRow[]> {
  const actorIds = unique(events.map((e) => e.actorId));
  const people = new Map((await staffNames(trx, actorIds)).map((p) => [p.id, p]));
  const institutions = await institutionNames(trx, unique(events.map((e) => e.institutionId)));
  return events.map((event) => {
    const person = event.actorId === null ? undefined : people.get(event.actorId);
    const institutionName =
      event.institutionId === null ? null : (institutions.get(event.institutionId) ?? null);
    const systemName = event.actorRole === 'institution_system' ? institutionName : null;
    return {
      ...toAuditEvent(event),
      actorName: person?.displayName ?? systemName,
      institutionName,
    };
  });
}

async function exportOf(
  trx: Transaction<DB>,
  subject: 'case' | 'user',
  events: AuditEventContent[],
): Promise<AccessExport> {
  const rows = await withNames(trx, events.slice(0, AUDIT_EXPORT_MAX_ROWS));
  const day = new Date().toISOString().slice(0, 10);
  return {
    // Names neither the case nor the person: only what kind of report and when.
    filename: `amparo-access-report-${subject}-${day}.csv`,
    csv: toCsv(CSV_COLUMNS, rows.map(csvRow)),
    truncated: events.length > AUDIT_EXPORT_MAX_ROWS,
  };
}

const CSV_COLUMNS = [
  'occurred_at',
  'seq',
  'actor_name',
  'actor_role',
  'institution_name',
  'action',
  'purpose',
  'outcome',
  'resource_type',
  'resource_id',
  'event_id',
  'actor_id',
];

function csvRow(row: AccessReportRow): (string | null)[] {
  return [
    row.occurredAt,
    row.seq,
    row.actorName,
    row.actorRole,
    row.institutionName,
    row.action,
    row.purpose,
    row.outcome,
    row.resourceType,
    row.resourceId,
    row.id,
    row.actorId,
  ];
}

function unique(values: (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== null))];
}
