import type { RouteObject } from 'react-router';

export const caseRoutes: RouteObject[] = [
  {
    path: 'cases',
    lazy: async () => ({ Component: (await import('./CaseListPage')).CaseListPage }),
  },
];
