import { Id, z } from '../../http/zod';
import {
  atLeastOneChange,
  Channel,
  Day,
  distinct,
  FreeText,
  ReachGroup,
  Territory,
  Version,
} from './campaign-fields';
import { MAX_ACTIVITY_REACH, REACH_GROUPS } from './campaigns.vocabularies';

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

const Description = FreeText(500, true);

const ActivityDay = Day.openapi({
  description:
    "Within the campaign's period (400 outside_campaign_period) and not after today, " +
    "Ecuador's date (400 in_the_future): an activity is recorded once it has happened",
});

export const NewActivity = z
  .object({
    date: ActivityDay,
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
    date: ActivityDay.optional(),
    territory: Territory.optional(),
    channel: Channel.optional(),
    description: Description.nullable()
      .optional()
      .openapi({ description: 'null removes it; a text is checked as when recorded' }),
    reach: Reach.optional().openapi({ description: 'Replaces the whole list' }),
  })
  .strict()
  .refine(...atLeastOneChange)
  .openapi('CampaignActivityChange');
export type ActivityChange = z.infer<typeof ActivityChange>;

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

export const ActivityParams = z.object({ id: Id, activityId: Id }).strict();
export type ActivityParams = z.infer<typeof ActivityParams>;
