import { compareDecimals, progressPercent, sumDecimals } from '../../db/decimal';
import type { BudgetExecution } from './management-figures';

/**
 * The budget arithmetic, on exact decimal strings (municipal finance's
 * "cédula presupuestaria"):
 * - presupuesto codificado (coded) on a day = the amount of the latest
 *   `codificado` entry of the fiscal year dated on or before it (the initial
 *   allocation, then the amount after each reform); 0 before the first;
 * - presupuesto devengado (accrued) by a day = the sum of the year's
 *   `devengado` entries dated up to it;
 * - % execution = accrued / coded × 100, half-up to 2 decimals (null when
 *   nothing is coded).
 * Voided entries are left out before these functions see them.
 */

export interface CountedEntry {
  projectId: string;
  kind: 'codificado' | 'devengado';
  /** YYYY-MM-DD */
  date: string;
  amount: string;
  /**
   * Orders entries of the same day: the one recorded later is the later
   * reform. The entry's rank in the order the database recorded them
   * (recorded_at, then its sequence: budget.repository.ts), not a time
   * compared here: a JS Date would drop the microseconds.
   */
  recordOrder: number;
}

const inOrder = (a: CountedEntry, b: CountedEntry) =>
  a.date.localeCompare(b.date) || a.recordOrder - b.recordOrder;

/** Coded on `day`: the latest coded amount dated from `from` up to it. */
export function codedOn(entries: readonly CountedEntry[], from: string, day: string): string {
  const latest = entries
    .filter((e) => e.kind === 'codificado' && e.date >= from && e.date <= day)
    .sort(inOrder)
    .at(-1);
  return sumDecimals(latest ? [latest.amount] : []);
}

/** Accrued within [from, to]. */
export function accruedWithin(entries: readonly CountedEntry[], from: string, to: string): string {
  return sumDecimals(
    entries
      .filter((e) => e.kind === 'devengado' && e.date >= from && e.date <= to)
      .map((e) => e.amount),
  );
}

/** Coded at the period's end, accrued within it (from 1 January), and the % execution. */
export function executionOf(
  entries: readonly CountedEntry[],
  period: { from: string; to: string },
): BudgetExecution {
  return execution(
    codedOn(entries, period.from, period.to),
    accruedWithin(entries, period.from, period.to),
  );
}

export function execution(coded: string, accrued: string): BudgetExecution {
  return { coded, accrued, executionPercent: progressPercent(accrued, coded) };
}

/** The sum of several executions (a program's projects, every program). */
export function totalOf(parts: readonly BudgetExecution[]): BudgetExecution {
  return execution(
    sumDecimals(parts.map((p) => p.coded)),
    sumDecimals(parts.map((p) => p.accrued)),
  );
}

/** Whether accrued exceeds coded (shown, never refused: see docs/TARGETS.md). */
export const overAccrued = (e: BudgetExecution) => compareDecimals(e.accrued, e.coded) > 0;
