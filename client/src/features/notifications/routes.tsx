import type { RouteObject } from 'react-router';

/** What needs the signed-in user (every role): /notifications. */
export const notificationRoutes: RouteObject[] = [
  {
    path: 'notifications',
    lazy: async () => ({ Component: (await import('./NotificationsPage')).NotificationsPage }),
  },
];
