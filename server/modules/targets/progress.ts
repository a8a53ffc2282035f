import { progressPercent, sumDecimals, toDecimal2 } from '../../db/decimal';
import type { Measure, MeasureFilters, Quarter, QuarterFigures } from './management-figures';
import { computeMeasures, type MeasureRequest } from './measures';
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
 * Which targets name, in their filters, a programme or campaign that is gone
 * (deleted after the target was defined): the measure then counts only what
 * remains, and says so rather than silently counting less (or 0). Two
 * statements at most, whatever the number of targets.
 */
export async function filtersMissing(
  trx: Trx,
  filters: readonly MeasureFilters[],
): Promise<boolean[]> {
  const all = (pick: (f: MeasureFilters) => string[] | undefined) => [
    ...new Set(filters.flatMap((f) => pick(f) ?? [])),
  ];
  const programmeIds = all((f) => f.programmeIds);
  const campaignIds = all((f) => f.campaignIds);
  const programmes = await repo.existingProgrammes(trx, programmeIds);
  const campaigns = await repo.existingCampaigns(trx, campaignIds);
  return filters.map(
    (f) =>
      (f.programmeIds ?? []).some((id) => !programmes.has(id)) ||
      (f.campaignIds ?? []).some((id) => !campaigns.has(id)),
  );
}

/** The periods a computed target is counted over: the year (to date), then each quarter. */
function periodsOf(target: TargetRow, today: string, upTo: Quarter | undefined) {
  const measure = measureOf(target);
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
  return { measure, last, counted, periods };
}

/**
 * The progress of each target as of `today` (Ecuador's date, from the
 * caller's clock; which quarters have ended decides what a case-work
 * measure counts), in order. Every computed value of every target costs one
 * statement in all, and the filters' check two at most.
 */
export async function progressesOf(
  trx: Trx,
  targets: readonly TargetRow[],
  manualValues: readonly ManualValueRow[],
  today: string,
  upTo?: Quarter,
): Promise<Progress[]> {
  const quarters = quartersUpTo(upTo);
  const plans = targets.map((target) => periodsOf(target, today, upTo));
  const requests: MeasureRequest[] = plans
    .filter((p) => p.measure.kind !== 'manual')
    .map(({ measure, periods }) => ({ measure, periods }));
  const computed = await computeMeasures(trx, requests);
  const missing = await filtersMissing(
    trx,
    plans.map((p) => p.measure.filters),
  );
  let next = 0;
  return targets.map((target, t) => {
    const { measure, last, counted } = plans[t]!;
    let executed: string | null;
    let byQuarter: (string | null)[];
    let executedThrough: Quarter | null = null;
    if (measure.kind === 'manual') {
      const current = currentManualValues(manualValues.filter((v) => v.target_id === target.id));
      byQuarter = quarters.map((q) => toDecimal2(current.get(q)?.value_text ?? '0'));
      executed = sumDecimals(byQuarter as string[]);
    } else {
      const [whole = null, ...values] = computed[next++]!;
      executed = whole;
      byQuarter = quarters.map((_, i) => values[i] ?? null);
      if (executed !== null && counted < last) executedThrough = counted as Quarter;
    }
    const programmed = toDecimal2(target.programmed_text);
    return {
      executed,
      progressPercent: executed === null ? null : progressPercent(executed, programmed),
      executedThrough,
      filtersMissing: missing[t]!,
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
  });
}

/** One target's progress (progressesOf, for one). */
export async function progressOf(
  trx: Trx,
  target: TargetRow,
  manualValues: readonly ManualValueRow[],
  today: string,
  upTo?: Quarter,
): Promise<Progress> {
  return (await progressesOf(trx, [target], manualValues, today, upTo))[0]!;
}
