import { useTranslation } from 'react-i18next';
import { useVocabulary, type Vocabulary } from '../../vocab/useVocabulary';
import { useCampaignFormat } from './useCampaignText';
import type { components } from '../../api/schema';
import type { Release } from './useCampaigns';

type Dimension = components['schemas']['StatisticsDimension'];

/** The label table of each statistics dimension's values. */
export const DIMENSION_VOCABULARY: Record<Dimension, Vocabulary> = {
  quarter: 'quarter',
  exploitation_group: 'exploitationGroup',
  sex: 'sexGroup',
  age_group: 'ageGroup',
  nationality_group: 'nationalityGroup',
  province: 'province',
  vulnerability_group: 'vulnerabilityGroup',
  sector: 'sector',
  outcome: 'referralOutcome',
  acknowledgement: 'acknowledgementBand',
};

/**
 * A published release's table as published: each figure with its 95 % error
 * bound ("120 ± 9"), suppressed figures as "<k", the totals the release
 * published. One dimension: a row per value; two: rows by the first,
 * columns by the second, with their totals.
 */
export function ReleaseFigures({
  release,
  captionId,
  hideCaption = false,
}: {
  release: Release;
  captionId: string;
  /** When a heading just above already names the release. */
  hideCaption?: boolean;
}) {
  const { t } = useTranslation('campaigns');
  const { label } = useVocabulary();
  const format = useCampaignFormat();
  const { figures, table, parameters } = release;
  const [rowDimension, columnDimension] = table.dimensions;
  const valueLabel = (dimension: Dimension, value: string) =>
    label(DIMENSION_VOCABULARY[dimension], value);
  const figure = (key: string[]) => {
    const cell = figures.cells.find(
      (c) => c.key.length === key.length && c.key.every((k, i) => k === key[i]),
    );
    if (!cell) return '—';
    return format.figure(
      cell.suppressed ? null : cell.value,
      figures.cellErrorBound95,
      parameters.threshold,
    );
  };
  const totalOf = (dimension: string, value: string) => {
    const total = figures.totals.byDimension
      .find((d) => d.dimension === dimension)
      ?.totals.find((x) => x.value === value)?.total;
    return total ? format.figure(total.value, total.errorBound95) : '—';
  };
  const grand = format.figure(figures.totals.grand.value, figures.totals.grand.errorBound95);
  if (!rowDimension) return null;
  const rows = rowDimension.values;
  const caption = (
    <caption id={captionId} className={hideCaption ? 'visually-hidden' : undefined}>
      {t('release.tableCaption', {
        title: format.releaseTitle({ tableId: table.id, period: release.period }),
      })}
    </caption>
  );

  if (!columnDimension) {
    return (
      <table className="table figures-table">
        {caption}
        <thead>
          <tr>
            <th scope="col">{label('statisticsDimension', rowDimension.id)}</th>
            <th scope="col" className="campaign-num">
              {t('release.figure')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((value) => (
            <tr key={value}>
              <th scope="row">{valueLabel(rowDimension.id, value)}</th>
              <td className="campaign-num campaign-nowrap">{figure([value])}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('release.total')}</th>
            <td className="campaign-num campaign-nowrap">{grand}</td>
          </tr>
        </tfoot>
      </table>
    );
  }

  const columns = columnDimension.values;
  return (
    <table className="table figures-table">
      {caption}
      <thead>
        <tr>
          <th scope="col">
            {t('release.byDimensions', {
              rows: label('statisticsDimension', rowDimension.id),
              columns: label('statisticsDimension', columnDimension.id),
            })}
          </th>
          {columns.map((value) => (
            <th scope="col" key={value} className="campaign-num">
              {valueLabel(columnDimension.id, value)}
            </th>
          ))}
          <th scope="col" className="campaign-num">
            {t('release.total')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row}>
            <th scope="row">{valueLabel(rowDimension.id, row)}</th>
            {columns.map((column) => (
              <td key={column} className="campaign-num campaign-nowrap">
                {figure([row, column])}
              </td>
            ))}
            <td className="campaign-num campaign-nowrap">{totalOf(rowDimension.id, row)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('release.total')}</th>
          {columns.map((column) => (
            <td key={column} className="campaign-num campaign-nowrap">
              {totalOf(columnDimension.id, column)}
            </td>
          ))}
          <td className="campaign-num campaign-nowrap">{grand}</td>
        </tr>
      </tfoot>
    </table>
  );
}
