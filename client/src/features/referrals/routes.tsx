import type { RouteObject } from 'react-router';

/** Referral screens; addresses carry ids only. */
export const referralRoutes: RouteObject[] = [
  {
    path: 'referrals',
    lazy: async () => ({ Component: (await import('./SentReferralsPage')).SentReferralsPage }),
  },
  {
    path: 'referrals/:referralId',
    lazy: async () => ({ Component: (await import('./ReferralDetailPage')).ReferralDetailPage }),
  },
  {
    path: 'cases/:caseId/referrals/new',
    lazy: async () => ({ Component: (await import('./NewReferralPage')).NewReferralPage }),
  },
];
