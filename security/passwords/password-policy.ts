import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as spanish from '@zxcvbn-ts/language-es-es';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
// Score 4 = at least 10^10 guesses: two context words and a year (score 3) are refused.
const MIN_SCORE = 4;

/** Words anyone would try against this system, beside the user's own details. */
const CONTEXT_WORDS = ['amparo', 'trata', 'victima', 'víctima', 'municipio', 'caso', 'casos'];

// Common passwords and names plus the Spanish dictionaries, all bundled (no
// network). Built at the first check: its ranked dictionaries take ~15 MB of
// heap that a server rarely needs (passwords are set seldom).
let zxcvbn: ZxcvbnFactory | undefined;
function checker(): ZxcvbnFactory {
  zxcvbn ??= new ZxcvbnFactory({
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...spanish.dictionary },
  });
  return zxcvbn;
}

export type PasswordProblem = 'too_short' | 'too_long' | 'too_weak';

/**
 * Length 12–128 characters (Unicode code points, so accents count once), and
 * not guessable: zxcvbn score 4 against common passwords, Spanish words and
 * the person's own details (email, name, institution).
 */
export function checkPassword(password: string, userInputs: string[] = []): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (length > PASSWORD_MAX_LENGTH) return 'too_long';
  const inputs = [...CONTEXT_WORDS, ...userInputs.flatMap(splitUserInput)];
  return checker().check(password, inputs).score >= MIN_SCORE ? null : 'too_weak';
}

/** "ana.perez@fiscalia.gob" → the pieces a person would reuse in a password. */
function splitUserInput(value: string): string[] {
  return [value, ...value.toLowerCase().split(/[^\p{L}\p{N}]+/u)].filter(
    (piece) => piece.length >= 3,
  );
}
