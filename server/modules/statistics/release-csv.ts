import type { Release } from './statistics.schemas';

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * A published release as CSV: one row per cell (its dimension values, the
 * figure or "<k", the 95 % error bound), then the totals, then the
 * parameters. Every value is a code or a number the release itself holds.
 */
export function releaseCsv(release: Release): string {
  const dims = release.table.dimensions.map((d) => d.id);
  const { figures, parameters } = release;
  const shown = (value: number | null) =>
    value === null ? `<${parameters.threshold}` : String(value);
  const lines = [[...dims, 'value', 'error_bound_95'].map(quote).join(',')];
  for (const cell of figures.cells) {
    lines.push(
      [
        ...cell.key.map(quote),
        quote(shown(cell.value)),
        cell.value === null ? '' : String(figures.cellErrorBound95),
      ].join(','),
    );
  }
  const grand = figures.totals.grand;
  lines.push(
    [
      ...dims.map((_, i) => quote(i === 0 ? 'total_shown' : '')),
      String(grand.value),
      String(grand.errorBound95),
    ].join(','),
  );
  lines.push('');
  const period = release.period.quarter
    ? `${release.period.year}-Q${release.period.quarter}`
    : String(release.period.year);
  for (const [name, value] of [
    ['table', release.table.id],
    ['period_of_identification', period],
    ['mechanism', parameters.mechanism],
    ['epsilon', String(parameters.epsilon)],
    ['sensitivity', String(parameters.sensitivity)],
    ['threshold', String(parameters.threshold)],
    ['rounding', String(parameters.rounding)],
    ['confidence', String(parameters.confidence)],
    ['cells_suppressed_in_total', String(grand.cellsSuppressed)],
    ['published_at', release.publishedAt ?? ''],
    ['software_version', release.softwareVersion],
  ] as const) {
    lines.push(`${quote(name)},${quote(value)}`);
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
