import { dateParts, formatDate, formatDecimal } from '../../http/format-es-ec';

/*
 * How a certificate says its figures and dates in Spanish (Ecuador), with
 * the report's formatter (http/format-es-ec.ts): hours with a decimal comma
 * and a dot between thousands, only the decimals they need, never rounded
 * through a float ("40 horas", "12,5 horas", "1.200 horas"), and dates in
 * words ("3 de marzo de 2026"). Pure functions: the PDF and the tests share
 * them.
 */

/** `"40.00"` → `"40 horas"`, `"1.00"` → `"1 hora"`, `"12.50"` → `"12,5 horas"`. */
export function spanishHours(value: string): string {
  if (value.trim().startsWith('-')) throw new RangeError('hours are never negative');
  const number = formatDecimal(value, 2, { trailingZeros: false });
  return `${number} ${number === '1' ? 'hora' : 'horas'}`;
}

/**
 * The period a programme ran, as a sentence ends: "el 3 de marzo de 2026",
 * "del 3 al 28 de marzo de 2026", "del 3 de marzo al 28 de abril de 2026",
 * "del 1 de diciembre de 2025 al 30 de enero de 2026".
 */
export function spanishPeriod(startsOn: string, endsOn: string): string {
  if (startsOn === endsOn) return `el ${formatDate(startsOn)}`;
  const start = dateParts(startsOn);
  const end = dateParts(endsOn);
  if (start.year !== end.year) return `del ${formatDate(startsOn)} al ${formatDate(endsOn)}`;
  if (start.month !== end.month) {
    return `del ${start.day} de ${start.month} al ${formatDate(endsOn)}`;
  }
  return `del ${start.day} al ${formatDate(endsOn)}`;
}
