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

/**
 * Asserts that no planted value appears, as text, JSON-escaped or as the hex
 * of its UTF-8 bytes (a bytea column printed as text), in any of the places.
 */
export function expectNoCanary(planted: readonly string[], places: Record<string, string>): void {
  for (const value of planted) {
    const hex = Buffer.from(value, 'utf8').toString('hex');
    for (const [place, text] of Object.entries(places)) {
      expect([place, value, leaks(text, value) || text.includes(hex)]).toEqual([
        place,
        value,
        false,
      ]);
    }
  }
}
