import type { Transaction } from 'kysely';
import {
  auditAlone,
  inActorTransaction,
  type DbActor,
  type Store,
} from '../../db/actor-transaction';
import type { DB } from '../../db/schema';
import { ProblemError, problems } from '../../http/problem';
import type { AuditEventContent } from './audit.chain';
import { toCsv } from './audit.csv';
import { record, type AuditEntry } from './audit.recorder';
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
import { alarmUncatalogued } from './audit.uncatalogued';

/** A CSV export: the file and whether rows beyond the bound were left out. */
export interface AccessExport {
  filename: string;
  csv: string;
  /** How many events the file holds. */
  rows: number;
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
  /**
   * Runs a report: the events it shows raise their integrity alarms once the
   * auditor's read has committed; a case or user that does not exist is
   * recorded as a refused report in its own transaction (the use case's has
   * rolled back), so that walking case numbers leaves a trace.
   */
  async function run<T>(
    actor: DbActor,
    miss: AuditEntry,
    work: (trx: Transaction<DB>) => Promise<{ value: T; shown: AuditEventContent[] }>,
  ): Promise<T> {
    ensureAuditor(actor);
    await sealPending(store, { wait: true });
    try {
      const { value, shown } = await inActorTransaction(store, actor, work);
      await alarmUncatalogued(store, actor, shown);
      return value;
    } catch (error) {
      if (error instanceof ProblemError && error.status === 404) {
        await auditAlone(store, actor, miss);
      }
      throw error;
    }
  }

  return {
    caseReport(
      actor: DbActor,
      query: CaseSubject & { limit: number; cursor?: string | undefined },
    ): Promise<CaseAccessReport> {
      return run(actor, missOf('audit.report', query), async (trx) => {
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
        const shown = events.slice(0, query.limit);
        const value = {
          case: { id: found.caseId, caseNumber: found.caseNumber },
          ...(await page(trx, events, query.limit)),
        };
        return { value, shown };
      });
    },

    caseExport(actor: DbActor, query: CaseExportQuery): Promise<AccessExport> {
      return run(actor, missOf('audit.export', query), async (trx) => {
        const found = await findCase(trx, query);
        const events = await eventsOnResources(trx, found.resources, {
          ...period(query),
          limit: AUDIT_EXPORT_MAX_ROWS + 1,
        });
        record(trx, {
          action: 'audit.export',
          outcome: 'success',
          resourceType: 'case',
          resourceId: found.caseId,
        });
        return { value: await exportOf(trx, 'case', events), shown: events };
      });
    },

    userReport(actor: DbActor, query: UserReportQuery): Promise<UserAccessReport> {
      return run(actor, userMiss('audit.report', query.userId), async (trx) => {
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
        const value = { user, ...(await page(trx, events, query.limit)) };
        return { value, shown: events.slice(0, query.limit) };
      });
    },

    userExport(actor: DbActor, query: UserExportQuery): Promise<AccessExport> {
      return run(actor, userMiss('audit.export', query.userId), async (trx) => {
        const user = await findUser(trx, query.userId);
        const events = await eventsByActorOnCases(trx, user.id, {
          ...period(query),
          limit: AUDIT_EXPORT_MAX_ROWS + 1,
        });
        record(trx, {
          action: 'audit.export',
          outcome: 'success',
          resourceType: 'user',
          resourceId: user.id,
        });
        return { value: await exportOf(trx, 'user', events), shown: events };
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

/**
 * A report on a case nobody has: refused, naming what was asked for. A case
 * number is an identifier of the lead agency's register, not personal data.
 */
function missOf(action: 'audit.report' | 'audit.export', subject: CaseSubject): AuditEntry {
  return subject.caseId !== undefined
    ? { action, outcome: 'denied', resourceType: 'case', resourceId: subject.caseId }
    : {
        action,
        outcome: 'denied',
        resourceType: 'case_number',
        resourceId: subject.caseNumber ?? '',
      };
}

function userMiss(action: 'audit.report' | 'audit.export', userId: string): AuditEntry {
  return { action, outcome: 'denied', resourceType: 'user', resourceId: userId };
}

/** An export's optional period, on occurredAt: from inclusive, to exclusive. */
function period(query: { from?: string | undefined; to?: string | undefined }) {
  const range: { from?: Date; to?: Date } = {};
  if (query.from !== undefined) range.from = new Date(query.from);
  if (query.to !== undefined) range.to = new Date(query.to);
  return range;
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
    rows: rows.length,
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
  'catalogued',
];

/**
 * The action and purpose as the log holds them (codes, catalogued or not: a
 * code the catalogue lacks says `false` in the last column).
 */
function csvRow(row: AccessReportRow): (string | null)[] {
  const raw = row.uncatalogued;
  return [
    row.occurredAt,
    row.seq,
    row.actorName,
    row.actorRole,
    row.institutionName,
    row.action ?? raw?.action ?? null,
    row.purpose ?? raw?.purpose ?? null,
    row.outcome,
    row.resourceType,
    row.resourceId,
    row.id,
    row.actorId,
    String(raw === null),
  ];
}

function unique(values: (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== null))];
}
