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
