import type { RouteObject } from 'react-router';

/** The administrator's screens, under /admin: institutions, teams, users, certificates. */
export const adminRoutes: RouteObject[] = [];
