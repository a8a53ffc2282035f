import type { RouteObject } from 'react-router';

/** The auditor's screens, under /audit: the log, chain verification, access reports. */
export const auditRoutes: RouteObject[] = [];
