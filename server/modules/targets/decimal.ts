/*
 * Exact decimal arithmetic on the strings PostgreSQL returns for numeric
 * columns: money and target values never pass through a JS float. The one
 * rounding rule of targets, budget and the management report lives here:
 * percentages are rounded half-up (half away from zero) to two decimals.
 */

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

interface Scaled {
  units: bigint;
  scale: number;
}

function parse(value: string): Scaled {
  const match = DECIMAL.exec(value.trim());
  if (!match) throw new TypeError('not a decimal number');
  const [, sign, whole, fraction = ''] = match;
  const units = BigInt(`${whole}${fraction}`);
  return { units: sign ? -units : units, scale: fraction.length };
}

function rescale({ units, scale }: Scaled, to: number): bigint {
  return units * 10n ** BigInt(to - scale);
}

/** Divides rounding half away from zero. */
function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (2n * n + d) / (2n * d);
  return negative ? -quotient : quotient;
}

/** Writes hundredths as "1234.50" / "-0.05". */
function formatHundredths(hundredths: bigint): string {
  const negative = hundredths < 0n;
  const digits = (negative ? -hundredths : hundredths).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** The value with exactly two decimals, rounded half-up if it had more: "888" → "888.00". */
export function toDecimal2(value: string): string {
  const parsed = parse(value);
  if (parsed.scale <= 2) return formatHundredths(rescale(parsed, 2));
  return formatHundredths(divideHalfUp(parsed.units, 10n ** BigInt(parsed.scale - 2)));
}

/** The exact sum, written with two decimals (inputs of at most two decimals stay exact). */
export function sumDecimals(values: readonly string[]): string {
  const parsed = values.map(parse);
  const scale = Math.max(2, ...parsed.map((p) => p.scale));
  const total = parsed.reduce((sum, p) => sum + rescale(p, scale), 0n);
  return toDecimal2(formatScaled(total, scale));
}

function formatScaled(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/**
 * part / whole × 100, rounded half-up to two decimals: progressPercent('888',
 * '1000') = "88.80", progressPercent('2', '3') = "66.67". null when whole is
 * 0 (no percentage of nothing). Used for % progress of targets, % execution
 * of budgets and every percentage of the management report.
 */
export function progressPercent(part: string, whole: string): string | null {
  const p = parse(part);
  const w = parse(whole);
  if (w.units === 0n) return null;
  const scale = Math.max(p.scale, w.scale);
  // hundredths of a percent: part × 100 × 100 / whole
  return formatHundredths(divideHalfUp(rescale(p, scale) * 10000n, rescale(w, scale)));
}

/** Compares two decimal strings exactly: -1, 0 or 1. */
export function compareDecimals(a: string, b: string): -1 | 0 | 1 {
  const x = parse(a);
  const y = parse(b);
  const scale = Math.max(x.scale, y.scale);
  const diff = rescale(x, scale) - rescale(y, scale);
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
}
