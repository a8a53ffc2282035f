import { z } from '../../http/zod';
import { DECIMAL_PATTERN } from '../../db/decimal';

/*
 * The management report's content, as one document: what the PDF and the
 * XLSX are rendered from, what a draft's preview shows (computed live), and
 * what an approved report stores, frozen (management_reports.snapshot). Every
 * figure is already computed here — totals, percentages, rounding — so the
 * two files, the preview and a later reading of an approved report can never
 * disagree. Amounts and measured values are exact decimal strings (money to
 * the cent; percentages in percent with two decimals, rounded half away from
 * zero by decimal.ts); counts are integers. Nothing here is personal except
 * the names of the staff who signed (prepared, reviewed, approved), which a
 * signed report carries by nature.
 */

/*
 * Format 2 also stores the words the files print for the codes and figures
 * (sector, reach group, role and source labels, the figures' definitions,
 * the release links as printed): an approved report reads as it was approved
 * whatever later code says. Format 1 (reports approved before) lacks them,
 * and its files take them from the code of the day.
 */
export const SNAPSHOT_FORMAT = 2;
const Label = (of: string) =>
  z
    .string()
    .optional()
    .openapi({
      description: `The printed label of ${of}, as it was when computed (absent in format 1)`,
    });

const Decimal = z
  .string()
  .regex(DECIMAL_PATTERN)
  .openapi({ description: 'An exact decimal number as text, "." before the decimals' });
const Money = Decimal.openapi({ description: 'US dollars to the cent, as text: "5500.00"' });
const Percent = Decimal.nullable().openapi({
  description:
    'A percentage in percent with two decimals ("88.80"), rounded half away from zero; ' +
    'null when the whole it is a share of is zero',
});
const Count = z.number().int().min(0);
const Day = z.iso.date();
const Text = z.string();

export const ReportPeriod = z
  .object({
    year: z.number().int().min(2000).max(2100),
    quarter: z.number().int().min(1).max(4).nullable(),
  })
  .openapi('ManagementReportPeriod', { description: 'A year, or one quarter of it' });
export type ReportPeriod = z.infer<typeof ReportPeriod>;

export const BudgetExecution = z
  .object({ coded: Money, accrued: Money, executionPercent: Percent })
  .openapi('ManagementReportBudget', {
    description: 'Presupuesto codificado y devengado; % de ejecución = devengado / codificado',
  });
export type BudgetExecution = z.infer<typeof BudgetExecution>;

export const ReportTarget = z
  .object({
    description: Text,
    indicator: Text,
    unit: Text,
    programmed: Decimal,
    executed: Decimal.nullable().openapi({
      description:
        'null: pending (a case-work measure counts only quarters ended in Ecuador, and none has)',
    }),
    progressPercent: Percent,
    executedThrough: z
      .number()
      .int()
      .min(1)
      .max(4)
      .nullable()
      .default(null)
      .openapi({
        description:
          'executed counts only up to this quarter: the later ones have not ended (case-work ' +
          'measures); null when it covers the whole period',
      }),
    executingUnits: z.array(Text),
    results: Text.nullable(),
    planAlignment: Text.nullable(),
    source: z
      .enum(['computed', 'manual'])
      .openapi({ description: "computed from Amparo's records, or entered by hand" }),
    sourceLabel: Label('the source (and how far a case-work count reaches)'),
    quarters: z
      .array(z.object({ quarter: z.number().int().min(1).max(4), executed: Decimal.nullable() }))
      .openapi({
        description: 'Executed within each quarter alone, Q1 up to the period; null: pending',
      }),
  })
  .openapi('ManagementReportTarget');
export type ReportTarget = z.infer<typeof ReportTarget>;

export const ReportProject = z
  .object({
    code: Text.nullable(),
    name: Text,
    budget: BudgetExecution,
    targets: z.array(ReportTarget),
  })
  .openapi('ManagementReportProject');
export type ReportProject = z.infer<typeof ReportProject>;

