import { Id, z } from '../../http/zod';
import { BUDGET_KINDS, VOID_REASONS } from './targets.vocabularies';
import {
  Day,
  DecimalInput,
  DecimalOutput,
  FreeText,
  PercentOutput,
  Quarter,
  Year,
} from './target-fields';

/** Budget entries of a project and the execution they add up to (budget-execution.ts). */

export const BudgetKind = z.enum(BUDGET_KINDS).openapi('BudgetKind', {
  description:
    'codificado: the coded budget (presupuesto codificado) from this date on — the initial ' +
    'allocation, then the amount after each reform; the latest one counts. devengado: an ' +
    'amount accrued on this date; accrued amounts add up',
});

export const NewBudgetEntry = z
  .object({
    kind: BudgetKind,
    date: Day.openapi({
      description: "Within the fiscal year it counts for; not after today (Ecuador's date)",
    }),
    amount: DecimalInput.openapi({
      description: 'US dollars as a decimal string; a devengado amount is more than 0',
    }),
    note: FreeText(500, true).nullable().default(null).openapi({
      description: 'E.g. the reform or document it comes from',
    }),
  })
  .strict()
  .openapi('NewBudgetEntry');
export type NewBudgetEntry = z.infer<typeof NewBudgetEntry>;

export const VoidReason = z.enum(VOID_REASONS).openapi('BudgetVoidReason');
export const BudgetEntryVoid = z.object({ reason: VoidReason }).strict().openapi('BudgetEntryVoid');
export type BudgetEntryVoid = z.infer<typeof BudgetEntryVoid>;

export const BudgetEntry = z
  .object({
    id: Id,
    projectId: Id,
    kind: BudgetKind,
    date: z.iso.date(),
    amount: DecimalOutput,
    note: z.string().nullable(),
    recordedBy: Id,
    recordedAt: z.iso.datetime(),
    voided: z
      .object({ by: Id, at: z.iso.datetime(), reason: VoidReason })
      .nullable()
      .openapi({ description: 'A voided entry counts no more' }),
  })
  .openapi('BudgetEntry');
export type BudgetEntry = z.infer<typeof BudgetEntry>;

export const BudgetExecution = z
  .object({
    coded: DecimalOutput.openapi({
      description: 'Presupuesto codificado at the end of the period',
    }),
    accrued: DecimalOutput.openapi({
      description: 'Presupuesto devengado from 1 January to the end of the period',
    }),
    executionPercent: PercentOutput.openapi({ description: 'accrued / coded × 100' }),
  })
  .openapi('BudgetExecution');

export const BudgetQuarter = z
  .object({
    quarter: z.number().int().min(1).max(4),
    coded: DecimalOutput.openapi({ description: 'Coded at the end of the quarter' }),
    accrued: DecimalOutput.openapi({ description: 'Accrued within the quarter' }),
    accruedToDate: DecimalOutput.openapi({ description: 'Accrued from 1 January to its end' }),
    executionPercent: PercentOutput.openapi({ description: 'accruedToDate / coded × 100' }),
  })
  .openapi('BudgetQuarter');
export type BudgetQuarter = z.infer<typeof BudgetQuarter>;

export const ProjectBudget = z
  .object({
    projectId: Id,
    year: z.number().int(),
    execution: BudgetExecution,
    quarters: z.array(BudgetQuarter),
    overAccrued: z.boolean().openapi({
      description: 'Accrued exceeds coded (shown, never refused)',
    }),
    entries: z
      .array(BudgetEntry)
      .openapi({ description: "The year's entries, voided ones too, by date then as recorded" }),
  })
  .openapi('ProjectBudget', {
    description: "A project's budget for a year: execution is the whole year's",
  });
export type ProjectBudget = z.infer<typeof ProjectBudget>;

const PeriodOut = z.object({ from: z.iso.date(), to: z.iso.date() });

export const BudgetSummary = z
  .object({
    year: z.number().int(),
    quarter: z.number().int().nullable(),
    period: PeriodOut,
    programs: z.array(
      z.object({
        id: Id,
        code: z.string(),
        name: z.string(),
        budget: BudgetExecution,
        projects: z.array(
          z.object({
            id: Id,
            code: z.string(),
            name: z.string(),
            budget: BudgetExecution,
            quarters: z.array(BudgetQuarter),
          }),
        ),
      }),
    ),
    budget: BudgetExecution,
  })
  .openapi('BudgetSummary', {
    description: 'budget: every program, summed; a program: its projects, summed',
  });
export type BudgetSummary = z.infer<typeof BudgetSummary>;

export const BudgetYearQuery = z.object({ year: Year }).strict();
export type BudgetYearQuery = z.infer<typeof BudgetYearQuery>;

export const BudgetSummaryQuery = z
  .object({
    year: Year,
    quarter: Quarter.optional().openapi({
      description: 'Up to the end of this quarter (year to date); omitted: the whole year',
    }),
  })
  .strict();
export type BudgetSummaryQuery = z.infer<typeof BudgetSummaryQuery>;

export const ProjectParams = z.object({ projectId: Id }).strict();
export type ProjectParams = z.infer<typeof ProjectParams>;
