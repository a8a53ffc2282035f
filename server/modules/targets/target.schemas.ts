import { Id, z } from '../../http/zod';
import { CHANNELS, REACH_GROUPS, TERRITORIES } from '../campaigns';
import { INSTITUTION_SECTORS } from '../institutions';
import { BudgetExecution } from './budget.schemas';
import {
  atLeastOneChange,
  DecimalInput,
  DecimalOutput,
  distinct,
  ExecutingUnits,
  FreeText,
  PercentOutput,
  Quarter,
  Version,
  Year,
} from './target-fields';
import { MEASURE_KINDS, TRAINING_SECTORS } from './targets.vocabularies';

/** Targets (metas): definition, measure, manual values and progress. */

const Ids = distinct(Id).max(50);
const codes = <T extends readonly [string, ...string[]]>(list: T) =>
  distinct(z.enum(list)).max(list.length);

const trainingFilters = z
  .object({
    programmeIds: Ids.optional().openapi({ description: 'Training programmes' }),
    sectors: codes(TRAINING_SECTORS).optional().openapi({
      description:
        "The participant's sector (training hours: the programme's target sectors, any of them)",
    }),
    provinces: codes(TERRITORIES)
      .optional()
      .openapi({ description: "The participant's province (training hours: the programme's)" }),
  })
  .strict();
const campaignFilters = {
  campaignIds: Ids.optional(),
  channels: codes(CHANNELS).optional(),
  provinces: codes(TERRITORIES).optional().openapi({ description: "The activity's territory" }),
};

/** `filters` already defaults to {} (none given: nothing restricted). */
const measure = <K extends string, F extends z.ZodType>(kind: K, filters: F, description: string) =>
  z
    .object({ kind: z.literal(kind), filters })
    .strict()
    .openapi({ description });

export const MeasureInput = z
  .discriminatedUnion('kind', [
    measure(
      'people_trained',
      trainingFilters.default({}),
      'Distinct participants who completed (by the programme rule) a programme ending in the period',
    ),
    measure(
      'people_certified',
      trainingFilters.default({}),
      'Distinct participants with a certificate issued in the period and not revoked',
    ),
    measure(
      'training_hours_delivered',
      trainingFilters.default({}),
      'Hours of the sessions held in the period (at least one participant present)',
    ),
    measure(
      'campaign_activities_held',
      z.object(campaignFilters).strict().default({}),
      'Campaign activities that took place in the period',
    ),
    measure(
      'people_reached',
      z
        .object({
          ...campaignFilters,
          groups: codes(REACH_GROUPS).optional().openapi({ description: 'Reach groups' }),
        })
        .strict()
        .default({}),
      'People reached by the campaign activities of the period',
    ),
    measure(
      'referrals_completed',
      z
        .object({
          sectors: codes(INSTITUTION_SECTORS)
            .optional()
            .openapi({ description: "The receiving institution's sector" }),
        })
        .strict()
        .default({}),
      'Referrals completed in the period (a count, never a referral)',
    ),
    measure(
      'cases_attended',
      z.object({}).strict().default({}),
      'Cases identified in the period or with a note, a referral sent or a referral moved in it ' +
        '(a count, never a case)',
    ),
    measure(
      'manual',
      z.object({}).strict().default({}),
      'Values entered by quarter (for an indicator Amparo cannot compute)',
    ),
  ])
  .openapi('TargetMeasure', {
    description:
      'How the executed value is obtained: computed live from the records, with filters (an ' +
      'empty or absent filter restricts nothing), or manual',
  });
export type MeasureInput = z.infer<typeof MeasureInput>;

export const MeasureKind = z.enum(MEASURE_KINDS).openapi('TargetMeasureKind');

const ProgrammedByQuarter = z
  .tuple([DecimalInput, DecimalInput, DecimalInput, DecimalInput])
  .nullable()
  .openapi({
    description:
      'Optional: Q1–Q4, adding up to programmed exactly (400 quarters_do_not_add_up); null: none',
  });