export const ReportProgram = z
  .object({
    code: Text.nullable(),
    name: Text,
    // The sum of its projects'.
    budget: BudgetExecution,
    projects: z.array(ReportProject),
  })
  .openapi('ManagementReportProgram');
export type ReportProgram = z.infer<typeof ReportProgram>;

export const TrainingsSummary = z
  .object({
    programmes: Count,
    sessions: Count,
    hoursDelivered: Decimal.openapi({ description: 'Hours of the sessions held in the period' }),
    enrolled: Count,
    trained: Count.openapi({ description: 'Enrolled people who completed by the rule' }),
    certified: Count.openapi({
      description: 'People with a certificate issued in the period and not revoked',
    }),
    completionPercent: Percent,
    averageKnowledgeGain: Decimal.nullable().openapi({
      description: 'Mean of post − pre scores (0–100 scale), two decimals; null without both',
    }),
    bySector: z.array(
      z.object({
        sector: Text,
        label: Label('the sector'),
        enrolled: Count,
        trained: Count,
        completionPercent: Percent,
      }),
    ),
  })
  .openapi('ManagementReportTrainings');
export type TrainingsSummary = z.infer<typeof TrainingsSummary>;

export const CampaignsSummary = z
  .object({
    campaigns: Count,
    activities: Count,
    peopleReached: Count,
    byGroup: z.array(z.object({ group: Text, label: Label('the reach group'), reached: Count })),
    byProvince: z.array(z.object({ province: Text, reached: Count })),
  })
  .openapi('ManagementReportCampaigns');
export type CampaignsSummary = z.infer<typeof CampaignsSummary>;

export const ReportRelease = z
  .object({
    id: z.uuid(),
    tableId: Text,
    title: Text,
    period: ReportPeriod,
    publishedOn: Day,
    path: Text.openapi({ description: "The observatory's page: /observatorio/{id}" }),
    url: Text.optional().openapi({
      description:
        'The link as printed: absolute when the public address (PUBLIC_URL) was known (absent ' +
        'in format 1)',
    }),
  })
  .openapi('ManagementReportRelease');
export type ReportRelease = z.infer<typeof ReportRelease>;

export const Signature = z
  .object({ name: Text, role: Text, roleLabel: Label('the role'), on: Day })
  .openapi('ManagementReportSignature', { description: 'Who, in which role, and on which date' });
export type Signature = z.infer<typeof Signature>;

export const ReportLabels = z
  .object({
    pending: Text,
    trainings: z.object({
      programmes: Text,
      sessions: Text,
      hours: Text,
      enrolled: Text,
      trained: Text,
      certified: Text,
      completion: Text,
      gain: Text,
    }),
    campaigns: z.object({ campaigns: Text, activities: Text, reached: Text }),
  })
  .openapi('ManagementReportLabels');
export type ReportLabels = z.infer<typeof ReportLabels>;

export const ManagementReportSnapshot = z
  .object({
    format: z.literal([1, SNAPSHOT_FORMAT]),
    status: z.enum(['draft', 'approved']),
    period: ReportPeriod,
    /** When the figures were computed (a draft's: now; an approved report's: its approval). */
    figuresAsOf: z.iso.datetime(),
    institution: z.object({ name: Text }),
    // All programs together.
    budget: BudgetExecution,
    programs: z.array(ReportProgram),
    trainings: TrainingsSummary,
    campaigns: CampaignsSummary,
    releases: z.array(ReportRelease),
    conclusions: Text,
    recommendations: Text,
    challenges: Text,
    preparedBy: Signature.nullable(),
    reviewedBy: Signature.nullable(),
    approvedBy: Signature.nullable(),
    labels: ReportLabels.optional().openapi({
      description: "The words the files print for the figures' definitions (absent in format 1)",
    }),
  })
  .openapi('ManagementReportSnapshot');
export type ManagementReportSnapshot = z.infer<typeof ManagementReportSnapshot>;
