import type { RouteObject } from 'react-router';

/** The coordinator's statistics: trends, the release builder, one release (ids only in addresses). */
export const statisticsRoutes: RouteObject[] = [
  {
    path: 'statistics',
    lazy: async () => ({ Component: (await import('./DashboardPage')).DashboardPage }),
  },
  {
    path: 'statistics/new',
    lazy: async () => ({ Component: (await import('./BuilderPage')).BuilderPage }),
  },
  {
    path: 'statistics/releases/:id',
    lazy: async () => ({ Component: (await import('./ReleasePage')).ReleasePage }),
  },
];
