import { onAuditedRecord } from '../../db/audited-record';
import type { StaffActor } from '../../db/actor-transaction';
import { problems } from '../../http/problem';
import * as repo from './management-reports.repository';
import { reportResource, type ManagementReportsDeps } from './management-reports.service';
import { snapshotFor } from './report-read';
import { renderReportPdf } from './report-pdf';
import { renderReportXlsx } from './report-xlsx';
import type { RenderOptions } from './report-render';
import type { ManagementReportSnapshot } from './report-snapshot';

/*
 * Downloads of a report, each audited: an approved report's files are
 * rendered from its frozen snapshot (the same bytes every time, for the
 * PDF); a draft's from its figures now, marked BORRADOR on every page and
 * sheet. What the file needs is read in one transaction, which also writes
 * the download's audit row; the file is rendered after it commits, so that a
 * render (tens of milliseconds to seconds for a long report) holds no
 * transaction — PGlite has a single connection, and a transaction held
 * blocks every other request. The audit row is committed before a byte
 * leaves; a render that fails afterwards leaves that row naming a download
 * that answered 500 (no file was sent).
 */

export const FILE_TYPES = {
  pdf: { contentType: 'application/pdf', action: 'management_report.export_pdf' },
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    action: 'management_report.export_xlsx',
  },
} as const;
export type FileType = keyof typeof FILE_TYPES;

export interface ReportFile {
  filename: string;
  contentType: string;
  content: Buffer;
}

export type Renderer = (
  report: ManagementReportSnapshot,
  options: RenderOptions,
) => Promise<Buffer>;

export const RENDERERS: Record<FileType, Renderer> = {
  pdf: renderReportPdf,
  xlsx: renderReportXlsx,
};

export async function reportFile(
  deps: ManagementReportsDeps,
  actor: StaffActor,
  id: string,
  type: FileType,
  renderers: Record<FileType, Renderer> = RENDERERS,
): Promise<ReportFile> {
  const { row, snapshot } = await onAuditedRecord(
    deps.store,
    actor,
    { resource: reportResource(id), audit: { action: FILE_TYPES[type].action } },
    async (trx) => {
      const row = await repo.findReport(trx, id);
      if (!row) throw problems.notFound();
      return { row, snapshot: await snapshotFor(trx, deps, row) };
    },
  );
  // Committed: the render holds no transaction.
  const period = `${row.period_year}${row.period_quarter ? `-T${row.period_quarter}` : ''}`;
  const status = row.status === 'approved' ? 'aprobado' : 'borrador';
  return {
    filename: `informe-de-gestion-${period}-${status}.${type}`,
    contentType: FILE_TYPES[type].contentType,
    content: await renderers[type](snapshot, deps.render ?? {}),
  };
}
