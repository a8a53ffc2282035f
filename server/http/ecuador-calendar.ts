/*
 * Ecuador's calendar (PRODUCT.md: the installation serves Ecuador's
 * institutions). "Today" and every period — a campaign's, a programme's, a
 * fiscal year, a quarter — are calendar days in mainland Ecuador (UTC−5, no
 * daylight saving), whatever the server's own time zone: a campaign that
 * ends today runs until midnight in Guayaquil. SQL counts days in the same
 * zone (`at time zone ${ECUADOR_TIME_ZONE}`).
 */

export const ECUADOR_TIME_ZONE = 'America/Guayaquil';

// en-CA writes dates as YYYY-MM-DD.
const DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: ECUADOR_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date of an instant in Ecuador, as "YYYY-MM-DD". */
export function ecuadorDate(instant: Date): string {
  return DAY.format(instant);
}

/** Inclusive ISO dates (they compare as text). */
export interface Period {
  from: string;
  to: string;
}

type Quarter = 1 | 2 | 3 | 4;

const START_OF_QUARTER = { 1: '01-01', 2: '04-01', 3: '07-01', 4: '10-01' } as const;
const END_OF_QUARTER = { 1: '03-31', 2: '06-30', 3: '09-30', 4: '12-31' } as const;

export function quarterPeriod(year: number, quarter: Quarter): Period {
  return { from: `${year}-${START_OF_QUARTER[quarter]}`, to: `${year}-${END_OF_QUARTER[quarter]}` };
}

/** From 1 January to the end of `quarter` (the whole year without one). */
export function yearToDate(year: number, quarter?: Quarter): Period {
  return { from: `${year}-01-01`, to: `${year}-${END_OF_QUARTER[quarter ?? 4]}` };
}

/** The days of a year (quarter null) or of one quarter of it. */
export function periodBounds(period: { year: number; quarter: number | null }): Period {
  if (period.quarter === null) return yearToDate(period.year);
  if (![1, 2, 3, 4].includes(period.quarter)) throw new RangeError('not a quarter');
  return quarterPeriod(period.year, period.quarter as Quarter);
}
