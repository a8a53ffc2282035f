import type { FieldError } from './problem';

/**
 * Names people type (a staff member's, an institution's) are shown on
 * screens and written, one per cell, into the auditors' CSV exports: a
 * control character (CR, LF, tab, NUL… — Unicode category Cc) breaks
 * line-based consumers of those files, and a bidirectional control (U+061C,
 * U+200E–U+200F, U+202A–U+202E, U+2066–U+2069) makes a name read differently
 * from what it is. Neither has a place in a name. Other format characters
 * (Cf) such as the zero-width joiners stay allowed: some scripts need them.
 */
const UNSAFE_IN_NAMES = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

export const NO_CONTROL_CHARACTERS = 'must not contain control or bidirectional characters';

export function isPlainName(text: string): boolean {
  return !UNSAFE_IN_NAMES.test(text);
}

/**
 * Free texts staff write about their own work (a campaign's name and
 * objective, an activity's description) follow the rules of names and, on
 * top, hold no line or paragraph separator (U+2028, U+2029: line breaks that
 * line-based tools do not see) and no invisible character (soft hyphen,
 * zero-width space and joiners, word joiner, invisible operators, BOM): one
 * could hide what a text says, e.g. split a phone number so that
 * looksPersonal misses it. CR and LF are allowed where `lineBreaks` says so.
 */
const HIDDEN_IN_TEXT = /[\u00AD\u180E\u200B-\u200D\u2028\u2029\u2060-\u2064\uFEFF]/u;

export const NO_HIDDEN_CHARACTERS =
  'must not contain control, bidirectional, separator or zero-width characters';

export function isPlainText(text: string, options: { lineBreaks: boolean }): boolean {
  const checked = options.lineBreaks ? text.replace(/\r?\n/g, '') : text;
  return isPlainName(checked) && !HIDDEN_IN_TEXT.test(checked);
}

/** local@domain.tld, in any script (also with a full-width at sign). */
const EMAIL = /[\p{L}\p{N}._%+-]+[@\uFF20][\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/u;
/**
 * Seven or more digits (any script), between two of which stand at most three
 * spaces, dots or dashes: a phone number (Ecuador's have 7 to 10 digits) or
 * an identity number (a cédula has 10), however written.
 */
const DIGIT_RUN = /\p{Nd}(?:[\p{Zs}\t.\-\u2010-\u2015]{0,3}\p{Nd}){6,}/u;

/**
 * Whether a text looks like it carries a person's data: an e-mail address,
 * or a phone or identity number. Texts about campaigns are read by every
 * reader of them and kept for good; a member of the public's contact has no
 * place there. A rule of thumb that refuses some harmless texts too (an
 * amount written 1.000.000, a date written 2024-03-01): they can be written
 * otherwise ("un millón", "1 de marzo de 2024").
 */
export function looksPersonal(text: string): boolean {
  return EMAIL.test(text) || DIGIT_RUN.test(text);
}

/**
 * 400 looks_personal on each free text sent (`body.<field>`; a list's items
 * as `body.<field>.<index>`) that looks like it carries a person's data
 * (looksPersonal). For texts that are read by many, printed or kept for
 * good: a campaign's, a programme's, the plan's, a management report's.
 */
export function personalTextErrors(
  texts: Record<string, string | readonly string[] | null | undefined>,
): FieldError[] {
  return Object.entries(texts).flatMap(([field, text]) => {
    const items: (readonly [string, string])[] =
      typeof text === 'string'
        ? [[field, text]]
        : Array.isArray(text)
          ? (text as readonly string[]).map((t, i) => [`${field}.${i}`, t] as const)
          : [];
    return items
      .filter(([, t]) => looksPersonal(t))
      .map(([path]) => ({
        path: `body.${path}`,
        code: 'looks_personal',
        message: 'Must not contain an e-mail address, a phone number or an identity number',
      }));
  });
}
