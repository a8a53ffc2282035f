import { roundHalfUp } from '../db/decimal';

/*
 * Numbers, money and dates as Ecuador's public administration writes them:
 * `USD 5.500,00`, `88,80 %`, `1.234`, `31 de diciembre de 2026`. Written out
 * here rather than with Intl.NumberFormat('es-EC'), whose ICU data writes
 * `$5.500,00` and `88,80%` (no currency code, no space before the sign) and
 * varies with the Node build. Every value arrives as an exact decimal string
 * (db/decimal.ts) and is rounded there, once.
 */

const THOUSANDS = '.';
const DECIMALS = ',';

function group(whole: string): string {
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, THOUSANDS);
}

/**
 * A decimal string with es-EC separators, rounded half away from zero to
 * `decimals` places: "5.500,00". With `trailingZeros: false` the places it
 * does not need are left out ("12,5", "1.200"): hours on a certificate.
 */
export function formatDecimal(
  value: string,
  decimals = 2,
  options: { trailingZeros?: boolean } = {},
): string {
  const rounded = roundHalfUp(value, decimals);
  const negative = rounded.startsWith('-');
  const [whole = '', places = ''] = (negative ? rounded.slice(1) : rounded).split('.');
  const fraction = options.trailingZeros === false ? places.replace(/0+$/, '') : places;
  const text = `${group(whole)}${fraction ? `${DECIMALS}${fraction}` : ''}`;
  // "-0,00" is not a figure anyone writes.
  return negative && /[1-9]/.test(text) ? `-${text}` : text;
}

/** US dollars, Ecuador's currency: "USD 5.500,00". */
export function formatMoney(value: string): string {
  return `USD ${formatDecimal(value, 2)}`;
}

/** A percentage given in percent ("88.8" → "88,80 %"); a dash when there is none. */
export function formatPercent(value: string | null): string {
  return value === null ? '—' : `${formatDecimal(value, 2)} %`;
}

/** A count: "1.234". */
export function formatInteger(value: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError('not a safe integer');
  return value < 0 ? `-${group(String(-value))}` : group(String(value));
}

/**
 * A measured value (a target's programmed or executed value, hours): whole
 * numbers without decimals ("1.234"), others with two ("12,50").
 */
export function formatQuantity(value: string): string {
  const rounded = roundHalfUp(value, 2);
  return rounded.endsWith('.00') ? formatDecimal(value, 0) : formatDecimal(value, 2);
}

const MONTHS = [
  'enero',
  'febrero',
  'marzo',
  'abril',
  'mayo',
  'junio',
  'julio',
  'agosto',
  'septiembre',
  'octubre',
  'noviembre',
  'diciembre',
];

/** The parts of an ISO date, the month by its Spanish name. */
export function dateParts(isoDate: string): { day: number; month: string; year: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  if (!match || !month) throw new RangeError('not an ISO date');
  return { day: Number(match[3]), month, year: Number(match[1]) };
}

/** "2026-12-31" → "31 de diciembre de 2026". */
export function formatDate(isoDate: string): string {
  const { day, month, year } = dateParts(isoDate);
  return `${day} de ${month} de ${year}`;
}

const QUARTER_NAMES = ['primer', 'segundo', 'tercer', 'cuarto'];

/** "Año 2026" or "Segundo trimestre de 2026". */
export function formatPeriod(period: { year: number; quarter: number | null }): string {
  if (period.quarter === null) return `Año ${period.year}`;
  const name = QUARTER_NAMES[period.quarter - 1] ?? String(period.quarter);
  return `${name.charAt(0).toUpperCase()}${name.slice(1)} trimestre de ${period.year}`;
}
