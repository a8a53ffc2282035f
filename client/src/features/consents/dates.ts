/**
 * The forms take calendar dates (as on paper); the API takes instants. A day
 * chosen in a form means that day in the browser's time zone.
 */
const pad = (n: number) => String(n).padStart(2, '0');

/** Today as YYYY-MM-DD in the browser's time zone. */
export function today(now = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A day `days` from today, as YYYY-MM-DD. */
export function daysFromToday(days: number, now = new Date()): string {
  const date = new Date(now);
  date.setDate(date.getDate() + days);
  return today(date);
}

/** When something happened on a day: now if it is today (never in the future), else its midday. */
export function dayToPastInstant(day: string, now = new Date()): string {
  return day === today(now) ? now.toISOString() : new Date(`${day}T12:00:00`).toISOString();
}

/** Until the end of a day (a deadline or a validity). */
export function dayToEndInstant(day: string): string {
  return new Date(`${day}T23:59:59`).toISOString();
}
