import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { loadNamespaces } from '../../app/i18n';

/** A screen of this feature, loaded with its strings (both arrive on first visit). */
const screen =
  <M,>(load: () => Promise<M>, pick: (module: M) => ComponentType) =>
  async () => {
    const [module] = await Promise.all([load(), loadNamespaces(['targets'])]);
    return { Component: pick(module) };
  };

/**
 * The coordinator's targets (metas) and the plan they hang off: programs,
 * projects and their budget. Addresses carry ids and the year only.
 */
export const targetRoutes: RouteObject[] = [
  {
    path: 'targets',
    lazy: screen(
      () => import('./TargetsPage'),
      (m) => m.TargetsPage,
    ),
  },
  {
    path: 'targets/new',
    lazy: screen(
      () => import('./TargetEditorPage'),
      (m) => m.NewTargetPage,
    ),
  },
  {
    path: 'targets/plan',
    lazy: screen(
      () => import('./PlanPage'),
      (m) => m.PlanPage,
    ),
  },
  {
    path: 'targets/plan/projects/:id',
    lazy: screen(
      () => import('./ProjectBudgetPage'),
      (m) => m.ProjectBudgetPage,
    ),
  },
  {
    path: 'targets/:id',
    lazy: screen(
      () => import('./TargetPage'),
      (m) => m.TargetPage,
    ),
  },
  {
    path: 'targets/:id/edit',
    lazy: screen(
      () => import('./TargetEditorPage'),
      (m) => m.EditTargetPage,
    ),
  },
];
