import type { RouteObject } from 'react-router';

/** Consent screens reached by address; ids only, never personal data. */
export const consentRoutes: RouteObject[] = [
  {
    path: 'cases/:caseId/consents',
    lazy: async () => ({ Component: (await import('./CaseConsentsPage')).CaseConsentsPage }),
  },
  {
    path: 'cases/:caseId/consents/new',
    lazy: async () => ({ Component: (await import('./RecordConsentPage')).RecordConsentPage }),
  },
];
