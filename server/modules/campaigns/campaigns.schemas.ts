import { Cursor, Page } from '../../http/pagination';
import { isPlainName, NO_CONTROL_CHARACTERS } from '../../http/plain-text';
import { Id, z } from '../../http/zod';
import { TABLE_IDS } from '../statistics/catalogue';
import {
  CAMPAIGN_STATUSES,
  CHANNELS,
  MAX_ACTIVITY_REACH,
  MAX_BUDGET_USD,
  MAX_LINKED_RELEASES,
  MAX_PLANNED_REACH,
  REACH_GROUPS,
  TARGET_GROUPS,
  TERRITORIES,
  TREND_DIMENSIONS,
} from './campaigns.vocabularies';

/*
 * Campaigns hold no personal data (migration 0024): texts written by
 * coordinators about the campaign, codes, dates, an amount and counts. Free
 * texts still follow the rules of names (plain-text.ts): no control or
 * bidirectional characters, except line breaks in the longer texts.
 */

const Territory = z.enum(TERRITORIES).openapi('CampaignTerritory', {
  description: "One of Ecuador's 24 provinces, as the statistics releases name them",
});
const TargetGroup = z.enum(TARGET_GROUPS).openapi('CampaignTargetGroup');
const ReachGroup = z.enum(REACH_GROUPS).openapi('CampaignReachGroup', {
  description:
    'A vulnerability group, or general_public for anyone not reached as a member of one. ' +
    'Each person reached is counted once, in one group',
});
const Channel = z.enum(CHANNELS).openapi('CampaignChannel');
const CampaignStatus = z.enum(CAMPAIGN_STATUSES).openapi('CampaignStatus', {
  description: "planned (starts after today), running, ended (ended before today); Ecuador's date",
});

/** A calendar day, YYYY-MM-DD, between 2000 and 2100. */
const Day = z.iso.date().refine((day) => day >= '2000-01-01' && day <= '2100-12-31', {
  message: 'Must be a date between 2000 and 2100',
});

const Name = z.string().trim().min(1).max(200).refine(isPlainName, NO_CONTROL_CHARACTERS);

/** A longer text: line breaks allowed, no other control or bidirectional character. */
const LongText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((text) => isPlainName(text.replace(/\r?\n/g, '')), {
      message: 'must not contain control or bidirectional characters other than line breaks',
    });
const Objective = LongText(2000);
const Description = LongText(500);

/** US dollars with at most two decimals (stored exactly, numeric(14,2)). */
const BudgetUsd = z
  .number()
  .min(0)
  .max(MAX_BUDGET_USD)
  .refine((amount) => /^\d+(\.\d{1,2})?$/.test(String(amount)), {
    message: 'At most two decimals',
  })
  .openapi({ description: 'US dollars, at most two decimals' });

/** A list whose items are all different; a repeated one is named by its index. */
function distinct<T extends z.ZodType>(item: T, key: (value: z.infer<T>) => string = String) {
  return z.array(item).superRefine((items, ctx) => {
    const seen = new Set<string>();
    items.forEach((value, index) => {
      const k = key(value);
      if (seen.has(k)) ctx.addIssue({ code: 'custom', message: 'Listed twice', path: [index] });
      seen.add(k);
    });
  });
}

const PlannedCell = z
  .object({
    territory: Territory,
    group: ReachGroup,
    planned: z.number().int().min(0).max(MAX_PLANNED_REACH),
  })
  .strict()
  .openapi('CampaignPlannedCell');

export const PlannedReach = z
  .object({
    total: z
      .number()
      .int()
      .min(0)
      .max(MAX_PLANNED_REACH)
      .openapi({ description: 'People the campaign plans to reach in all' }),
    byTerritoryGroup: distinct(PlannedCell, (c) => `${c.territory}\u001f${c.group}`)
      .max(TERRITORIES.length * REACH_GROUPS.length)
      .default([])
      .openapi({
        description:
          "Optional: by territory and group, each territory one of the campaign's, each group " +
          'one of its target groups or general_public, each pair once; the cells add up to no ' +
          'more than the total (400 exceeds_total)',
      }),
  })
  .strict()
  .openapi('CampaignPlannedReach');
