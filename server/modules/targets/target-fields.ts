import { isPlainText, NO_HIDDEN_CHARACTERS } from '../../http/plain-text';
import { z } from '../../http/zod';

/*
 * The fields the plan, budget and target schemas share. Nothing here is
 * personal (migration 0027): texts written by coordinators about the plan,
 * codes, dates, amounts and values. Free texts follow the rules of plain
 * text (plain-text.ts), and the service refuses a text that looks like a
 * person's data (400 looks_personal).
 */

const PERSONAL =
  'An e-mail address or a run of seven or more digits (a phone or identity number) is ' +
  "refused (400 looks_personal): nobody's contact belongs here";

/** Free text: one line (`lines: false`) or several, at most `max` characters. */
export const FreeText = (max: number, lines: boolean) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((text) => isPlainText(text, { lineBreaks: lines }), {
      message: lines ? `${NO_HIDDEN_CHARACTERS} other than line breaks` : NO_HIDDEN_CHARACTERS,
    })
    .openapi({ description: PERSONAL });

/** A program's or project's code, as the municipality's plan writes it (e.g. "P-01", "1.2.3"). */
export const PlanCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,29}$/, {
    message: 'Letters, digits, dots, dashes or underscores; at most 30',
  })
  .openapi({ example: 'P-01' });

/** Offices of the municipality that execute a project or target, 1 to 10. */
export const ExecutingUnits = z
  .array(FreeText(200, false))
  .min(1)
  .max(10)
  .superRefine((units, ctx) => {
    const seen = new Set<string>();
    units.forEach((unit, index) => {
      if (seen.has(unit)) ctx.addIssue({ code: 'custom', message: 'Listed twice', path: [index] });
      seen.add(unit);
    });
  })
  .openapi({ description: 'Offices, not people (e.g. "Dirección de Seguridad Ciudadana")' });

/**
 * An exact amount or value, non-negative, at most 12 integer digits and 2
 * decimals, written as a decimal string ("5500.00", "12.5", "1000"): never
 * a JSON number, so nothing passes through a float.
 */
export const DecimalInput = z
  .string()
  .regex(/^\d{1,12}(\.\d{1,2})?$/, {
    message: 'A decimal string: at most 12 digits, optionally a dot and 1 or 2 decimals',
  })
  .openapi({ example: '5500.00' });

/** Decimal strings as the API writes them: always two decimals. */
export const DecimalOutput = z
  .string()
  .openapi({ description: 'Exact decimal, two decimals', example: '5500.00' });
export const PercentOutput = z.string().nullable().openapi({
  description:
    'A percentage rounded half-up to two decimals ("88.80"); null when the denominator is 0',
  example: '88.80',
});

export const Year = z.coerce.number().int().min(2000).max(2100);
export const Quarter = z.coerce
  .number()
  .int()
  .min(1)
  .max(4)
  .transform((q) => q as 1 | 2 | 3 | 4)
  .openapi({ type: 'integer', minimum: 1, maximum: 4 });

/** A calendar day, YYYY-MM-DD, between 2000 and 2100. */
export const Day = z.iso.date().refine((day) => day >= '2000-01-01' && day <= '2100-12-31', {
  message: 'Must be a date between 2000 and 2100',
});

export const Version = z.number().int().min(1).openapi({
  description: 'The version this change was made from: a stale one is refused (409 stale_version)',
});

/** A change names at least one field besides its version. */
export const atLeastOneChange = [
  (change: object) => Object.keys(change).some((key) => key !== 'version'),
  { message: 'Change at least one field besides version' },
] as const;

/** A list whose items are all different; a repeated one is named by its index. */
export function distinct<T extends z.ZodType>(item: T) {
  return z.array(item).superRefine((items, ctx) => {
    const seen = new Set<string>();
    items.forEach((value, index) => {
      const k = String(value);
      if (seen.has(k)) ctx.addIssue({ code: 'custom', message: 'Listed twice', path: [index] });
      seen.add(k);
    });
  });
}
