import {
  addNoise,
  cellErrorBound95,
  noiseScale,
  postProcess,
  totalOf,
  type MechanismParameters,
  type PublishedFigure,
  type PublishedTotal,
  type RandomSource,
} from './mechanism';
import { cellKeys, type CatalogueTable, type DimensionId, type ReleasePeriod } from './catalogue';
import { KEY_SEPARATOR } from './statistics.repository';

/** What a release stores and publishes: each cell's figure, and totals of the figures shown. */
export interface ReleaseFigures {
  cells: { key: string[]; value: number | null; suppressed: boolean }[];
  /** One bound for every cell: the noise does not depend on the cell. */
  cellErrorBound95: number;
  /** b of the discrete Laplace, sensitivity / ε (for readers who check the bound). */
  noiseScale: number;
  totals: {
    grand: PublishedTotal;
    /** For each dimension of a two-dimensional table: the total of each of its values. */
    byDimension: { dimension: DimensionId; totals: { value: string; total: PublishedTotal }[] }[];
  };
}

/**
 * Noise, then post-processing (free of privacy cost: it reads only noisy
 * figures). Every cell of the table is released, empty ones too, in the
 * catalogue's order. Totals are sums of the figures shown, so they never
 * disagree with the table nor reveal a cell shown as "<k" (docs/STATISTICS.md).
 */
export function releaseFigures(
  table: CatalogueTable,
  period: ReleasePeriod,
  counts: ReadonlyMap<string, number>,
  parameters: MechanismParameters,
  random?: RandomSource,
): ReleaseFigures {
  const keys = cellKeys(table, period);
  const trueCounts = keys.map((key) => counts.get(key.join(KEY_SEPARATOR)) ?? 0);
  const figures = postProcess(addNoise(trueCounts, parameters, random), parameters);
  const cells = keys.map((key, i) => ({ key, ...(figures[i] as PublishedFigure) }));
  const scale = noiseScale(parameters);
  return {
    cells,
    cellErrorBound95: cellErrorBound95(parameters),
    noiseScale: Number(scale.num) / Number(scale.den),
    totals: {
      grand: totalOf(figures, parameters),
      byDimension:
        table.dimensions.length < 2
          ? []
          : table.dimensions.map((dimension, axis) => ({
              dimension,
              totals: [...new Set(keys.map((key) => key[axis] as string))].map((value) => ({
                value,
                total: totalOf(
                  cells.filter((cell) => cell.key[axis] === value),
                  parameters,
                ),
              })),
            })),
    },
  };
}
