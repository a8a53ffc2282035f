import { progressPercent, sumDecimals, toDecimal2 } from '../../db/decimal';
import type { Measure, MeasureFilters, Quarter, QuarterFigures } from './management-figures';
import { computeMeasure } from './measures';
import { endedQuarters, quartersUpTo } from './periods';
import type { Trx } from './plan.repository';
import * as repo from './targets.repository';
import type { ManualValueRow, TargetRow } from './targets.repository';
import { ENDED_QUARTERS_MEASURES } from './targets.vocabularies';
import { quarterPeriod, yearToDate, type Period } from '../../http/ecuador-calendar';

/**
 * A target's executed value and % progress for its year (up to the end of a
 * quarter, or the whole year), and by quarter. A computed measure is
 * computed over each period; a manual one is the latest entry of each
 * quarter, the year's value their sum. A case-work measure counts only the
 * quarters that have ended in Ecuador (docs/TARGETS.md): a later one is
 * pending (null), and the year's value stops at the last ended quarter.
 */

export interface Progress {
  /** null: pending (a case-work measure before the first quarter of the period has ended). */
  executed: string | null;
  progressPercent: string | null;
  /**
   * The last quarter `executed` includes, when it stops before the end of
   * the period because the quarters after it have not ended ("hasta el
   * trimestre N"); null when it covers the whole period (or is pending).
   */
  executedThrough: Quarter | null;
  /** Some programme or campaign the measure's filters name no longer exists. */
  filtersMissing: boolean;
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

/**
 * Whether a programme or campaign the filters name is gone (deleted after
 * the target was defined): the measure then counts only what remains, and
 * says so rather than silently counting less (or 0).
 */
export async function filtersMissing(trx: Trx, filters: MeasureFilters): Promise<boolean> {
  const gone = async (
    ids: readonly string[] | undefined,
    existing: (trx: Trx, ids: readonly string[]) => Promise<Set<string>>,
  ) => {
    if (!ids || ids.length === 0) return false;
    const found = await existing(trx, ids);
    return ids.some((id) => !found.has(id));
  };
  return (
    (await gone(filters.programmeIds, repo.existingProgrammes)) ||
    (await gone(filters.campaignIds, repo.existingCampaigns))
  );
}

/**
 * The progress as of `today` (Ecuador's date, from the caller's clock): which
 * quarters have ended decides what a case-work measure counts.
 */
export async function progressOf(
  trx: Trx,
  target: TargetRow,
  manualValues: readonly ManualValueRow[],
  today: string,
  upTo?: Quarter,
): Promise<Progress> {
  const quarters = quartersUpTo(upTo);
  const measure = measureOf(target);
  let executed: string | null;
  let byQuarter: (string | null)[];
  let executedThrough: Quarter | null = null;
  if (measure.kind === 'manual') {
    const current = currentManualValues(manualValues.filter((v) => v.target_id === target.id));
    byQuarter = quarters.map((q) => toDecimal2(current.get(q)?.value_text ?? '0'));
    executed = sumDecimals(byQuarter as string[]);
  } else {
    const last = upTo ?? 4;
    const counted = ENDED_QUARTERS_MEASURES.includes(measure.kind)
      ? Math.min(last, endedQuarters(target.year, today))
      : last;
    const through = counted === 0 ? [] : quartersUpTo(counted as Quarter);
    const periods: Period[] =
      through.length === 0
        ? []
        : [
            yearToDate(target.year, through.at(-1)),
            ...through.map((q) => quarterPeriod(target.year, q)),
          ];
    const [whole = null, ...values] = await computeMeasure(trx, measure, periods);
    executed = whole;
    byQuarter = quarters.map((_, i) => values[i] ?? null);
    if (executed !== null && counted < last) executedThrough = counted as Quarter;
  }
  const programmed = toDecimal2(target.programmed_text);
  return {
    executed,
    progressPercent: executed === null ? null : progressPercent(executed, programmed),
    executedThrough,
    filtersMissing: await filtersMissing(trx, measure.filters),
    quarters: quarters.map((quarter, i) => {
      const planned = target.quarters_text?.[quarter - 1];
      const value = byQuarter[i] ?? null;
      return {
        quarter,
        programmed: planned === undefined ? null : toDecimal2(planned),
        executed: value,
        progressPercent:
          planned === undefined || value === null ? null : progressPercent(value, planned),
      };
    }),
  };
}