export type PlannedReach = z.infer<typeof PlannedReach>;

const campaignFields = {
  name: Name,
  objective: Objective,
  targetTerritories: distinct(Territory).min(1).max(TERRITORIES.length),
  targetGroups: distinct(TargetGroup).min(1).max(TARGET_GROUPS.length),
  channels: distinct(Channel).min(1).max(CHANNELS.length),
  startsOn: Day,
  endsOn: Day.openapi({ description: 'On or after startsOn (400 ends_before_start)' }),
  budgetUsd: BudgetUsd,
  plannedReach: PlannedReach,
  releaseIds: distinct(Id)
    .max(MAX_LINKED_RELEASES)
    .openapi({
      description:
        'Published statistics releases that justify the campaign; each must exist and be ' +
        'published when linked (400 release_not_found / release_not_published)',
    }),
};

export const NewCampaign = z
  .object({ ...campaignFields, releaseIds: campaignFields.releaseIds.default([]) })
  .strict()
  .openapi('NewCampaign');
export type NewCampaign = z.infer<typeof NewCampaign>;

const Version = z.number().int().min(1).openapi({
  description: 'The version this change was made from: a stale one is refused (409 stale_version)',
});

const atLeastOneChange = (change: object) => Object.keys(change).some((key) => key !== 'version');

export const CampaignChange = z
  .object({
    version: Version,
    name: campaignFields.name.optional(),
    objective: campaignFields.objective.optional(),
    targetTerritories: campaignFields.targetTerritories.optional(),
    targetGroups: campaignFields.targetGroups.optional(),
    channels: campaignFields.channels.optional(),
    startsOn: campaignFields.startsOn.optional(),
    endsOn: campaignFields.endsOn.optional(),
    budgetUsd: campaignFields.budgetUsd.optional(),
    // Replaces the whole plan.
    plannedReach: campaignFields.plannedReach.optional(),
    releaseIds: campaignFields.releaseIds
      .optional()
      .openapi({ description: 'Replaces the whole list (published releases only)' }),
  })
  .strict()
  .refine(atLeastOneChange, { message: 'Change at least one field besides version' })
  .openapi('CampaignChange', {
    description:
      'A change from the version read: only the fields sent change; plannedReach and ' +
      'releaseIds replace the whole plan or list',
  });
export type CampaignChange = z.infer<typeof CampaignChange>;

const ReachCount = z
  .object({ group: ReachGroup, count: z.number().int().min(0).max(MAX_ACTIVITY_REACH) })
  .strict()
  .openapi('CampaignReachCount');

/** Aggregate counts only: never a name or a contact of anyone reached. */
const Reach = distinct(ReachCount, (c) => c.group)
  .max(REACH_GROUPS.length)
  .openapi({
    description:
      'How many people the activity reached, by group (each group once; each person counted ' +
      'once, in one group). Counts only: never a name or a contact of anyone',
  });

export const NewActivity = z
  .object({
    date: Day.openapi({
      description: "Within the campaign's period (400 outside_campaign_period)",
    }),
    territory: Territory,
    channel: Channel,
    description: Description.optional(),
    reach: Reach.default([]),
  })
  .strict()
  .openapi('NewCampaignActivity', {
    description:
      'An activity of a campaign: on a day of its period, in one of its territories (400 ' +
      'not_a_campaign_territory), by one of its channels (400 not_a_campaign_channel)',
  });
export type NewActivity = z.infer<typeof NewActivity>;

export const ActivityChange = z
  .object({
    version: Version,
    date: Day.optional(),
    territory: Territory.optional(),
    channel: Channel.optional(),
    description: Description.nullable().optional().openapi({ description: 'null removes it' }),
    reach: Reach.optional().openapi({ description: 'Replaces the whole list' }),
  })
  .strict()
  .refine(atLeastOneChange, { message: 'Change at least one field besides version' })
  .openapi('CampaignActivityChange');
export type ActivityChange = z.infer<typeof ActivityChange>;

/** A linked release, enough to show it beside the campaign (the observatory has the rest). */
export const LinkedRelease = z
  .object({
    id: Id,
    tableId: z.enum(TABLE_IDS),
    period: z.object({ year: z.number().int(), quarter: z.number().int().nullable() }),
    publishedAt: z.iso.datetime(),
  })
  .openapi('CampaignLinkedRelease');
