import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { loadNamespaces } from '../../app/i18n';

/** A screen of this feature, loaded with its strings (and the targets' words it shows). */
const screen =
  <M,>(load: () => Promise<M>, pick: (module: M) => ComponentType) =>
  async () => {
    const [module] = await Promise.all([load(), loadNamespaces(['managementReports', 'targets'])]);
    return { Component: pick(module) };
  };

/** The coordinators' management reports: the list and one report (ids only in addresses). */
export const managementReportRoutes: RouteObject[] = [
  {
    path: 'management-reports',
    lazy: screen(
      () => import('./ReportListPage'),
      (m) => m.ReportListPage,
    ),
  },
  {
    path: 'management-reports/:id',
    lazy: screen(
      () => import('./ReportPage'),
      (m) => m.ReportPage,
    ),
  },
];
