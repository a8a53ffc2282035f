import { createHash, randomBytes } from 'node:crypto';

/*
 * A training certificate's verification code: printed on the PDF, typed by
 * whoever checks it, answered by GET /api/v1/public/certificates/{code}.
 *
 * - 15 symbols of Crockford's base32 (0-9, A-Z without I, L, O, U) drawn from
 *   the operating system's CSPRNG: 75 random bits. With a million
 *   certificates issued, one guess in about 4 × 10¹⁶ finds one, so guessing
 *   is pointless even before the per-address rate limit of the public route.
 * - One check symbol (Luhn mod 32): every mistyped symbol and every swap of
 *   two neighbouring symbols (but the pair 0/Z) is caught before the database is asked.
 * - Read case-insensitively; hyphens and spaces are ignored; O reads as 0 and
 *   I or L as 1 (Crockford's rule: the symbols people confuse).
 * - Printed in groups of four: `7KQ2-M9XD-4TRB-H8N3`.
 * - Stored only as a SHA-256 digest (training_certificates.code_digest):
 *   someone who reads the database, or a backup of it, cannot look up the
 *   holders through the public route. 75 random bits make an unkeyed digest
 *   impossible to reverse by search. The code itself is kept encrypted
 *   beside the name, to print the PDF again.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const BASE = ALPHABET.length;
const RANDOM_SYMBOLS = 15;
export const CODE_LENGTH = RANDOM_SYMBOLS + 1;
/** Anything longer is not a code, whatever it holds (bounds the work on public input). */
export const MAX_CODE_INPUT = 64;

const ALIASES: Record<string, string> = { O: '0', I: '1', L: '1' };

/** A new code, canonical (16 symbols, no hyphens). */
export function newVerificationCode(): string {
  const bytes = randomBytes(RANDOM_SYMBOLS);
  // 256 is a multiple of 32: the low five bits of a random byte are uniform.
  const body = Array.from(bytes, (byte) => ALPHABET[byte & 31]).join('');
  return body + checkSymbol(body);
}

/**
 * The canonical code a person typed, or null when it cannot be one (wrong
 * length, a symbol outside the alphabet, a wrong check symbol).
 */
export function normaliseVerificationCode(input: string): string | null {
  if (input.length > MAX_CODE_INPUT) return null;
  const code = input
    .toUpperCase()
    .replace(/[\s\-\u2010-\u2015]/g, '')
    .replace(/[OIL]/g, (symbol) => ALIASES[symbol] ?? symbol);
  if (code.length !== CODE_LENGTH || ![...code].every((symbol) => ALPHABET.includes(symbol))) {
    return null;
  }
  return checkSymbol(code.slice(0, -1)) === code.slice(-1) ? code : null;
}

/** `7KQ2M9XD4TRBH8N3` → `7KQ2-M9XD-4TRB-H8N3`. */
export function formatVerificationCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/** What the database keeps to find a certificate by its code. */
export function verificationCodeDigest(code: string): Buffer {
  return createHash('sha256').update(`amparo-training-certificate|${code}`).digest();
}

/** Luhn mod N over the alphabet's values, N = 32. */
function checkSymbol(body: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = body.length - 1; i >= 0; i--) {
    const addend = factor * ALPHABET.indexOf(body.charAt(i));
    factor = factor === 2 ? 1 : 2;
    sum += Math.floor(addend / BASE) + (addend % BASE);
  }
  return ALPHABET.charAt((BASE - (sum % BASE)) % BASE);
}
