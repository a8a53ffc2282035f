import type { RouteObject } from 'react-router';

/** The administrator's screens, under /admin: institutions, teams, users, certificates. */
export const adminRoutes: RouteObject[] = [
  {
    path: 'admin/institutions',
    lazy: async () => ({
      Component: (await import('./institutions/InstitutionsPage')).InstitutionsPage,
    }),
  },
  {
    path: 'admin/institutions/:institutionId',
    lazy: async () => ({
      Component: (await import('./institutions/InstitutionDetailPage')).InstitutionDetailPage,
    }),
  },
  {
    path: 'admin/teams',
    lazy: async () => ({ Component: (await import('./teams/TeamsPage')).TeamsPage }),
  },
  {
    path: 'admin/users',
    lazy: async () => ({ Component: (await import('./users/UsersPage')).UsersPage }),
  },
  {
    path: 'admin/users/new',
    lazy: async () => ({ Component: (await import('./users/NewUserPage')).NewUserPage }),
  },
  {
    path: 'admin/users/:userId',
    lazy: async () => ({ Component: (await import('./users/UserDetailPage')).UserDetailPage }),
  },
];
