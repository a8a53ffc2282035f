import type { CampaignStatus } from './campaigns.vocabularies';

/**
 * Campaign periods are calendar days in Ecuador (PRODUCT.md: the installation
 * serves Ecuador's institutions). "Today" is Ecuador's date, so a campaign
 * that ends today is still running until midnight in Guayaquil, whatever the
 * server's own time zone.
 */
export const CAMPAIGN_TIME_ZONE = 'America/Guayaquil';

const DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: CAMPAIGN_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** `YYYY-MM-DD` of an instant in Ecuador. */
export function dayIn(instant: Date): string {
  return DAY.format(instant);
}

/** ISO dates compare as text. */
export function statusOn(
  period: { startsOn: string; endsOn: string },
  day: string,
): CampaignStatus {
  if (day < period.startsOn) return 'planned';
  if (day > period.endsOn) return 'ended';
  return 'running';
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The days a statistics release covers: its year, or one quarter of it. */
export function releasePeriodBounds(period: { year: number; quarter: number | null }): {
  start: string;
  end: string;
} {
  if (period.quarter === null)
    return { start: `${period.year}-01-01`, end: `${period.year}-12-31` };
  const firstMonth = 3 * period.quarter - 2;
  const lastMonth = 3 * period.quarter;
  // Day 0 of the next month is the last day of this one (UTC: no time zone involved).
  const lastDay = new Date(Date.UTC(period.year, lastMonth, 0)).getUTCDate();
  return {
    start: `${period.year}-${pad(firstMonth)}-01`,
    end: `${period.year}-${pad(lastMonth)}-${pad(lastDay)}`,
  };
}
