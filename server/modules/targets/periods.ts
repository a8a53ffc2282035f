import { quarterPeriod, type Period } from '../../http/ecuador-calendar';
import type { Quarter } from './management-figures';

/*
 * Periods of targets and budget: the fiscal year runs from 1 January to 31
 * December, in quarters, on Ecuador's calendar (http/ecuador-calendar.ts).
 */

export const QUARTERS = [1, 2, 3, 4] as const satisfies readonly Quarter[];

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
 * ecuadorDate gives it): 4 for a past year, 0 for a future one.
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
