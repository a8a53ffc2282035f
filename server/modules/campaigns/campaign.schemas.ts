import { Cursor, Page } from '../../http/pagination';
import { Id, z } from '../../http/zod';
import { TABLE_IDS } from '../statistics';
import { Activity } from './activity.schemas';
import {
  atLeastOneChange,
  CampaignStatus,
  Channel,
  Day,
  distinct,
  FreeText,
  Period,
  ReachGroup,
  TargetGroup,
  Territory,
  Version,
} from './campaign-fields';
import {
  CHANNELS,
  MAX_BUDGET_USD,
  MAX_LINKED_RELEASES,
  MAX_PLANNED_REACH,
  REACH_GROUPS,
  TARGET_GROUPS,
  TERRITORIES,
} from './campaigns.vocabularies';

/** US dollars with at most two decimals (stored exactly, numeric(14,2)). */
const BudgetUsd = z
  .number()
  .min(0)
  .max(MAX_BUDGET_USD)
  .refine((amount) => /^\d+(\.\d{1,2})?$/.test(String(amount)), {
    message: 'At most two decimals',
  })
  .openapi({ description: 'US dollars, at most two decimals' });

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
  name: FreeText(200, false),
  objective: FreeText(2000, true),
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
  .refine(...atLeastOneChange)
  .openapi('CampaignChange', {
    description:
      'A change from the version read: only the fields sent change; plannedReach and ' +
      'releaseIds replace the whole plan or list',
  });
export type CampaignChange = z.infer<typeof CampaignChange>;

/** A linked release, enough to show it beside the campaign (the observatory has the rest). */
export const LinkedRelease = z
  .object({
    id: Id,
    tableId: z.enum(TABLE_IDS),
    period: Period,
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
      byTerritoryGroup: z.array(PlannedCell).openapi({
        description: "In the order of the territories' list, then of the groups' list",
      }),
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
