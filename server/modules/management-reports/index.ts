export { managementReportsRoutes } from './management-reports.routes';
export { registerManagementReportsOpenApi } from './management-reports.openapi';
export type { ManagementReportsDeps } from './management-reports.service';
export type { ManagementReportSnapshot } from './report-snapshot';
