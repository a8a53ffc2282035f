import { hundredths } from './decimals';
import type { Enrolment, Programme } from './training-types';

/** Why a participant has not completed a programme (the server decides whether they did). */
export type MissingCondition = 'attendance' | 'final_score_missing' | 'final_score_below';

/**
 * The conditions of the programme's rule a participant does not meet yet, to
 * explain the server's `completed: false` in words. Completion itself is
 * never decided here: attendance is compared as the server does (hours
 * attended against the minimum share of the total, exactly, in hundredths),
 * so the explanation names the condition the server found missing.
 */
export function missingConditions(
  programme: Pick<Programme, 'totalHours' | 'minAttendancePercent' | 'minFinalScore'>,
  enrolment: Pick<Enrolment, 'attendedHours' | 'postScore' | 'completed'>,
): MissingCondition[] {
  if (enrolment.completed) return [];
  const missing: MissingCondition[] = [];
  // 100 × attended ≥ minimum % × total, with each number in hundredths.
  const attended = hundredths(enrolment.attendedHours) * 10_000;
  const required = hundredths(programme.minAttendancePercent) * hundredths(programme.totalHours);
  if (attended < required) missing.push('attendance');
  if (programme.minFinalScore !== null) {
    if (enrolment.postScore === null) missing.push('final_score_missing');
    else if (hundredths(enrolment.postScore) < hundredths(programme.minFinalScore)) {
      missing.push('final_score_below');
    }
  }
  return missing;
}

/** The hours a participant must attend to meet the rule (two decimals, rounded up). */
export function requiredHours(
  programme: Pick<Programme, 'totalHours' | 'minAttendancePercent'>,
): number {
  const product = hundredths(programme.minAttendancePercent) * hundredths(programme.totalHours);
  return Math.ceil(product / 10_000) / 100;
}
