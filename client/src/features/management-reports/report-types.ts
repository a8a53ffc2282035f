import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type Report = Schemas['ManagementReport'];
export type ReportDetail = Schemas['ManagementReportDetail'];
export type NewReport = Schemas['NewManagementReport'];
export type ReportChange = Schemas['ManagementReportChange'];
export type Snapshot = Schemas['ManagementReportSnapshot'];
export type ReportPeriod = Schemas['ManagementReportPeriod'];
export type ReportBudget = Schemas['ManagementReportBudget'];
export type ReportProgram = Schemas['ManagementReportProgram'];
export type ReportProject = Schemas['ManagementReportProject'];
export type ReportTarget = Schemas['ManagementReportTarget'];
export type ReportSignature = Schemas['ManagementReportSignature'];
export type Signer = Schemas['ManagementReportSigner'];
export type ReportStatus = Report['status'];
/** What a report's page says of it: a draft waiting for review, reviewed, or approved (frozen). */
export type ReportStage = 'draft' | 'reviewed' | 'approved';

export const stageOf = (report: Pick<Report, 'status' | 'reviewedBy'>): ReportStage =>
  report.status === 'approved' ? 'approved' : report.reviewedBy ? 'reviewed' : 'draft';
