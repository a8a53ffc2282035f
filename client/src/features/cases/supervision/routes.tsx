import type { RouteObject } from 'react-router';

/** Supervision screens reached by address (case roles: caseworker and supervisor). */
export const supervisionRoutes: RouteObject[] = [
  {
    path: 'cases/:caseId/break-glass',
    lazy: async () => ({ Component: (await import('./BreakGlassPage')).BreakGlassPage }),
  },
];
