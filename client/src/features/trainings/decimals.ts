import { parseAmount } from '../../ui/numbers';

/**
 * Hours, percentages and scores as people type them ("2,5", "80", "87.25"):
 * at most two decimals (the API stores them exactly). Undefined when the text
 * is not such a number.
 */
export function parseDecimal(text: string): number | undefined {
  if (/[^\d.,\s\u00a0\u202f]/.test(text)) return undefined;
  const exact = parseAmount(text);
  return exact === undefined ? undefined : Number(exact);
}

/** The text is empty, or a number with at most two decimals within [min, max] (min exclusive when asked). */
export function decimalWithin(
  text: string,
  min: number,
  max: number,
  { exclusiveMin = false, optional = false } = {},
): boolean {
  if (text.trim() === '') return optional;
  const value = parseDecimal(text);
  if (value === undefined) return false;
  return (exclusiveMin ? value > min : value >= min) && value <= max;
}

/** Hundredths, as whole numbers: the API's numbers compared without floating-point error. */
export const hundredths = (n: number) => Math.round(n * 100);
