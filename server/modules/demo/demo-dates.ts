import { ecuadorDate } from '../../http/ecuador-calendar';

/**
 * The demo data's calendar: days in Ecuador (as the modules count them),
 * all of them on or before today, in the current year wherever possible.
 */

const DAY_MS = 86_400_000;

export const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

const daysFrom = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

const earlier = (a: string, b: string) => (a < b ? a : b);

/** `count` days from `from` to `to`, both included, evenly spread (repeated when few). */
export function spreadDays(from: string, to: string, count: number): string[] {
  const span = Math.max(0, daysFrom(from, to));
  return Array.from({ length: count }, (_, i) =>
    addDays(from, count === 1 ? span : Math.round((span * i) / (count - 1))),
  );
}

export interface DemoCalendar {
  today: string;
  year: number;
  /** The training sessions' days: a week apart, the last one yesterday. */
  sessionDays: string[];
  /** The days campaign activities took place, from late January (or 1 January) to today. */
  activityDays: string[];
  /** The day the budget was coded: early January, or today if earlier. */
  codedOn: string;
  /** The days amounts were accrued, after the coding, up to today. */
  accruedOn: string[];
}

export const SESSION_COUNT = 5;

/**
 * Sessions a week apart, the last one yesterday; closer together (down to a
 * day apart) when the year has not had the weeks for them. In the first days
 * of January the earlier ones fall in late December; on 1 January the whole
 * programme is last year's (its certificates are still issued this year).
 */
export function demoCalendar(now: Date): DemoCalendar {
  const today = ecuadorDate(now);
  const year = Number(today.slice(0, 4));
  const newYear = `${year}-01-01`;
  const yesterday = addDays(today, -1);
  const room = Math.floor(daysFrom(newYear, yesterday) / (SESSION_COUNT - 1));
  const gap = Math.min(7, Math.max(1, room));
  const sessionDays = Array.from({ length: SESSION_COUNT }, (_, i) =>
    addDays(yesterday, -gap * (SESSION_COUNT - 1 - i)),
  );
  const codedOn = earlier(`${year}-01-05`, today);
  return {
    today,
    year,
    sessionDays,
    activityDays: spreadDays(earlier(`${year}-01-20`, today), today, 5),
    codedOn,
    accruedOn: spreadDays(earlier(`${year}-03-01`, today), today, 3),
  };
}
