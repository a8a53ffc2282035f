import type { RouteObject } from 'react-router';

export const referralRoutes: RouteObject[] = [
  {
    path: 'referrals',
    lazy: async () => ({ Component: (await import('./SentReferralsPage')).SentReferralsPage }),
  },
];
