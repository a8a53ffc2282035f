import { inActorTransaction, type StaffActor } from '../../db/actor-transaction';
import { toPage } from '../../http/pagination';
import { problems } from '../../http/problem';
import * as repo from './management-reports.repository';
import type {
  ManagementReport,
  ManagementReportDetail,
  ManagementReportPage,
  ManagementReportQuery,
} from './management-reports.schemas';
import type { ManagementReportsDeps } from './management-reports.service';
import { ecuadorDate, periodBounds } from '../../http/ecuador-calendar';
import { signature } from './report-assembly';
import { figuresDigest, liveSnapshot } from './report-figures';
import { ManagementReportSnapshot } from './report-snapshot';

/** Reading reports: coordinators; not audited (aggregates and signers' names only). */

export function toReport(row: repo.ReportRow): ManagementReport {
  const signer = (id: string | null, name: string | null, at: Date | null) =>
    id && name && at ? { id, name, at: at.toISOString() } : null;
  return {
    id: row.id,
    period: { year: row.period_year, quarter: row.period_quarter },
    status: row.status,
    conclusions: row.conclusions,
    recommendations: row.recommendations,
    challenges: row.challenges,
    preparedBy: {
      id: row.prepared_by,
      name: row.prepared_by_name,
      at: row.prepared_at.toISOString(),
    },
    reviewedBy: signer(row.reviewed_by, row.reviewed_by_name, row.reviewed_at),
    approvedBy: signer(row.approved_by, row.approved_by_name, row.approved_at),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

/** The day after the report's period, in Ecuador: the first it may be approved on. */
export function approvableFrom(row: Pick<repo.ReportRow, 'period_year' | 'period_quarter'>) {
  const { to } = periodBounds({ year: row.period_year, quarter: row.period_quarter });
  const day = new Date(`${to}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

/** Signatures as the report prints them: name, role (coordinators sign) and day. */
export function signatureOf(name: string | null, at: Date | null) {
  return name && at ? signature(name, 'coordinator', at) : null;
}

/**
 * The report's content: an approved report's frozen snapshot, read back
 * exactly as stored; a draft's computed now from the records.
 */
export async function snapshotFor(
  trx: repo.Trx,
  deps: ManagementReportsDeps,
  row: repo.ReportRow,
  now: Date = deps.clock(),
): Promise<ManagementReportSnapshot> {
  if (row.status === 'approved') {
    return ManagementReportSnapshot.parse(await repo.snapshotOf(trx, row.id));
  }
  return liveSnapshot(
    trx,
    deps.figures,
    {
      year: row.period_year,
      quarter: row.period_quarter,
      status: 'draft',
      texts: {
        conclusions: row.conclusions,
        recommendations: row.recommendations,
        challenges: row.challenges,
      },
      preparedBy: signatureOf(row.prepared_by_name, row.prepared_at),
      reviewedBy: signatureOf(row.reviewed_by_name, row.reviewed_at),
      approvedBy: null,
    },
    now,
    deps.render,
  );
}

export async function detailOf(
  trx: repo.Trx,
  deps: ManagementReportsDeps,
  id: string,
): Promise<ManagementReportDetail> {
  const row = await repo.findReport(trx, id);
  if (!row) throw problems.notFound();
  const snapshot = await snapshotFor(trx, deps, row);
  return {
    ...toReport(row),
    snapshot,
    figuresDigest: figuresDigest(snapshot),
    approvableFrom: approvableFrom(row),
    periodEnded: ecuadorDate(deps.clock()) >= approvableFrom(row),
  };
}

export function listReports(
  deps: ManagementReportsDeps,
  actor: StaffActor,
  query: ManagementReportQuery,
): Promise<ManagementReportPage> {
  return inActorTransaction(deps.store, actor, async (trx) => {
    const { limit, cursor, ...filter } = query;
    const rows = await repo.listReports(trx, filter, limit, cursor);
    const page = toPage(rows, limit, (last) => ({
      createdAt: last.created_at.toISOString(),
      id: last.id,
    }));
    return { items: page.items.map(toReport), nextCursor: page.nextCursor };
  });
}

/** The report with its content: a draft's preview, or an approved report as frozen. */
export function readReport(
  deps: ManagementReportsDeps,
  actor: StaffActor,
  id: string,
): Promise<ManagementReportDetail> {
  return inActorTransaction(deps.store, actor, (trx) => detailOf(trx, deps, id));
}
