export {
  CATALOGUE,
  tableById,
  type CatalogueTable,
  type ReleasePeriod,
  type TableId,
} from './catalogue';
export { countTable } from './statistics.repository';
export { publicStatisticsRoutes, statisticsRoutes } from './statistics.routes';
export { registerStatisticsOpenApi } from './statistics.openapi';
export { DEFAULT_YEARLY_BUDGET_HUNDREDTHS, type StatisticsDeps } from './statistics.service';
