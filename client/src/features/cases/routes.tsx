import type { RouteObject } from 'react-router';

/** Addresses carry the case's id only: never a name, number or any personal data. */
export const caseRoutes: RouteObject[] = [
  {
    path: 'cases',
    lazy: async () => ({ Component: (await import('./CaseListPage')).CaseListPage }),
  },
  {
    path: 'cases/new',
    lazy: async () => ({ Component: (await import('./IntakePage')).IntakePage }),
  },
  {
    path: 'cases/:caseId',
    lazy: async () => ({ Component: (await import('./CaseDetailPage')).CaseDetailPage }),
  },
  {
    path: 'cases/:caseId/edit',
    lazy: async () => ({ Component: (await import('./CaseEditPage')).CaseEditPage }),
  },
];
