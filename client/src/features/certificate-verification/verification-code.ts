/*
 * The verification code as people type it, read the way the server reads it
 * (server/modules/training-certificates/verification-code.ts): Crockford's
 * base32, any case, hyphens and spaces ignored, O as 0 and I or L as 1, the
 * last symbol a Luhn mod 32 check. A typo is caught here, before asking.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 16;

/** The canonical code (16 symbols), or null when what was typed cannot be one. */
export function normaliseCode(input: string): string | null {
  if (input.length > 64) return null;
  const code = input
    .toUpperCase()
    .replace(/[\s\-\u2010-\u2015]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (code.length !== LENGTH || ![...code].every((symbol) => ALPHABET.includes(symbol))) {
    return null;
  }
  return checkSymbol(code.slice(0, -1)) === code.slice(-1) ? code : null;
}

/** `7KQ2M9XD4TRBH8N3` → `7KQ2-M9XD-4TRB-H8N3`. */
export function groupCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

function checkSymbol(body: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = body.length - 1; i >= 0; i--) {
    const addend = factor * ALPHABET.indexOf(body.charAt(i));
    factor = factor === 2 ? 1 : 2;
    sum += Math.floor(addend / ALPHABET.length) + (addend % ALPHABET.length);
  }
  return ALPHABET.charAt((ALPHABET.length - (sum % ALPHABET.length)) % ALPHABET.length);
}
