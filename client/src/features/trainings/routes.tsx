import type { RouteObject } from 'react-router';
import { loadNamespaces } from '../../app/i18n';

/**
 * This feature's strings travel with its first screen, not with the app: both
 * languages are added before any of its screens renders.
 */
function loadText(): Promise<void> {
  return loadNamespaces(['trainings']);
}

/**
 * The coordinators' trainings: programmes, their sessions and attendance
 * sheets, participants, scores and certificates, and the year's figures.
 * Addresses carry ids and filter codes only — never a participant's name.
 */
export const trainingRoutes: RouteObject[] = [
  {
    path: 'trainings',
    lazy: async () => {
      const [page] = await Promise.all([import('./ProgrammeListPage'), loadText()]);
      return { Component: page.ProgrammeListPage };
    },
  },
  {
    path: 'trainings/summary',
    lazy: async () => {
      const [page] = await Promise.all([import('./AggregatesPage'), loadText()]);
      return { Component: page.AggregatesPage };
    },
  },
  {
    path: 'trainings/new',
    lazy: async () => {
      const [page] = await Promise.all([import('./ProgrammeEditorPage'), loadText()]);
      return { Component: page.NewProgrammePage };
    },
  },
  {
    path: 'trainings/:id',
    lazy: async () => {
      const [page] = await Promise.all([import('./ProgrammePage'), loadText()]);
      return { Component: page.ProgrammePage };
    },
  },
  {
    path: 'trainings/:id/edit',
    lazy: async () => {
      const [page] = await Promise.all([import('./ProgrammeEditorPage'), loadText()]);
      return { Component: page.EditProgrammePage };
    },
  },
  {
    path: 'trainings/:id/sessions/:sessionId/attendance',
    lazy: async () => {
      const [page] = await Promise.all([import('./AttendancePage'), loadText()]);
      return { Component: page.AttendancePage };
    },
  },
];
