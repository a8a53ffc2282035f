import { isPlainText, NO_HIDDEN_CHARACTERS } from '../../http/plain-text';
import { z } from '../../http/zod';
import {
  CAMPAIGN_STATUSES,
  CHANNELS,
  REACH_GROUPS,
  TARGET_GROUPS,
  TERRITORIES,
} from './campaigns.vocabularies';

/*
 * The fields the campaign, activity and results schemas share. Campaigns hold
 * no personal data (migration 0024): texts written by coordinators about the
 * campaign, codes, dates, an amount and counts. Free texts follow the rules
 * of plain text (plain-text.ts): no control, bidirectional, separator or
 * invisible characters, line breaks only in the longer texts; and the
 * service refuses a text that looks like a person's data (400
 * looks_personal).
 */

export const Territory = z.enum(TERRITORIES).openapi('CampaignTerritory', {
  description: "One of Ecuador's 24 provinces, as the statistics releases name them",
});
export const TargetGroup = z.enum(TARGET_GROUPS).openapi('CampaignTargetGroup');
export const ReachGroup = z.enum(REACH_GROUPS).openapi('CampaignReachGroup', {
  description:
    'A vulnerability group, or general_public for anyone not reached as a member of one. ' +
    'Each person reached is counted once, in one group',
});
export const Channel = z.enum(CHANNELS).openapi('CampaignChannel');
export const CampaignStatus = z.enum(CAMPAIGN_STATUSES).openapi('CampaignStatus', {
  description: "planned (starts after today), running, ended (ended before today); Ecuador's date",
});

/** A calendar day, YYYY-MM-DD, between 2000 and 2100. */
export const Day = z.iso.date().refine((day) => day >= '2000-01-01' && day <= '2100-12-31', {
  message: 'Must be a date between 2000 and 2100',
});

const PERSONAL =
  'An e-mail address or a run of seven or more digits (a phone or identity number) is ' +
  "refused (400 looks_personal): nobody's contact belongs here";

/** Free text: one line (`lines: false`) or several, at most `max` characters. */
export const FreeText = (max: number, lines: boolean) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((text) => isPlainText(text, { lineBreaks: lines }), {
      message: lines ? `${NO_HIDDEN_CHARACTERS} other than line breaks` : NO_HIDDEN_CHARACTERS,
    })
    .openapi({ description: PERSONAL });

export const Version = z.number().int().min(1).openapi({
  description: 'The version this change was made from: a stale one is refused (409 stale_version)',
});

/** A change names at least one field besides its version. */
export const atLeastOneChange = [
  (change: object) => Object.keys(change).some((key) => key !== 'version'),
  { message: 'Change at least one field besides version' },
] as const;

/** A list whose items are all different; a repeated one is named by its index. */
export function distinct<T extends z.ZodType>(
  item: T,
  key: (value: z.infer<T>) => string = String,
) {
  return z.array(item).superRefine((items, ctx) => {
    const seen = new Set<string>();
    items.forEach((value, index) => {
      const k = key(value);
      if (seen.has(k)) ctx.addIssue({ code: 'custom', message: 'Listed twice', path: [index] });
      seen.add(k);
    });
  });
}

/** A release's period: a year, or one quarter of it. */
export const Period = z.object({ year: z.number().int(), quarter: z.number().int().nullable() });
