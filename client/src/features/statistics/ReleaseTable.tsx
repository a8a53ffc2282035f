import { useTranslation } from 'react-i18next';
import { ScrollRegion } from '../../ui/charts';
import type { PublishedTotal, Release } from './useStatistics';
import { useStatisticsWords } from './useStatisticsWords';
import './figures.css';

/** A total of the figures shown: its ± bound, and the hidden cells it leaves out. */
function TotalFigure({ total, threshold }: { total: PublishedTotal; threshold: number }) {
  const { t } = useTranslation('statistics');
  const words = useStatisticsWords();
  return (
    <>
      {total.cellsShown === 0 ? '—' : words.number(total.value)}
      {total.cellsShown > 0 && (
        <span className="figure-bound">{words.bound(total.errorBound95)}</span>
      )}
      {total.cellsSuppressed > 0 && (
        <span className="figure-note">
          {total.cellsShown === 0
            ? t('total.allHidden', { count: total.cellsSuppressed, threshold })
            : t('total.withoutHidden', { count: total.cellsSuppressed, threshold })}
        </span>
      )}
    </>
  );
}

/**
 * A release's figures as published: one row per value (one-dimensional
 * tables) or rows × columns (two dimensions), hidden figures as "<k", and
 * totals of the figures shown with the hidden cells they leave out. The one
 * table of a release's figures, wherever they are shown (statistics, the
 * observatory, a campaign's justification).
 */
export function ReleaseTable({
  release,
  titleShown = true,
}: {
  release: Release;
  /** false where a heading just above already names the release: the caption keeps it for screen readers. */
  titleShown?: boolean;
}) {
  const { t } = useTranslation('statistics');
  const words = useStatisticsWords();
  const { figures, parameters, table } = release;
  const k = parameters.threshold;
  const name = t('release.caption', {
    table: words.table(table.id),
    period: words.period(release.period),
    unit: t(`unit.${table.source}`),
  });
  const caption = (
    <caption>
      <span className={titleShown ? undefined : 'visually-hidden'}>{name}</span>
      <span className="caption-note">
        {t('release.cellBound', { bound: words.number(figures.cellErrorBound95), threshold: k })}
      </span>
    </caption>
  );
  const cell = (key: string[]) =>
    figures.cells.find((c) => c.key.length === key.length && c.key.every((v, i) => v === key[i]));
  const [rowDim, colDim] = table.dimensions;
  if (!rowDim) return null;

  if (!colDim) {
    return (
      <ScrollRegion label={name}>
        <table className="table table--figures">
          {caption}
          <thead>
            <tr>
              <th scope="col">{words.dimension(rowDim.id)}</th>
              <th scope="col" className="numeric">
                {t('figure.value')}
              </th>
              <th scope="col" className="numeric">
                {t('figure.bound')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rowDim.values.map((value) => {
              const c = cell([value]);
              return (
                <tr key={value}>
                  <th scope="row">{words.value(rowDim.id, value)}</th>
                  <td className="numeric">{c ? words.figure(c.value, k) : '—'}</td>
                  <td className="numeric">
                    {c && c.value !== null ? words.bound(figures.cellErrorBound95) : '—'}
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('total.shown')}</th>
              <td className="numeric" colSpan={2}>
                <TotalFigure total={figures.totals.grand} threshold={k} />
              </td>
            </tr>
          </tfoot>
        </table>
      </ScrollRegion>
    );
  }

  const totalsOf = (dimension: string) =>
    figures.totals.byDimension.find((d) => d.dimension === dimension)?.totals ?? [];
  const rowTotals = totalsOf(rowDim.id);
  const colTotals = totalsOf(colDim.id);
  return (
    <ScrollRegion label={name}>
      <table className="table table--figures table--grid">
        {caption}
        <thead>
          <tr>
            <td className="table__corner">
              <span className="visually-hidden">
                {t('release.corner', {
                  rows: words.dimension(rowDim.id),
                  columns: words.dimension(colDim.id),
                })}
              </span>
              <span aria-hidden="true">
                {words.dimension(rowDim.id)} \ {words.dimension(colDim.id)}
              </span>
            </td>
            {colDim.values.map((value) => (
              <th scope="col" key={value} className="numeric">
                {words.value(colDim.id, value)}
              </th>
            ))}
            <th scope="col" className="numeric">
              {t('total.shown')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rowDim.values.map((row) => {
            const total = rowTotals.find((r) => r.value === row)?.total;
            return (
              <tr key={row}>
                <th scope="row">{words.value(rowDim.id, row)}</th>
                {colDim.values.map((col) => {
                  const c = cell([row, col]);
                  return (
                    <td key={col} className="numeric">
                      {c ? words.figure(c.value, k) : '—'}
                    </td>
                  );
                })}
                <td className="numeric total">
                  {total && <TotalFigure total={total} threshold={k} />}
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('total.shown')}</th>
            {colDim.values.map((col) => {
              const total = colTotals.find((c) => c.value === col)?.total;
              return (
                <td key={col} className="numeric total">
                  {total && <TotalFigure total={total} threshold={k} />}
                </td>
              );
            })}
            <td className="numeric total">
              <TotalFigure total={figures.totals.grand} threshold={k} />
            </td>
          </tr>
        </tfoot>
      </table>
    </ScrollRegion>
  );
}
