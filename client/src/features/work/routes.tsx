import type { RouteObject } from 'react-router';

export const workRoutes: RouteObject[] = [
  { index: true, lazy: async () => ({ Component: (await import('./MyWorkPage')).MyWorkPage }) },
];
