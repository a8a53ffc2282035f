import { progressPercent } from '../targets';

/*
 * Exact decimal arithmetic for the management report's figures: amounts of
 * money (numeric(14,2) in the database, read as strings), programmed and
 * executed values, and the percentages computed from them. Values travel as
 * decimal strings ("5500.00", "12.5", "-3") and are computed as BigInt
 * integers scaled by a power of ten, never as binary floats. Rounding is half
 * away from zero (5500.005 → 5500.01, -0.125 → -0.13), the rule an accountant
 * applies by hand; every percentage of the report is the targets module's
 * progressPercent (the same rule for a target's progress, a budget's
 * execution and the report's own shares), so the report and the targets'
 * screens can never disagree on a figure.
 */

/** A decimal as text: optional minus sign, digits, optional fraction. */
export const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;

interface Scaled {
  units: bigint;
  scale: number;
}

function parse(value: string): Scaled {
  if (!DECIMAL_PATTERN.test(value)) throw new RangeError('not a decimal string');
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

/** numerator / denominator (denominator > 0 after sign handling), rounded half away from zero. */
function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const rounded = (2n * n + d) / (2n * d);
  return negative ? -rounded : rounded;
}

export function isDecimal(value: string): boolean {
  return DECIMAL_PATTERN.test(value);
}

/** The value rounded half away from zero to `decimals` places, always with that many. */
export function roundHalfUp(value: string, decimals = 2): string {
  const parsed = parse(value);
  if (parsed.scale <= decimals) return render(rescale(parsed, decimals), decimals);
  return render(divideHalfUp(parsed.units, pow10(parsed.scale - decimals)), decimals);
}

/** The exact sum, at the largest scale of its terms ("0" for none). */
export function sum(values: readonly string[]): string {
  const parsed = values.map(parse);
  const scale = Math.max(0, ...parsed.map((p) => p.scale));
  return render(
    parsed.reduce((total, p) => total + rescale(p, scale), 0n),
    scale,
  );
}

/** a − b, exactly. */
export function subtract(a: string, b: string): string {
  const [pa, pb] = [parse(a), parse(b)];
  const scale = Math.max(pa.scale, pb.scale);
  return render(rescale(pa, scale) - rescale(pb, scale), scale);
}

export function compare(a: string, b: string): -1 | 0 | 1 {
  const [pa, pb] = [parse(a), parse(b)];
  const scale = Math.max(pa.scale, pb.scale);
  const [x, y] = [rescale(pa, scale), rescale(pb, scale)];
  return x < y ? -1 : x > y ? 1 : 0;
}

export function isZero(value: string): boolean {
  return parse(value).units === 0n;
}

/**
 * part / whole as a percentage with two decimals, rounded half away from
 * zero ("88.80"); null when the whole is zero (no percentage of nothing).
 */
export function percentOf(part: string, whole: string): string | null {
  parse(part);
  parse(whole);
  return progressPercent(part, whole);
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

/** An integer count as a decimal string, checked. */
export function fromInteger(value: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError('not a safe integer');
  return String(value);
}
