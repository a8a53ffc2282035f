import { Id, z } from '../../http/zod';
import { TABLE_IDS } from '../statistics';
import { CampaignStatus, Period, ReachGroup, Territory } from './campaign-fields';
import {
  TREND_DIMENSIONS,
  TREND_PERIODS_EACH_SIDE,
  TREND_RELEASES_PER_PERIOD,
} from './campaigns.vocabularies';

const Progress = z.object({
  planned: z.number().int().nullable().openapi({
    description: 'null: the plan says nothing for it (not the same as 0)',
  }),
  reached: z
    .number()
    .int()
    .openapi({
      description:
        'When planned is null, everyone the activities reached in it. Otherwise only those ' +
        'reached in the territory-and-group cells its plan names, so that reached and planned ' +
        'count the same people (the total: everyone, its plan is for all)',
    }),
  reachedOutsidePlan: z
    .number()
    .int()
    .nullable()
    .openapi({
      description:
        'Those reached in it outside the cells its plan names (a territory: in groups its plan ' +
        'does not name there; a group: in territories its plan does not name for it); not in ' +
        'reached nor in percentOfPlan. 0 for the total; null when planned is null',
    }),
  percentOfPlan: z.number().nullable().openapi({
    description: 'reached ÷ planned × 100, one decimal (half up); null when planned is null or 0',
  }),
});

export const ReachResults = z
  .object({
    total: Progress,
    byTerritory: z.array(Progress.extend({ territory: Territory })),
    byGroup: z.array(Progress.extend({ group: ReachGroup })),
    byTerritoryGroup: z.array(Progress.extend({ territory: Territory, group: ReachGroup })),
  })
  .openapi('CampaignReachResults');
export type ReachResults = z.infer<typeof ReachResults>;

const figureFields = {
  value: z
    .number()
    .int()
    .nullable()
    .openapi({
      description:
        'As published, never derived. A cell: null when the release suppressed it ' +
        '("<threshold"). A total: the sum of the cells the release showed (cellsSuppressed ' +
        'says how many it leaves out); null when it showed none',
    }),
  errorBound95: z.number().int().nullable().openapi({
    description: "The release's 95 % error bound of this figure; null for a total of no shown cell",
  }),
  cellsSuppressed: z
    .number()
    .int()
    .openapi({
      description:
        'How many of the cells the figure covers the release suppressed (a cell: 0 or 1). A ' +
        'figure with any is not comparable: its comparisons say null',
    }),
};

const TrendFigure = z
  .object({
    key: z.string().nullable().openapi({
      description: "The territory or group of the cell; null for the table's grand total",
    }),
    ...figureFields,
  })
  .openapi('CampaignTrendFigure');

const TrendRelease = z
  .object({
    releaseId: Id,
    period: Period,
    periodStart: z.iso.date(),
    periodEnd: z.iso.date(),
    publishedAt: z.iso.datetime(),
    figures: z.array(TrendFigure),
  })
  .openapi('CampaignTrendRelease');

const TrendPoint = z.object({ releaseId: Id, ...figureFields });

const SIDE =
  `the ${TREND_PERIODS_EACH_SIDE} nearest periods at most; of several releases of one period, ` +
  `the ${TREND_RELEASES_PER_PERIOD} last published at most; oldest first (then by publication)`;

export const Trend = z
  .object({
    tableId: z.enum(TABLE_IDS),
    linkedReleaseIds: z.array(Id).openapi({
      description: "The campaign's releases of this table and granularity that justified it",
    }),
    granularity: z.enum(['year', 'quarter']).openapi({
      description: 'Yearly or quarterly releases: a year is only compared with years',
    }),
    dimension: z
      .enum(TREND_DIMENSIONS)
      .nullable()
      .openapi({
        description:
          "What the figures are: the cells of the campaign's target territories (province) or " +
          "groups (vulnerability_group) when the table has that dimension, else the table's " +
          'grand total (null)',
      }),
    before: z.array(TrendRelease).openapi({
      description: `Published releases of the table whose period ended before the campaign started: ${SIDE}`,
    }),
    after: z.array(TrendRelease).openapi({
      description:
        `Published releases of the table whose period started after the campaign ended: ${SIDE}. ` +
        'Releases overlapping the campaign are in neither',
    }),
    comparisons: z
      .array(
        z.object({
          key: z.string().nullable(),
          latestBefore: TrendPoint.nullable(),
          earliestAfter: TrendPoint.nullable(),
          changeWithinBounds: z
            .boolean()
            .nullable()
            .openapi({
              description:
                'true when [value − bound, value + bound] of the two overlap: a change within ' +
                'the error bounds is not a change. null (not comparable) when either side is ' +
                'missing, null, or leaves out suppressed cells (cellsSuppressed > 0)',
            }),
        }),
      )
      .openapi({
        description:
          'For each figure: the latest release before the campaign and the earliest after it ' +
          '(of several for one period, the last published)',
      }),
  })
  .openapi('CampaignTrend');
export type Trend = z.infer<typeof Trend>;

export const CampaignResults = z
  .object({
    campaignId: Id,
    asOf: z.iso.date().openapi({ description: "Ecuador's date the results were computed on" }),
    status: CampaignStatus,
    reach: ReachResults,
    trends: z
      .array(Trend)
      .nullable()
      .openapi({
        description:
          'One per table (and granularity) of the linked releases; null until the campaign ' +
          'has ended',
      }),
  })
  .openapi('CampaignResults');
export type CampaignResults = z.infer<typeof CampaignResults>;
