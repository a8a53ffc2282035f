import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ChartPair, TrendChart } from '../../ui/charts';
import { Select } from '../../ui/Select';
import { breakdownId, breakdownsOf, trendPoints, type Breakdown, type Trend } from './trends';
import { useStatisticsWords } from './useStatisticsWords';
import './figures.css';

/**
 * One table's published figures across periods: a chart with 95 % error
 * bars and, beside it, the same figures as a table (the accessible
 * equivalent), with the plain warning that a change within the margins is
 * not a change. The reader picks what to follow: the total or one group.
 */
export function TrendSection({
  trend,
  releaseHref,
}: {
  trend: Trend;
  releaseHref: (id: string) => string;
}) {
  const { t } = useTranslation('statistics');
  const words = useStatisticsWords();
  const options = breakdownsOf(trend.table);
  const [selected, setSelected] = useState('total');
  const breakdown: Breakdown = options.find((o) => breakdownId(o) === selected) ?? {
    kind: 'total',
  };
  const points = trendPoints(trend, breakdown);
  const nameOf = (b: Breakdown) =>
    b.kind === 'total'
      ? t('trend.total')
      : `${words.dimension(b.dimension)}: ${words.value(b.dimension, b.value)}`;
  const periodOf = (p: { year: number; quarter: number | null }) =>
    words.period({ year: p.year, quarter: p.quarter });
  const tableName = words.table(trend.table.id);
  const byQuarter =
    trend.granularity === 'quarter' && !trend.table.dimensions.some((d) => d.id === 'quarter');
  const heading = byQuarter ? t('trend.byQuarter', { table: tableName }) : tableName;
  const headingId = `trend-${trend.key.replace(/[^a-z0-9]+/gi, '-')}`;
  const unit = t(`unit.${trend.table.source}`);
  const threshold = Math.max(...points.map((p) => p.threshold));
  const series = nameOf(breakdown);
  const first = points[0];
  const last = points[points.length - 1];

  return (
    <section className="panel trend" aria-labelledby={headingId}>
      <h3 id={headingId}>{heading}</h3>
      <p className="trend__description">{words.tableDescription(trend.table.id)}</p>
      {options.length > 1 && (
        <div className="trend__breakdown">
          <Select
            label={t('trend.breakdown')}
            options={options.map((o) => ({ id: breakdownId(o), label: nameOf(o) }))}
            value={selected}
            onChange={(value) => setSelected(value ?? 'total')}
          />
        </div>
      )}
      <ChartPair
        tableLabel={t('trend.tableCaption', { series, unit })}
        chart={
          <TrendChart
            title={`${heading} · ${series}`}
            description={
              first && last
                ? t('trend.chartDescription', {
                    count: points.length,
                    first: periodOf(first),
                    last: periodOf(last),
                  })
                : ''
            }
            xLabel={t(trend.granularity === 'quarter' ? 'trend.axisQuarter' : 'trend.axisYear')}
            yLabel={unit}
            threshold={Number.isFinite(threshold) ? threshold : 11}
            series={[
              {
                id: 'series',
                label: series,
                points: points.map((p) => ({
                  x: periodOf(p),
                  value: p.value,
                  belowThreshold: p.belowThreshold,
                  errorBound: p.errorBound,
                })),
              },
            ]}
          />
        }
        table={
          <table className="table table--figures">
            <caption>{t('trend.tableCaption', { series, unit })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('trend.period')}</th>
                <th scope="col" className="numeric">
                  {t('figure.value')}
                </th>
                <th scope="col" className="numeric">
                  {t('figure.bound')}
                </th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={`${p.year}-${p.quarter ?? 0}`}>
                  <th scope="row">
                    <Link to={releaseHref(p.releaseId)}>{periodOf(p)}</Link>
                  </th>
                  <td className="numeric">
                    {p.value === null && !p.belowThreshold
                      ? '—'
                      : words.figure(p.value, p.threshold)}
                    {p.hiddenCells > 0 && (
                      <span className="figure-note">
                        {p.value === null
                          ? t('total.allHidden', { count: p.hiddenCells, threshold: p.threshold })
                          : t('total.withoutHidden', {
                              count: p.hiddenCells,
                              threshold: p.threshold,
                            })}
                      </span>
                    )}
                  </td>
                  <td className="numeric">{p.value === null ? '—' : words.bound(p.errorBound)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <p className="noise-warning">{t('noiseWarning')}</p>
    </section>
  );
}
