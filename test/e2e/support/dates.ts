/**
 * Dates as people in Ecuador type them. The server's "today" is Ecuador's
 * (America/Guayaquil, UTC−5), so from 00:00 to 05:00 UTC the machine's UTC
 * date is already tomorrow there: a journey that typed the UTC date was
 * refused as "in the future" in those hours.
 */
const DAY_MS = 86_400_000;

export const daysFromNow = (days: number): Date => new Date(Date.now() + days * DAY_MS);

/** YYYY-MM-DD in Ecuador's calendar. */
export const ecuadorDay = (date: Date = new Date()): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Guayaquil' }).format(date);

/** DD MM YYYY, as a Spanish date field takes it typed (in Ecuador's calendar). */
export function typedDate(date: Date): string {
  const [y, m, d] = ecuadorDay(date).split('-');
  return `${d}${m}${y}`;
}
