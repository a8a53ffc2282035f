import type { Quarter } from './management-figures';

/**
 * Periods of targets and budget are calendar days in Ecuador (PRODUCT.md),
 * like campaigns': the fiscal year runs from 1 January to 31 December, and
 * "today" is Ecuador's date whatever the server's time zone.
 */
export const TARGETS_TIME_ZONE = 'America/Guayaquil';

const DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: TARGETS_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** `YYYY-MM-DD` of an instant in Ecuador. */
export function dayIn(instant: Date): string {
  return DAY.format(instant);
}

export interface Period {
  /** Inclusive ISO dates. */
  from: string;
  to: string;
}

export const QUARTERS = [1, 2, 3, 4] as const satisfies readonly Quarter[];

const END_OF_QUARTER = { 1: '03-31', 2: '06-30', 3: '09-30', 4: '12-31' } as const;
const START_OF_QUARTER = { 1: '01-01', 2: '04-01', 3: '07-01', 4: '10-01' } as const;

export function quarterPeriod(year: number, quarter: Quarter): Period {
  return { from: `${year}-${START_OF_QUARTER[quarter]}`, to: `${year}-${END_OF_QUARTER[quarter]}` };
}

/** From 1 January to the end of `quarter` (the whole year without one). */
export function yearToDate(year: number, quarter?: Quarter): Period {
  return { from: `${year}-01-01`, to: `${year}-${END_OF_QUARTER[quarter ?? 4]}` };
}

/** Q1 up to `quarter` (all four without one). */
export function quartersUpTo(quarter?: Quarter): Quarter[] {
  return QUARTERS.filter((q) => q <= (quarter ?? 4));
}

/** The quarter a day falls in. */
export function quarterOf(day: string): Quarter {
  return (Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1) as Quarter;
}

/**
 * How many quarters of `year` have ended by `today` (Ecuador's date, as
 * dayIn gives it): 4 for a past year, 0 for a future one.
 */
export function endedQuarters(year: number, today: string): 0 | 1 | 2 | 3 | 4 {
  const current = Number(today.slice(0, 4));
  if (year < current) return 4;
  if (year > current) return 0;
  return (quarterOf(today) - 1) as 0 | 1 | 2 | 3;
}

/** A period made of whole quarters of one year, as those quarters (throws for any other). */
export function quarterSpan(period: Period): { year: number; first: Quarter; last: Quarter } {
  const year = Number(period.from.slice(0, 4));
  const first = quarterOf(period.from);
  const last = quarterOf(period.to);
  if (
    period.from !== quarterPeriod(year, first).from ||
    period.to !== quarterPeriod(year, last).to ||
    Number(period.to.slice(0, 4)) !== year
  ) {
    throw new Error('not a span of whole quarters of one year');
  }
  return { year, first, last };
}
