import type { ReleaseRow } from './statistics.repository';
import {
  type Release,
  type ReleaseSummary,
  ReleaseSummary as ReleaseSummaryShape,
  type TableDefinition,
} from './statistics.schemas';
import { fromHundredths } from './release-request';

export function stateOf(row: ReleaseRow): Release['state'] {
  if (row.published_at) return 'published';
  if (row.discarded_at) return 'discarded';
  return 'draft';
}

export function toRelease(row: ReleaseRow): Release {
  return {
    id: row.id,
    state: stateOf(row),
    table: row.definition as TableDefinition,
    period: { year: row.period_year, quarter: row.period_quarter },
    parameters: {
      mechanism: 'discrete_laplace',
      epsilon: fromHundredths(row.epsilon_hundredths),
      sensitivity: row.sensitivity,
      threshold: row.threshold,
      rounding: row.rounding,
      confidence: 0.95,
    },
    figures: row.figures as Release['figures'],
    softwareVersion: row.software_version,
    computedAt: row.computed_at.toISOString(),
    publishedAt: row.published_at ? row.published_at.toISOString() : null,
  };
}

export function summaryOf(release: Release): ReleaseSummary {
  return ReleaseSummaryShape.parse(release);
}
