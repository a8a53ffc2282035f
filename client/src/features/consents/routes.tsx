import type { RouteObject } from 'react-router';

/** Consent screens reached by address (e.g. /cases/:caseId/consents/new). */
export const consentRoutes: RouteObject[] = [];
