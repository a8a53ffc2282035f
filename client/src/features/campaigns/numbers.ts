/*
 * Numbers typed by people in Ecuador or elsewhere: "5500", "5.500,00",
 * "5,500.00", "5 500,5". Amounts are kept as text of the exact decimal until
 * they are sent (no floating-point arithmetic on money); counts are whole.
 */

const SPACES = /[\s\u00a0\u202f]/g;

/** A whole number typed with or without thousands separators; undefined when it is not one. */
export function parseCount(text: string): number | undefined {
  const compact = text.replace(SPACES, '');
  if (/^\d+$/.test(compact)) return Number(compact);
  if (/^\d{1,3}([.,]\d{3})+$/.test(compact)) return Number(compact.replace(/[.,]/g, ''));
  return undefined;
}

/**
 * An amount of dollars with at most two decimals, as the decimal text
 * "5500.5" (undefined when it cannot be read). With both separators, the last
 * one is the decimal point; with one kind only, it is a decimal point when
 * one or two digits follow it once, and thousands separators when groups of
 * three follow.
 */
export function parseAmount(text: string): string | undefined {
  const compact = text
    .replace(SPACES, '')
    .replace(/^(USD|US\$|\$)/i, '')
    .replace(SPACES, '');
  if (compact === '') return undefined;
  if (/^\d+$/.test(compact)) return String(Number(compact));
  const lastDot = compact.lastIndexOf('.');
  const lastComma = compact.lastIndexOf(',');
  let integer: string;
  let decimals = '';
  if (lastDot >= 0 && lastComma >= 0) {
    const point = Math.max(lastDot, lastComma);
    const grouping = point === lastDot ? ',' : '.';
    integer = compact.slice(0, point);
    decimals = compact.slice(point + 1);
    if (!new RegExp(`^\\d{1,3}(\\${grouping}\\d{3})*$`).test(integer)) return undefined;
    integer = integer.split(grouping).join('');
  } else {
    const separator = lastDot >= 0 ? '.' : ',';
    const parts = compact.split(separator);
    if (parts.length === 2 && /^\d+$/.test(parts[0] ?? '') && /^\d{1,2}$/.test(parts[1] ?? '')) {
      integer = parts[0] ?? '';
      decimals = parts[1] ?? '';
    } else if (/^\d{1,3}$/.test(parts[0] ?? '') && parts.slice(1).every((p) => /^\d{3}$/.test(p))) {
      integer = parts.join('');
    } else {
      return undefined;
    }
  }
  if (!/^\d+$/.test(integer) || !/^\d{0,2}$/.test(decimals)) return undefined;
  const whole = integer.replace(/^0+(?=\d)/, '');
  const cents = decimals.replace(/0+$/, '');
  return cents ? `${whole}.${cents}` : whole;
}

/** The amount the API stores as text for a form (two decimals, a point, no grouping). */
export const amountText = (amount: number): string => amount.toFixed(2);
