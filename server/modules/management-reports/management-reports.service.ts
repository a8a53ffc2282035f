import type { Store } from '../../db/actor-transaction';
import type { AuditedResource } from '../../db/audited-record';
import { problems } from '../../http/problem';
import type { FiguresSource } from './report-figures';
import type { RenderOptions } from './report-render';
import { reportExists } from './management-reports.repository';

/*
 * What the management reports' use cases share (report-read.ts,
 * report-write.ts, report-files.ts). Reports are the coordinators' (the
 * routes refuse anyone else, audited as access.denied; row-level security
 * refuses them too). Every change and every download is audited once, naming
 * the report; reading a report (its preview) is not: it holds the
 * programme's aggregates and the names of its signers, nothing more.
 */

export interface ManagementReportsDeps {
  store: Store;
  clock: () => Date;
  /** The plan's figures (the targets module's managementFigures). */
  figures: FiguresSource;
  render?: RenderOptions;
}

export const reportResource = (id: string): AuditedResource => ({
  type: 'management_report',
  id,
  exists: (trx) => reportExists(trx, id),
});

export const stale = () =>
  problems.conflict(
    'stale_version',
    'The report changed since you read it',
    'Read it again and reapply your change.',
  );

export const frozen = () =>
  problems.conflict(
    'report_approved',
    'The report is approved',
    'An approved report never changes. Write the correction in the next report.',
  );
