import type { RouteObject } from 'react-router';

/** The auditor's screens, under /audit: the log with chain verification, access reports. */
export const auditRoutes: RouteObject[] = [
  {
    path: 'audit',
    lazy: async () => ({ Component: (await import('./AuditLogPage')).AuditLogPage }),
  },
  {
    path: 'audit/access',
    lazy: async () => ({ Component: (await import('./AccessReportPage')).AccessReportPage }),
  },
];
