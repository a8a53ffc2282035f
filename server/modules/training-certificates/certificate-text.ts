/*
 * How a certificate says its figures and dates in Spanish (Ecuador): hours
 * with a decimal comma and a dot between thousands, never rounded through
 * a float ("40 horas", "12,5 horas", "1.200 horas"), and dates in words
 * ("3 de marzo de 2026"). Pure functions: the PDF and the tests share them.
 */

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
] as const;

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** `"12.50"` (numeric as PostgreSQL writes it) → `"12,5"`; `"1200.00"` → `"1.200"`. */
export function spanishDecimal(value: string): string {
  const match = DECIMAL.exec(value);
  if (!match) throw new Error('not a non-negative decimal');
  const whole = (match[1] ?? '0').replace(/^0+(?=\d)/, '');
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return fraction ? `${grouped},${fraction}` : grouped;
}

/** `"40.00"` → `"40 horas"`, `"1.00"` → `"1 hora"`, `"12.50"` → `"12,5 horas"`. */
export function spanishHours(value: string): string {
  const number = spanishDecimal(value);
  return `${number} ${number === '1' ? 'hora' : 'horas'}`;
}

function parts(isoDate: string): { day: number; month: string; year: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  if (!match || !month) throw new Error('not a YYYY-MM-DD date');
  return { day: Number(match[3]), month, year: Number(match[1]) };
}

/** `"2026-03-03"` → `"3 de marzo de 2026"`. */
export function spanishDate(isoDate: string): string {
  const { day, month, year } = parts(isoDate);
  return `${day} de ${month} de ${year}`;
}

/**
 * The period a programme ran, as a sentence ends: "el 3 de marzo de 2026",
 * "del 3 al 28 de marzo de 2026", "del 3 de marzo al 28 de abril de 2026",
 * "del 1 de diciembre de 2025 al 30 de enero de 2026".
 */
export function spanishPeriod(startsOn: string, endsOn: string): string {
  if (startsOn === endsOn) return `el ${spanishDate(startsOn)}`;
  const start = parts(startsOn);
  const end = parts(endsOn);
  if (start.year !== end.year) return `del ${spanishDate(startsOn)} al ${spanishDate(endsOn)}`;
  if (start.month !== end.month) {
    return `del ${start.day} de ${start.month} al ${spanishDate(endsOn)}`;
  }
  return `del ${start.day} al ${spanishDate(endsOn)}`;
}
