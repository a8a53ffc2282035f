import type { RouteObject } from 'react-router';

/** The partner institution's screens: /inbox and /inbox/:referralId (addresses carry ids only). */
export const partnerRoutes: RouteObject[] = [
  {
    path: 'inbox',
    lazy: async () => ({ Component: (await import('./InboxPage')).InboxPage }),
  },
  {
    path: 'inbox/:referralId',
    lazy: async () => ({ Component: (await import('./InboxReferralPage')).InboxReferralPage }),
  },
];
