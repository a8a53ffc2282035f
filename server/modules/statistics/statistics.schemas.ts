import { Id, z } from '../../http/zod';
import { DIMENSIONS, TABLE_IDS } from './catalogue';

/** Limits on one release's ε (the yearly total is the budget's). */
export const EPSILON_MIN = 0.05;
export const EPSILON_MAX = 1;
export const DEFAULT_THRESHOLD = 11;
export const ROUNDING = 5;

const DimensionId = z
  .enum(Object.keys(DIMENSIONS) as [keyof typeof DIMENSIONS, ...(keyof typeof DIMENSIONS)[]])
  .openapi('StatisticsDimension');
const TableId = z.enum(TABLE_IDS).openapi('StatisticsTableId');

/** A table of the catalogue as published: its dimensions with every value a cell may take. */
export const TableDefinition = z
  .object({
    id: TableId,
    source: z.enum(['victims', 'referrals']),
    dimensions: z.array(z.object({ id: DimensionId, values: z.array(z.string()) })),
    /** The most one person adds to the table in all (L1 sensitivity). */
    contributionBound: z.number().int().min(1),
  })
  .openapi('StatisticsTable');
export type TableDefinition = z.infer<typeof TableDefinition>;

export const Catalogue = z
  .object({
    tables: z.array(TableDefinition),
    epsilon: z.object({ min: z.number(), max: z.number(), step: z.number() }),
    defaultThreshold: z.number().int(),
    rounding: z.number().int(),
  })
  .openapi('StatisticsCatalogue');
export type Catalogue = z.infer<typeof Catalogue>;

const Year = z.coerce.number().int().min(2000).max(2100);

/** ε with at most two decimals (hundredths are what the ledger counts). */
const Epsilon = z
  .number()
  .min(EPSILON_MIN)
  .max(EPSILON_MAX)
  .refine((e) => Math.abs(e * 100 - Math.round(e * 100)) < 1e-9, {
    message: 'At most two decimals',
  });

export const ReleaseRequest = z
  .object({
    tableId: TableId,
    year: Year,
    quarter: z.number().int().min(1).max(4).optional(),
    epsilon: Epsilon,
    /** Figures below it are shown as "<threshold"; never less than the default. */
    threshold: z.number().int().min(DEFAULT_THRESHOLD).max(100).default(DEFAULT_THRESHOLD),
  })
  .strict()
  .openapi('StatisticsReleaseRequest');
export type ReleaseRequest = z.infer<typeof ReleaseRequest>;

export const Budget = z
  .object({
    year: z.number().int(),
    total: z.number(),
    spent: z.number(),
    remaining: z.number(),
    /** Whether the total is fixed (a release of that year exists) or the installation's default. */
    fixed: z.boolean(),
  })
  .openapi('PrivacyBudget');
export type Budget = z.infer<typeof Budget>;

export const BudgetQuery = z.object({ year: Year }).strict();
export type BudgetQuery = z.infer<typeof BudgetQuery>;

/** What a release would be, computed from its parameters only: no data is read, no budget spent. */
export const ReleasePreview = z
  .object({
    table: TableDefinition,
    period: z.object({ year: z.number().int(), quarter: z.number().int().nullable() }),
    epsilon: z.number(),
    threshold: z.number().int(),
    rounding: z.number().int(),
    cells: z.number().int(),
    noiseScale: z.number(),
    cellErrorBound95: z.number().int(),
    budget: Budget,
    /** ε left in the year's budget after this release; negative when it would be refused. */
    remainingAfter: z.number(),
  })
  .openapi('StatisticsReleasePreview');
export type ReleasePreview = z.infer<typeof ReleasePreview>;

const Total = z.object({
  value: z.number().int(),
  cellsShown: z.number().int(),
  cellsSuppressed: z.number().int(),
  errorBound95: z.number().int(),
});

export const ReleaseFiguresSchema = z.object({
  cells: z.array(
    z.object({
      key: z.array(z.string()),
      value: z.number().int().nullable(),
      suppressed: z.boolean(),
    }),
  ),
  cellErrorBound95: z.number().int(),
  noiseScale: z.number(),
  totals: z.object({
    grand: Total,
    byDimension: z.array(
      z.object({
        dimension: DimensionId,
        totals: z.array(z.object({ value: z.string(), total: Total })),
      }),
    ),
  }),
});

export const ReleaseState = z.enum(['draft', 'published', 'discarded']);

/** A frozen release with everything needed to see how it was made. */
export const Release = z
  .object({
    id: Id,
    state: ReleaseState,
    table: TableDefinition,
    period: z.object({ year: z.number().int(), quarter: z.number().int().nullable() }),
    parameters: z.object({
      mechanism: z.literal('discrete_laplace'),
      epsilon: z.number(),
      sensitivity: z.number().int(),
      threshold: z.number().int(),
      rounding: z.number().int(),
      confidence: z.number(),
    }),
    figures: ReleaseFiguresSchema,
    softwareVersion: z.string(),
    computedAt: z.iso.datetime(),
    publishedAt: z.iso.datetime().nullable(),
  })
  .openapi('StatisticsRelease');
export type Release = z.infer<typeof Release>;

export const ReleaseSummary = Release.omit({ figures: true }).openapi('StatisticsReleaseSummary');
export type ReleaseSummary = z.infer<typeof ReleaseSummary>;

export const ReleaseList = z
  .object({ items: z.array(ReleaseSummary) })
  .openapi('StatisticsReleaseList');
export type ReleaseList = z.infer<typeof ReleaseList>;

export const PublishedReleaseList = z
  .object({ items: z.array(Release) })
  .openapi('PublishedStatisticsReleaseList');
export type PublishedReleaseList = z.infer<typeof PublishedReleaseList>;

export const ReleaseListQuery = z
  .object({
    state: ReleaseState.optional(),
    tableId: TableId.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(200),
  })
  .strict();
export type ReleaseListQuery = z.infer<typeof ReleaseListQuery>;

export const PublicReleaseQuery = z.object({ tableId: TableId.optional() }).strict();

export const ReleaseParams = z.object({ id: Id }).strict();
export type ReleaseParams = z.infer<typeof ReleaseParams>;
export const NoBody = z.object({}).strict();
