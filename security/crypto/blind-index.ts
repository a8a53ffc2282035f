import { createHmac } from 'node:crypto';
import { deriveKey } from './aead';

export type BlindIndexedField = 'document_number' | 'phone';

/**
 * 4 bytes: enough to find a possible duplicate among a programme's cases (a
 * coincidence is only a "possible duplicate, ask the team" warning), few
 * enough that an index value does not single out one person.
 */
export const BLIND_INDEX_BYTES = 4;

/** Identity document numbers compare without spaces, dashes, dots, slashes or case. */
export function normaliseDocumentNumber(value: string): string {
  return value
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s.\-/]/g, '');
}

/**
 * Phone numbers compare as international digits: "+593 99 123 4567",
 * "00593991234567" and the national "099 123 4567" are the same number.
 */
export function normalisePhone(value: string, defaultCountryCode = '593'): string {
  const trimmed = value.normalize('NFKC').trim();
  const digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+')) return digits;
  if (digits.startsWith('00')) return digits.slice(2);
  if (digits.startsWith('0')) return defaultCountryCode + digits.slice(1);
  return digits;
}

const NORMALISE: Record<BlindIndexedField, (value: string) => string> = {
  document_number: normaliseDocumentNumber,
  phone: (value) => normalisePhone(value),
};

/**
 * HMAC-SHA-256 of the normalised value under a key derived per field from
 * BLIND_INDEX_KEY (never the data keys), truncated. Undefined for values that
 * normalise to nothing (they cannot match anyone).
 */
export function blindIndex(
  rootKey: Buffer,
  field: BlindIndexedField,
  value: string,
): Buffer | undefined {
  const normalised = NORMALISE[field](value);
  if (normalised.length === 0) return undefined;
  const key = deriveKey(rootKey, `blind-index:${field}`);
  return createHmac('sha256', key)
    .update(normalised, 'utf8')
    .digest()
    .subarray(0, BLIND_INDEX_BYTES);
}