export type LinkedRelease = z.infer<typeof LinkedRelease>;

export const Campaign = z
  .object({
    id: Id,
    name: z.string(),
    objective: z.string(),
    targetTerritories: z.array(Territory),
    targetGroups: z.array(TargetGroup),
    channels: z.array(Channel),
    startsOn: z.iso.date(),
    endsOn: z.iso.date(),
    status: CampaignStatus,
    budgetUsd: z.number().openapi({ description: 'US dollars, exact to the cent' }),
    plannedReach: z.object({
      total: z.number().int(),
      byTerritoryGroup: z.array(PlannedCell),
    }),
    releases: z
      .array(LinkedRelease)
      .openapi({ description: 'The published releases that justify it, oldest period first' }),
    createdBy: Id,
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .openapi('Campaign');
export type Campaign = z.infer<typeof Campaign>;

export const Activity = z
  .object({
    id: Id,
    campaignId: Id,
    date: z.iso.date(),
    territory: Territory,
    channel: Channel,
    description: z.string().nullable(),
    reach: z
      .array(ReachCount)
      .openapi({ description: "By group, in the order of the groups' list" }),
    totalReach: z.number().int().openapi({ description: 'The sum of the counts' }),
    createdBy: Id,
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .openapi('CampaignActivity');
export type Activity = z.infer<typeof Activity>;

export const CampaignDetail = Campaign.extend({
  activities: z.array(Activity).openapi({ description: 'By date, then as recorded' }),
}).openapi('CampaignDetail');
export type CampaignDetail = z.infer<typeof CampaignDetail>;

const CampaignPosition = z.object({ startsOn: Day, id: Id }).strict();
export type CampaignPosition = z.infer<typeof CampaignPosition>;

export const CampaignQuery = Cursor(CampaignPosition)
  .extend({
    status: CampaignStatus.optional(),
    activeOn: Day.optional().openapi({ description: 'Campaigns whose period includes this day' }),
    territory: Territory.optional(),
    group: TargetGroup.optional(),
  })
  .strict();
export type CampaignQuery = z.infer<typeof CampaignQuery>;

export const CampaignPage = Page(Campaign).openapi('CampaignPage');
export type CampaignPage = z.infer<typeof CampaignPage>;

export const CampaignParams = z.object({ id: Id }).strict();
export type CampaignParams = z.infer<typeof CampaignParams>;
export const ActivityParams = z.object({ id: Id, activityId: Id }).strict();
export type ActivityParams = z.infer<typeof ActivityParams>;

// Results -----------------------------------------------------------------

const Progress = z.object({
  planned: z.number().int().nullable().openapi({
    description: 'null: the plan says nothing for it (not the same as 0)',
  }),
  reached: z.number().int(),
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

const TrendFigure = z
  .object({
    key: z.string().nullable().openapi({
      description: "The territory or group of the cell; null for the table's grand total",
    }),
    value: z.number().int().nullable().openapi({
      description:
        'As published; null when the release suppressed it ("<threshold"), never derived',
    }),
    errorBound95: z
      .number()
      .int()
      .openapi({ description: "The release's 95 % error bound of this figure" }),
  })
  .openapi('CampaignTrendFigure');

const TrendRelease = z
  .object({
    releaseId: Id,
    period: z.object({ year: z.number().int(), quarter: z.number().int().nullable() }),
    periodStart: z.iso.date(),
    periodEnd: z.iso.date(),
    publishedAt: z.iso.datetime(),
    figures: z.array(TrendFigure),
  })
  .openapi('CampaignTrendRelease');

const TrendPoint = z.object({
  releaseId: Id,
  value: z.number().int().nullable(),
  errorBound95: z.number().int(),
});

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
      description:
        'Published releases of the table whose period ended before the campaign started, ' +
        'oldest first (then by publication)',
    }),
    after: z.array(TrendRelease).openapi({
      description:
        'Published releases of the table whose period started after the campaign ended, ' +
        'oldest first (then by publication). Releases overlapping the campaign are in neither',
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
                'the error bounds is not a change. null when either side is missing or suppressed',
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
