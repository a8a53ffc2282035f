import { progressPercent, sumDecimals, toDecimal2 } from './decimal';
import type { Measure, Quarter, QuarterFigures } from './management-figures';
import { computeMeasure } from './measures';
import { quarterPeriod, quartersUpTo, yearToDate } from './periods';
import type { Trx } from './plan.repository';
import type { ManualValueRow, TargetRow } from './targets.repository';

/**
 * A target's executed value and % progress for its year (up to the end of a
 * quarter, or the whole year), and by quarter. A computed measure is
 * computed over each period; a manual one is the latest entry of each
 * quarter, the year's value their sum.
 */

export interface Progress {
  executed: string;
  progressPercent: string | null;
  quarters: QuarterFigures[];
}

export function measureOf(row: TargetRow): Measure {
  return {
    kind: row.measure_kind as Measure['kind'],
    filters: row.measure_filters,
  };
}

/** The value that counts for each quarter: its latest entry (none: 0). */
export function currentManualValues(
  values: readonly ManualValueRow[],
): Map<number, ManualValueRow> {
  const current = new Map<number, ManualValueRow>();
  // Oldest first: a later entry of the quarter replaces an earlier one.
  for (const value of values) current.set(value.quarter, value);
  return current;
}

export async function progressOf(
  trx: Trx,
  target: TargetRow,
  manualValues: readonly ManualValueRow[],
  upTo?: Quarter,
): Promise<Progress> {
  const quarters = quartersUpTo(upTo);
  const measure = measureOf(target);
  let executed: string;
  let byQuarter: string[];
  if (measure.kind === 'manual') {
    const current = currentManualValues(manualValues.filter((v) => v.target_id === target.id));
    byQuarter = quarters.map((q) => toDecimal2(current.get(q)?.value_text ?? '0'));
    executed = sumDecimals(byQuarter);
  } else {
    const periods = [
      yearToDate(target.year, upTo),
      ...quarters.map((q) => quarterPeriod(target.year, q)),
    ];
    [executed = '0.00', ...byQuarter] = await computeMeasure(trx, measure, periods);
  }
  const programmed = toDecimal2(target.programmed_text);
  return {
    executed,
    progressPercent: progressPercent(executed, programmed),
    quarters: quarters.map((quarter, i) => {
      const planned = target.quarters_text?.[quarter - 1];
      const value = byQuarter[i] ?? '0.00';
      return {
        quarter,
        programmed: planned === undefined ? null : toDecimal2(planned),
        executed: value,
        progressPercent: planned === undefined ? null : progressPercent(value, planned),
      };
    }),
  };
}
