import { randomBytes } from 'node:crypto';

/**
 * A unique, personal-looking value (accents, ñ) to plant in input and then
 * look for where it must never appear: responses, logs, the database.
 */
export function canary(label = 'CANARIO'): string {
  return `Ñandú Pérez ${label} ${randomBytes(6).toString('hex')}`;
}

/** Searches text for a canary and for its JSON-escaped form. */
export function leaks(haystack: string, value: string): boolean {
  return haystack.includes(value) || haystack.includes(JSON.stringify(value).slice(1, -1));
}
