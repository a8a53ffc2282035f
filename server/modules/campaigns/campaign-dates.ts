import type { CampaignStatus } from './campaigns.vocabularies';

/* Campaign periods are calendar days in Ecuador (http/ecuador-calendar.ts). */

/** ISO dates compare as text. */
export function statusOn(
  period: { startsOn: string; endsOn: string },
  day: string,
): CampaignStatus {
  if (day < period.startsOn) return 'planned';
  if (day > period.endsOn) return 'ended';
  return 'running';
}
