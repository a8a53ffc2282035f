export { budgetRoutes, planRoutes, targetsRoutes } from './targets.routes';
export { registerTargetsOpenApi } from './targets.openapi';
export type { TargetsDeps } from './targets.service';
export { managementFigures } from './figures';
export type * from './management-figures';
export { MEASURE_KINDS, progressPercent, sumDecimals } from './management-figures';
export {
  BUDGET_KINDS,
  MEASURE_FILTERS,
  TARGET_ROLES,
  TRAINING_SECTORS,
  VOID_REASONS,
} from './targets.vocabularies';
