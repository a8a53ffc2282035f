import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type Program = Schemas['PlanProgram'];
export type Project = Schemas['PlanProject'];
export type NewProgram = Schemas['NewPlanProgram'];
export type ProgramChange = Schemas['PlanProgramChange'];
export type NewProject = Schemas['NewPlanProject'];
export type ProjectChange = Schemas['PlanProjectChange'];

export type BudgetKind = Schemas['BudgetKind'];
export type BudgetEntry = Schemas['BudgetEntry'];
export type NewBudgetEntry = Schemas['NewBudgetEntry'];
export type BudgetVoidReason = Schemas['BudgetVoidReason'];
export type BudgetExecution = Schemas['BudgetExecution'];
export type ProjectBudget = Schemas['ProjectBudget'];
export type BudgetSummary = Schemas['BudgetSummary'];

export type Target = Schemas['Target'];
export type TargetDetail = Schemas['TargetDetail'];
export type NewTarget = Schemas['NewTarget'];
export type TargetChange = Schemas['TargetChange'];
export type MeasureInput = Schemas['TargetMeasure'];
export type MeasureKind = Schemas['TargetMeasureKind'];
export type MeasureRead = Schemas['TargetMeasureRead'];
export type ManualValue = Schemas['TargetManualValue'];
export type NewManualValue = Schemas['NewTargetManualValue'];
export type ManagementFigures = Schemas['ManagementFigures'];
export type ProgramFigures = ManagementFigures['programs'][number];
export type ProjectFigures = ProgramFigures['projects'][number];
export type TargetFigures = ProjectFigures['targets'][number];
export type QuarterFigures = TargetFigures['quarters'][number];
