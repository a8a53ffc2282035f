import { onAuditedRecord } from '../../db/audited-record';
import type { StaffActor } from '../../db/actor-transaction';
import { problems } from '../../http/problem';
import * as repo from './management-reports.repository';
import { reportResource, type ManagementReportsDeps } from './management-reports.service';
import { snapshotFor } from './report-read';
import { renderReportPdf } from './report-pdf';
import { renderReportXlsx } from './report-xlsx';

/*
 * Downloads of a report, each audited: an approved report's files are
 * rendered from its frozen snapshot (the same bytes every time, for the
 * PDF); a draft's from its figures now, marked BORRADOR on every page and
 * sheet. The file is made inside the transaction, so the audit row commits
 * only with a file that was made.
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

export function reportFile(
  deps: ManagementReportsDeps,
  actor: StaffActor,
  id: string,
  type: FileType,
): Promise<ReportFile> {
  return onAuditedRecord(
    deps.store,
    actor,
    { resource: reportResource(id), audit: { action: FILE_TYPES[type].action } },
    async (trx) => {
      const row = await repo.findReport(trx, id);
      if (!row) throw problems.notFound();
      const snapshot = await snapshotFor(trx, deps, row);
      const render = type === 'pdf' ? renderReportPdf : renderReportXlsx;
      const period = `${row.period_year}${row.period_quarter ? `-T${row.period_quarter}` : ''}`;
      const status = row.status === 'approved' ? 'aprobado' : 'borrador';
      return {
        filename: `informe-de-gestion-${period}-${status}.${type}`,
        contentType: FILE_TYPES[type].contentType,
        content: await render(snapshot, deps.render ?? {}),
      };
    },
  );
}
