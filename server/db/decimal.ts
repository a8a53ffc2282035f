/*
 * Exact decimal arithmetic on the strings PostgreSQL returns for numeric
 * columns: money (numeric(14,2)), target values, and the percentages and
 * means computed from them. Values travel as decimal strings ("5500.00",
 * "12.5", "-3") and are computed as BigInt integers scaled by a power of
 * ten, never as binary floats. The one rounding rule of targets, budget and
 * the management report lives here: half away from zero (5500.005 →
 * 5500.01, -0.125 → -0.13), the rule an accountant applies by hand; every
 * percentage (a target's progress, a budget's execution, the report's own
 * shares) is progressPercent, so the report and the targets' screens can
 * never disagree on a figure.
 */

/** A decimal as text: optional minus sign, digits, optional fraction. */
export const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;

interface Scaled {
  units: bigint;
  scale: number;
}

function parse(value: string): Scaled {
  if (!DECIMAL_PATTERN.test(value)) throw new RangeError('not a decimal number');
  const negative = value.startsWith('-');
  const [whole, fraction = ''] = (negative ? value.slice(1) : value).split('.');
  const units = BigInt(`${whole}${fraction}`);
  return { units: negative ? -units : units, scale: fraction.length };
}

const pow10 = (n: number) => 10n ** BigInt(n);

function rescale(value: Scaled, scale: number): bigint {
  return value.units * pow10(scale - value.scale);
}

function render(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** numerator / denominator, rounded half away from zero. */
function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const rounded = (2n * n + d) / (2n * d);
  return negative ? -rounded : rounded;
}

/** The value rounded half away from zero to `decimals` places, always with that many. */
export function roundHalfUp(value: string, decimals = 2): string {
  const parsed = parse(value);
  if (parsed.scale <= decimals) return render(rescale(parsed, decimals), decimals);
  return render(divideHalfUp(parsed.units, pow10(parsed.scale - decimals)), decimals);
}

/** The value with exactly two decimals, rounded half-up if it had more: "888" → "888.00". */
export const toDecimal2 = (value: string): string => roundHalfUp(value, 2);

/** The exact sum, at the largest scale of its terms ("0" for none). */
export function sum(values: readonly string[]): string {
  const parsed = values.map(parse);
  const scale = Math.max(0, ...parsed.map((p) => p.scale));
  return render(
    parsed.reduce((total, p) => total + rescale(p, scale), 0n),
    scale,
  );
}

/** The exact sum, written with two decimals (inputs of at most two decimals stay exact). */
export const sumDecimals = (values: readonly string[]): string => toDecimal2(sum(values));

/** a − b, exactly. */
export function subtract(a: string, b: string): string {
  const [pa, pb] = [parse(a), parse(b)];
  const scale = Math.max(pa.scale, pb.scale);
  return render(rescale(pa, scale) - rescale(pb, scale), scale);
}

/** Compares two decimal strings exactly: -1, 0 or 1. */
export function compareDecimals(a: string, b: string): -1 | 0 | 1 {
  const [pa, pb] = [parse(a), parse(b)];
  const scale = Math.max(pa.scale, pb.scale);
  const [x, y] = [rescale(pa, scale), rescale(pb, scale)];
  return x < y ? -1 : x > y ? 1 : 0;
}

export function isZero(value: string): boolean {
  return parse(value).units === 0n;
}

/**
 * part / whole × 100, rounded half away from zero to two decimals:
 * progressPercent('888', '1000') = "88.80", progressPercent('2', '3') =
 * "66.67". null when whole is 0 (no percentage of nothing). Every
 * percentage of targets, budgets and the management report.
 */
export function progressPercent(part: string, whole: string): string | null {
  const p = parse(part);
  const w = parse(whole);
  if (w.units === 0n) return null;
  const scale = Math.max(p.scale, w.scale);
  // hundredths of a percent: part × 100 × 100 / whole
  return render(divideHalfUp(rescale(p, scale) * 10000n, rescale(w, scale)), 2);
}

/** total / count, rounded half away from zero to `decimals` places; null for a count of 0. */
export function meanOf(total: string, count: number, decimals = 2): string | null {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError('not a count');
  if (count === 0) return null;
  const t = parse(total);
  return render(divideHalfUp(t.units * pow10(decimals), pow10(t.scale) * BigInt(count)), decimals);
}

/** The mean of the values, rounded half away from zero to `decimals` places; null for none. */
export function mean(values: readonly string[], decimals = 2): string | null {
  return meanOf(sum(values), values.length, decimals);
}
