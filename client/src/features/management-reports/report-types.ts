import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type Signer = Schemas['ManagementReportSigner'];

/**
 * Who reviewed and approved, or null: the generated type of these two fields
 * cannot say null (the API document describes them as a reference with a
 * description, an allOf), so they are restated here.
 */
interface Signed {
  reviewedBy: Signer | null;
  approvedBy: Signer | null;
}
export type Report = Omit<Schemas['ManagementReport'], keyof Signed> & Signed;
export type ReportDetail = Omit<Schemas['ManagementReportDetail'], keyof Signed> & Signed;
export type NewReport = Schemas['NewManagementReport'];
export type ReportChange = Schemas['ManagementReportChange'];
export type Snapshot = Schemas['ManagementReportSnapshot'];
export type ReportPeriod = Schemas['ManagementReportPeriod'];
export type ReportBudget = Schemas['ManagementReportBudget'];
export type ReportProgram = Schemas['ManagementReportProgram'];
export type ReportProject = Schemas['ManagementReportProject'];
export type ReportTarget = Schemas['ManagementReportTarget'];
export type ReportSignature = Schemas['ManagementReportSignature'];
export type ReportStatus = Report['status'];
/** What a report's page says of it: a draft waiting for review, reviewed, or approved (frozen). */
export type ReportStage = 'draft' | 'reviewed' | 'approved';

export const stageOf = (report: Pick<Report, 'status' | 'reviewedBy'>): ReportStage =>
  report.status === 'approved' ? 'approved' : report.reviewedBy ? 'reviewed' : 'draft';
