export {
  CATALOGUE,
  PROVINCES,
  TABLE_IDS,
  cellKeys,
  tableById,
  type CatalogueTable,
  type ReleasePeriod,
  type TableId,
} from './catalogue';
export { countTable, listReleases } from './statistics.repository';
export { publicStatisticsRoutes, statisticsRoutes } from './statistics.routes';
export { registerStatisticsOpenApi } from './statistics.openapi';
export { DEFAULT_YEARLY_BUDGET_HUNDREDTHS, type StatisticsDeps } from './budget';
export { definitionOf } from './release-request';
export { toRelease } from './release-view';
export type { Release } from './statistics.schemas';
