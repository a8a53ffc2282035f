export { managementReportsRoutes } from './management-reports.routes';
export { registerManagementReportsOpenApi } from './management-reports.openapi';
export type { ManagementReportsDeps } from './management-reports.service';
export type { ManagementReportSnapshot } from './report-snapshot';
// Use cases and their inputs, for the demo data (server/modules/demo) to write through.
export { createReport, reviewReport } from './report-write';
export { NewManagementReport } from './management-reports.schemas';
