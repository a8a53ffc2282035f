import { decimalWithin, hundredths, parseDecimal } from './decimals';
import type { Enrolment, ScoreSheet } from './training-types';

/** A participant's two scores as typed (the interface's decimal separator). */
export interface ScoreTexts {
  pre: string;
  post: string;
}

const asText = (n: number | null, decimal: ',' | '.') =>
  n === null ? '' : String(n).replace('.', decimal);

export function scoreTexts(
  roster: readonly Enrolment[],
  decimal: ',' | '.',
): Record<string, ScoreTexts> {
  return Object.fromEntries(
    roster.map((p) => [
      p.participantId,
      { pre: asText(p.preScore, decimal), post: asText(p.postScore, decimal) },
    ]),
  );
}

/** Why a typed score cannot be sent (undefined: empty, or 0 to 100 with two decimals at most). */
export const scoreError = (text: string): 'score' | undefined =>
  decimalWithin(text, 0, 100, { optional: true }) ? undefined : 'score';

const valueOf = (text: string): number | null =>
  text.trim() === '' ? null : (parseDecimal(text) ?? null);

const same = (a: number | null, b: number | null) =>
  a === null || b === null ? a === b : hundredths(a) === hundredths(b);

/**
 * The scores that differ from those saved (an emptied box clears its score),
 * each participant once; null while any typed score cannot be read.
 */
export function scoreEntries(
  roster: readonly Enrolment[],
  texts: Readonly<Record<string, ScoreTexts>>,
): ScoreSheet['entries'] | null {
  const entries: ScoreSheet['entries'] = [];
  for (const person of roster) {
    const typed = texts[person.participantId];
    if (!typed) continue;
    if (scoreError(typed.pre) || scoreError(typed.post)) return null;
    const pre = valueOf(typed.pre);
    const post = valueOf(typed.post);
    const entry: ScoreSheet['entries'][number] = { participantId: person.participantId };
    if (!same(pre, person.preScore)) entry.preScore = pre;
    if (!same(post, person.postScore)) entry.postScore = post;
    if (entry.preScore !== undefined || entry.postScore !== undefined) entries.push(entry);
  }
  return entries;
}
