import type { RouteObject } from 'react-router';
import { loadNamespaces } from '../../app/i18n';

/**
 * Every trainings screen is in one chunk (a coordinator who opens one usually
 * opens the others), loaded on the first visit together with this feature's
 * strings: one entry in the app's first download instead of one per screen.
 */
const screens = async () => {
  const [module] = await Promise.all([import('./screens'), loadNamespaces(['trainings'])]);
  return module;
};

/**
 * The coordinators' trainings: programmes, their sessions and attendance
 * sheets, participants, scores and certificates, and the year's figures.
 * Addresses carry ids and filter codes only — never a participant's name.
 */
export const trainingRoutes: RouteObject[] = [
  {
    path: 'trainings',
    lazy: async () => ({ Component: (await screens()).ProgrammeListPage }),
  },
  {
    path: 'trainings/summary',
    lazy: async () => ({ Component: (await screens()).AggregatesPage }),
  },
  {
    path: 'trainings/new',
    lazy: async () => ({ Component: (await screens()).NewProgrammePage }),
  },
  {
    path: 'trainings/:id',
    lazy: async () => ({ Component: (await screens()).ProgrammePage }),
  },
  {
    path: 'trainings/:id/edit',
    lazy: async () => ({ Component: (await screens()).EditProgrammePage }),
  },
  {
    path: 'trainings/:id/sessions/:sessionId/attendance',
    lazy: async () => ({ Component: (await screens()).AttendancePage }),
  },
];
