import type { RouteObject } from 'react-router';

/** The partner institution's screens: /inbox and /inbox/:referralId. */
export const partnerRoutes: RouteObject[] = [];
