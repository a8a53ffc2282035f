import { createBrowserRouter, type RouteObject } from 'react-router';
import { adminRoutes } from '../features/admin/routes';
import { auditRoutes } from '../features/audit/routes';
import { campaignEditorRoutes, campaignRoutes } from '../features/campaigns/routes';
import { caseRoutes } from '../features/cases/routes';
import { certificateVerificationRoute } from '../features/certificate-verification/routes';
import { managementReportRoutes } from '../features/management-reports/routes';
import { supervisionRoutes } from '../features/cases/supervision/routes';
import { consentRoutes } from '../features/consents/routes';
import { notificationRoutes } from '../features/notifications/routes';
import { observatoryRoute } from '../features/observatory/routes';
import { partnerRoutes } from '../features/partners/routes';
import { referralRoutes } from '../features/referrals/routes';
import { reviewRoutes } from '../features/reviews/routes';
import { statisticsRoutes } from '../features/statistics/routes';
import { targetRoutes } from '../features/targets/routes';
import { trainingRoutes } from '../features/trainings/routes';
import { Loading } from '../ui/Loading';
import { AppLayout } from './layout/AppLayout';
import { NotFoundPage } from './layout/NotFoundPage';
import { RoleHome } from './layout/RoleHome';
import { RouteError } from './layout/RouteError';
import { RequireRole, RequireSession } from './session/RequireSession';

/**
 * Every screen's address. Feature screens are loaded on first visit (each
 * feature's routes.tsx uses `lazy`), so a caseworker's first screen does not
 * load the supervisor's. Addresses carry ids only, never personal data.
 */
export const routes: RouteObject[] = [
  {
    path: '/sign-in',
    lazy: async () => ({ Component: (await import('./session/sign-in/SignInPage')).SignInPage }),
    errorElement: <RouteError />,
    hydrateFallbackElement: <Loading />,
  },
  // Public: no session asked for or touched, no signed-in frame.
  { ...observatoryRoute, hydrateFallbackElement: <Loading /> },
  { ...certificateVerificationRoute, hydrateFallbackElement: <Loading /> },
  {
    element: <RequireSession />,
    errorElement: <RouteError />,
    hydrateFallbackElement: <Loading />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <RoleHome /> },
          {
            element: <RequireRole roles={['caseworker', 'supervisor']} />,
            children: [...caseRoutes, ...supervisionRoutes, ...consentRoutes, ...referralRoutes],
          },
          { element: <RequireRole roles={['supervisor']} />, children: reviewRoutes },
          { element: <RequireRole roles={['partner']} />, children: partnerRoutes },
          { element: <RequireRole roles={['admin']} />, children: adminRoutes },
          { element: <RequireRole roles={['auditor']} />, children: auditRoutes },
          { element: <RequireRole roles={['coordinator']} />, children: statisticsRoutes },
          ...notificationRoutes,
          {
            element: (
              <RequireRole
                roles={['caseworker', 'supervisor', 'coordinator', 'admin', 'auditor']}
              />
            ),
            children: campaignRoutes,
          },
          { element: <RequireRole roles={['coordinator']} />, children: campaignEditorRoutes },
          {
            element: <RequireRole roles={['coordinator']} />,
            children: [...targetRoutes, ...managementReportRoutes, ...trainingRoutes],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export const createRouter = () => createBrowserRouter(routes);