const targetFields = {
  description: FreeText(1000, true),
  indicator: FreeText(500, true),
  unitOfMeasure: FreeText(100, false).openapi({ example: 'personas' }),
  programmed: DecimalInput.openapi({ description: "The year's programmed value" }),
  programmedByQuarter: ProgrammedByQuarter,
  executingUnits: ExecutingUnits,
  resultsDescription: FreeText(4000, true).nullable(),
  planObjective: FreeText(1000, true).nullable().openapi({
    description: "The plan objective it contributes to; null: its program's is shown",
  }),
  measure: MeasureInput,
};

export const NewTarget = z
  .object({
    projectId: Id,
    year: z.number().int().min(2000).max(2100),
    ...targetFields,
    programmedByQuarter: targetFields.programmedByQuarter.default(null),
    resultsDescription: targetFields.resultsDescription.default(null),
    planObjective: targetFields.planObjective.default(null),
  })
  .strict()
  .openapi('NewTarget');
export type NewTarget = z.infer<typeof NewTarget>;

export const TargetChange = z
  .object({
    version: Version,
    description: targetFields.description.optional(),
    indicator: targetFields.indicator.optional(),
    unitOfMeasure: targetFields.unitOfMeasure.optional(),
    programmed: targetFields.programmed.optional(),
    programmedByQuarter: targetFields.programmedByQuarter.optional(),
    executingUnits: targetFields.executingUnits.optional(),
    resultsDescription: targetFields.resultsDescription.optional(),
    planObjective: targetFields.planObjective.optional(),
    measure: targetFields.measure.optional(),
  })
  .strict()
  .refine(...atLeastOneChange)
  .openapi('TargetChange', {
    description: 'Only the fields sent change; a target stays in its project and year',
  });
export type TargetChange = z.infer<typeof TargetChange>;

const PENDING =
  'null: pending — a case-work measure (referrals_completed, cases_attended) counts a ' +
  'quarter only once it has ended in Ecuador';

export const QuarterFigures = z
  .object({
    quarter: z.number().int().min(1).max(4),
    programmed: DecimalOutput.nullable(),
    executed: DecimalOutput.nullable().openapi({
      description: `Within the quarter alone; ${PENDING}`,
    }),
    progressPercent: PercentOutput.openapi({
      description: 'executed / programmed × 100; null without a quarterly programme or pending',
    }),
  })
  .openapi('TargetQuarterFigures');

/** What the progress of a target and its management figures share. */
const progressFields = {
  executed: DecimalOutput.nullable().openapi({
    description:
      'From 1 January to the end of the period. A case-work measure counts only ended ' +
      `quarters (see executedThrough); ${PENDING}, before the first has ended`,
  }),
  progressPercent: PercentOutput.openapi({
    description: 'executed / programmed × 100; null when programmed is 0 or executed is pending',
  }),
  executedThrough: z
    .number()
    .int()
    .min(1)
    .max(4)
    .nullable()
    .openapi({
      description:
        'Set when executed stops before the end of the period because the later quarters have ' +
        'not ended (case-work measures): the last quarter it includes ("hasta el trimestre N"); ' +
        'null when it covers the whole period',
    }),
  filtersMissing: z.boolean().openapi({
    description:
      'A training programme or campaign the filters name no longer exists: the value counts ' +
      'only what remains',
  }),
  quarters: z.array(QuarterFigures),
};

export const Measure = z
  .object({
    kind: MeasureKind,
    filters: z.object({
      programmeIds: z.array(Id).optional(),
      sectors: z.array(z.string()).optional(),
      provinces: z.array(z.string()).optional(),
      campaignIds: z.array(Id).optional(),
      channels: z.array(z.string()).optional(),
      groups: z.array(z.string()).optional(),
    }),
  })
  .openapi('TargetMeasureRead');

