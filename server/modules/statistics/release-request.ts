import { problems } from '../../http/problem';
import { dimensionValues, tableById, type CatalogueTable, type ReleasePeriod } from './catalogue';
import { type MechanismParameters } from './mechanism';
import { ROUNDING, type ReleaseRequest, type TableDefinition } from './statistics.schemas';

export const fromHundredths = (h: number) => h / 100;
export const toHundredths = (e: number) => Math.round(e * 100);

export function definitionOf(table: CatalogueTable, period: ReleasePeriod): TableDefinition {
  return {
    id: table.id as TableDefinition['id'],
    source: table.source,
    dimensions: table.dimensions.map((id) => ({ id, values: [...dimensionValues(id, period)] })),
    contributionBound: table.contributionBound,
  };
}

export function parametersOf(table: CatalogueTable, input: ReleaseRequest): MechanismParameters {
  return {
    epsilonHundredths: toHundredths(input.epsilon),
    sensitivity: table.contributionBound,
    threshold: input.threshold,
    rounding: ROUNDING,
  };
}

export function catalogued(tableId: string): CatalogueTable {
  const table = tableById(tableId);
  if (!table) throw problems.notFound();
  return table;
}

export const periodOf = (input: { year: number; quarter?: number }): ReleasePeriod =>
  input.quarter ? { year: input.year, quarter: input.quarter } : { year: input.year };

/**
 * Only a period that has ended may be released: a year still running would
 * spend its budget on incomplete data, and a future one could be spent before
 * it began. Quarters that have ended may be released during the year.
 */
export function assertPeriodEnded(period: ReleasePeriod, today: Date): void {
  const firstMonthAfter = period.quarter ? period.quarter * 3 : 12;
  if (Date.UTC(period.year, firstMonthAfter, 1) <= today.getTime()) return;
  throw problems.validation([
    {
      path: period.quarter ? 'body.quarter' : 'body.year',
      code: 'period_not_ended',
      message: 'Only a period that has ended can be released',
    },
  ]);
}
