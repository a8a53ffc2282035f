import { parseAmount } from '../../ui/numbers';
import { MAX_DECIMAL } from './target-vocabularies';

/*
 * Amounts and values typed the way people in Ecuador type them ("5.500,00",
 * "12,5") become the exact decimal string the API takes ("5500", "12.5");
 * nothing goes through a float except the upper-limit check.
 */

/** The exact decimal of a typed value; undefined when it is not one (or is too large). */
export function decimalOf(text: string): string | undefined {
  const exact = parseAmount(text);
  if (exact === undefined || Number(exact) > MAX_DECIMAL) return undefined;
  return exact;
}

/** Hundredths of an exact decimal ("12.5" → 1250n), to add values exactly. */
export function hundredths(exact: string): bigint {
  const [whole = '0', fraction = ''] = exact.split('.');
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
}

/** The exact decimal of hundredths (1250n → "12.50"). */
export function fromHundredths(value: bigint): string {
  const whole = value / 100n;
  const cents = value % 100n;
  return `${whole}.${String(cents).padStart(2, '0')}`;
}

/** A stored decimal ("5500.00") as a form shows it: the interface's separator, no grouping. */
export const inputOf = (exact: string, decimal: ',' | '.') => exact.replace('.', decimal);
