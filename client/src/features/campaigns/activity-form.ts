import { z } from '../../ui/form/zod';
import { MAX_ACTIVITY_REACH, type Channel, type Territory } from './campaign-vocabularies';
import { planGroups } from './campaign-form';
import { parseCount } from './numbers';
import type { Activity, ActivityChange, Campaign, NewActivity } from './campaign-types';

/**
 * An activity: when, where, by which channel, a short description and how
 * many people were reached in each group — counts only, never who.
 */
export function activitySchema(campaign: Pick<Campaign, 'startsOn' | 'endsOn'>) {
  return z
    .object({
      date: z.string({ message: 'required' }).min(1, 'required'),
      territory: z.string({ message: 'required' }).min(1, 'required'),
      channel: z.string({ message: 'required' }).min(1, 'required'),
      description: z.string().trim().max(500, 'too_long'),
      reach: z.record(z.string(), z.string().optional()),
    })
    .superRefine((values, ctx) => {
      if (values.date && (values.date < campaign.startsOn || values.date > campaign.endsOn)) {
        ctx.addIssue({ code: 'custom', path: ['date'], message: 'outside_campaign_period' });
      }
      for (const [group, text = ''] of Object.entries(values.reach)) {
        const n = parseCount(text);
        if (text.trim() !== '' && (n === undefined || n > MAX_ACTIVITY_REACH)) {
          ctx.addIssue({ code: 'custom', path: ['reach', group], message: 'whole_number' });
        }
      }
    });
}
export type ActivityFormValues = z.infer<ReturnType<typeof activitySchema>>;

/** Form fields, named as the API names them in `errors[].path`. */
export const ACTIVITY_FIELDS = ['date', 'territory', 'channel', 'description', 'reach'];

export function activityFormOf(
  campaign: Pick<Campaign, 'targetGroups'>,
  activity?: Activity,
): ActivityFormValues {
  const reach: Record<string, string> = {};
  for (const group of planGroups(campaign.targetGroups)) {
    const count = activity?.reach.find((r) => r.group === group)?.count;
    reach[group] = count === undefined ? '' : String(count);
  }
  return {
    date: activity?.date ?? '',
    territory: activity?.territory ?? '',
    channel: activity?.channel ?? '',
    description: activity?.description ?? '',
    reach,
  };
}

/** Counts typed, in the groups' order; an empty box is no count (not zero). */
function reachOf(values: ActivityFormValues): NewActivity['reach'] {
  return Object.entries(values.reach).flatMap(([group, text = '']) => {
    const count = text.trim() === '' ? undefined : parseCount(text);
    return count === undefined
      ? []
      : [{ group: group as NonNullable<NewActivity['reach']>[number]['group'], count }];
  });
}

export function toNewActivity(values: ActivityFormValues): NewActivity {
  const description = values.description.trim();
  return {
    date: values.date,
    territory: values.territory as Territory,
    channel: values.channel as Channel,
    ...(description ? { description } : {}),
    reach: reachOf(values),
  };
}

const reachText = (reach: readonly { group: string; count: number }[]) =>
  reach
    .map((r) => `${r.group}:${r.count}`)
    .sort()
    .join(',');

/**
 * The change of an activity from the version read. Date, territory and
 * channel are always sent (the server checks them against the campaign
 * together, and names the one that no longer fits); the description and the
 * counts only when they changed. Null when nothing changed.
 */
export function toActivityChange(
  activity: Activity,
  values: ActivityFormValues,
): ActivityChange | null {
  const next = toNewActivity(values);
  const description = next.description ?? null;
  const reach = next.reach ?? [];
  const unchanged =
    next.date === activity.date &&
    next.territory === activity.territory &&
    next.channel === activity.channel &&
    description === activity.description &&
    reachText(reach) === reachText(activity.reach);
  if (unchanged) return null;
  return {
    version: activity.version,
    date: next.date,
    territory: next.territory,
    channel: next.channel,
    ...(description !== activity.description ? { description } : {}),
    ...(reachText(reach) !== reachText(activity.reach) ? { reach } : {}),
  };
}
