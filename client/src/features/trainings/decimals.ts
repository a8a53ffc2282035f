/**
 * Hours, percentages and scores as people type them ("2,5", "80", "87.25"):
 * a comma or a point before at most two decimals (the API stores them
 * exactly), no thousands separators — these numbers are small, and "2,555"
 * is more likely a slip than two thousand hours. Undefined when the text is
 * not such a number.
 */
export function parseDecimal(text: string): number | undefined {
  const match = /^(\d{1,6})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!match) return undefined;
  return Number(`${match[1]}.${match[2] ?? '0'}`);
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
