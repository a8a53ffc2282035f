export { budgetRoutes, planRoutes, targetsRoutes } from './targets.routes';
export { registerTargetsOpenApi } from './targets.openapi';
export type { TargetsDeps } from './targets.service';
export { managementFigures } from './figures';
export type * from './management-figures';
export { MEASURE_KINDS } from './management-figures';
export {
  BUDGET_KINDS,
  MEASURE_FILTERS,
  TARGET_ROLES,
  TRAINING_SECTORS,
  VOID_REASONS,
} from './targets.vocabularies';
// Use cases and their inputs, for the demo data (server/modules/demo) to write through.
export { createProgram, createProject } from './plan-write';
export { createEntry } from './budget';
export { createTarget } from './target-write';
export { createManualValue } from './manual-values';
export { NewProgram, NewProject } from './plan.schemas';
export { NewBudgetEntry } from './budget.schemas';
export { NewManualValue, NewTarget } from './target.schemas';
