import { randomInt } from 'node:crypto';

// No look-alikes (0/O, 1/l/I), so it can be read aloud or copied by hand.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A one-time password for a new or reset account: 20 characters, ~115 bits. */
export function generateInitialPassword(length = 20): string {
  return Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}