export const Target = z
  .object({
    id: Id,
    projectId: Id,
    year: z.number().int(),
    description: z.string(),
    indicator: z.string(),
    unitOfMeasure: z.string(),
    programmed: DecimalOutput,
    programmedByQuarter: z.array(DecimalOutput).nullable(),
    executingUnits: z.array(z.string()),
    resultsDescription: z.string().nullable(),
    planObjective: z.string().nullable(),
    measure: Measure,
    createdBy: Id,
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .openapi('Target');
export type Target = z.infer<typeof Target>;

export const TargetProgress = z
  .object(progressFields)
  .openapi('TargetProgress', { description: 'The whole year (as of now)' });
export type TargetProgress = z.infer<typeof TargetProgress>;

export const ManualValue = z
  .object({
    id: Id,
    targetId: Id,
    quarter: z.number().int().min(1).max(4),
    value: DecimalOutput,
    note: z.string().nullable(),
    recordedBy: Id,
    recordedAt: z.iso.datetime(),
    current: z
      .boolean()
      .openapi({ description: "The quarter's latest entry: the one that counts" }),
  })
  .openapi('TargetManualValue');
export type ManualValue = z.infer<typeof ManualValue>;

export const ManualValueList = z
  .object({
    items: z.array(ManualValue).openapi({ description: 'Every entry, oldest first' }),
  })
  .openapi('TargetManualValueList');
export type ManualValueList = z.infer<typeof ManualValueList>;

export const TargetDetail = Target.extend({
  progress: TargetProgress,
  manualValues: z
    .array(ManualValue)
    .openapi({ description: 'A manual target: every entry, oldest first (empty otherwise)' }),
}).openapi('TargetDetail');
export type TargetDetail = z.infer<typeof TargetDetail>;

export const TargetList = z
  .object({
    items: z.array(Target).openapi({ description: 'By program, project, then as created' }),
  })
  .openapi('TargetList');
export type TargetList = z.infer<typeof TargetList>;

export const NewManualValue = z
  .object({
    quarter: z.number().int().min(1).max(4).openapi({
      description:
        "Of the target's year; not a quarter that has not begun (400 quarter_not_started)",
    }),
    value: DecimalInput.openapi({ description: 'Executed within the quarter alone' }),
    note: FreeText(500, true).nullable().default(null),
  })
  .strict()
  .openapi('NewTargetManualValue');
export type NewManualValue = z.infer<typeof NewManualValue>;

export const TargetQuery = z.object({ year: Year, projectId: Id.optional() }).strict();
export type TargetQuery = z.infer<typeof TargetQuery>;

export const ProgressQuery = z
  .object({
    year: Year,
    quarter: Quarter.optional().openapi({
      description: 'Up to the end of this quarter (year to date); omitted: the whole year',
    }),
  })
  .strict();
export type ProgressQuery = z.infer<typeof ProgressQuery>;

const TargetFigures = z
  .object({
    id: Id,
    description: z.string(),
    indicator: z.string(),
    unitOfMeasure: z.string(),
    measure: Measure,
    programmed: DecimalOutput,
    ...progressFields,
    executingUnits: z.array(z.string()),
    resultsDescription: z.string().nullable(),
    planObjective: z.string().nullable(),
  })
  .openapi('TargetFigures');

export const ManagementFigures = z
  .object({
    year: z.number().int(),
    quarter: z.number().int().nullable(),
    period: z.object({ from: z.iso.date(), to: z.iso.date() }),
    programs: z.array(
      z.object({
        id: Id,
        code: z.string(),
        name: z.string(),
        planObjective: z.string().nullable(),
        budget: BudgetExecution,
        projects: z.array(
          z.object({
            id: Id,
            code: z.string(),
            name: z.string(),
            executingUnits: z.array(z.string()),
            budget: BudgetExecution,
            targets: z.array(TargetFigures),
          }),
        ),
      }),
    ),
    budget: BudgetExecution,
  })
  .openapi('ManagementFigures', {
    description:
      'program → project → budget execution → targets: what the management report prints',
  });

export const TargetParams = z.object({ id: Id }).strict();
export type TargetParams = z.infer<typeof TargetParams>;
