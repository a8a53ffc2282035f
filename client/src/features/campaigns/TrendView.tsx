import { useTranslation } from 'react-i18next';
import { ScrollRegion } from '../../ui/charts';
import { Notice } from '../../ui/Notice';
import { useVocabulary } from '../../vocab/useVocabulary';
import { useCampaignFormat } from './useCampaignText';
import type { Trend } from './useCampaigns';
import {
  releasesHiding,
  sharedThreshold,
  verdictOf,
  type Comparison,
  type Verdict,
} from './trend-reading';
import '../statistics/figures.css';

/** A figure as the trend gives it: a cell (one territory or group) or the table's total. */
type Figure = Pick<
  NonNullable<Comparison['latestBefore']>,
  'value' | 'errorBound95' | 'cellsSuppressed'
>;

/**
 * Words for what a release hid: "<11" in a figure, "por debajo de 11" in a
 * sentence — or "below the threshold" when the releases' threshold is not
 * known (yet) or not one.
 */
function useHiddenWords(thresholds: readonly (number | undefined)[]) {
  const { t } = useTranslation('campaigns');
  const threshold = sharedThreshold(thresholds);
  return {
    short: threshold === undefined ? t('figure.belowThreshold') : `<${threshold}`,
    words:
      threshold === undefined ? t('figure.belowThreshold') : t('figure.belowValue', { threshold }),
  };
}

/**
 * One published figure with its 95 % bound, as published: a hidden cell as
 * "<k"; a total that leaves hidden cells out says how many ("N ± b (sin
 * contar M celdas <11)"); a total of hidden cells only has no figure. Never
 * a number derived from others.
 */
function FigureText({
  figure,
  isTotal,
  threshold,
}: {
  figure: Figure;
  isTotal: boolean;
  threshold: number | undefined;
}) {
  const { t } = useTranslation('campaigns');
  const format = useCampaignFormat();
  const hidden = useHiddenWords([threshold]);
  const count = figure.cellsSuppressed;
  if (figure.value === null) {
    return <>{isTotal ? t('figure.allHidden', { count, below: hidden.short }) : hidden.short}</>;
  }
  return (
    <>
      {figure.errorBound95 === null
        ? format.count(figure.value)
        : t('figure.withBound', {
            value: format.count(figure.value),
            bound: format.count(figure.errorBound95),
          })}
      {count > 0 && ' '}
      {count > 0 && (
        <span className="figure-note">
          {t('figure.withoutHidden', { count, below: hidden.short })}
        </span>
      )}
    </>
  );
}

/** One table's figures before and after the campaign, compared within their error bounds. */
export function TrendView({
  trend,
  thresholdOf,
}: {
  trend: Trend;
  thresholdOf: (releaseId: string) => number | undefined;
}) {
  const { t } = useTranslation('campaigns');
  const { label } = useVocabulary();
  const format = useCampaignFormat();
  const keyLabel = (key: string | null) =>
    key === null
      ? t('trend.grandTotal')
      : label(trend.dimension === 'province' ? 'province' : 'vulnerabilityGroup', key);
  const releases = [...trend.before, ...trend.after];
  const periodOf = (releaseId: string) => {
    const release = releases.find((r) => r.releaseId === releaseId);
    return release ? format.period(release.period) : '';
  };
  const verdicts = trend.comparisons.map(verdictOf);
  const hidden = useHiddenWords(releasesHiding(trend.comparisons).map(thresholdOf));
  const reading = (verdict: Verdict) =>
    verdict === 'hidden'
      ? t('trend.reading.hidden', { below: hidden.words })
      : t(`trend.reading.${verdict}`);
  const point = (key: string | null, p: Comparison['latestBefore']) =>
    p === null ? (
      t('trend.noRelease')
    ) : (
      <>
        <FigureText figure={p} isTotal={key === null} threshold={thresholdOf(p.releaseId)} />{' '}
        <span className="trend__period">{periodOf(p.releaseId)}</span>
      </>
    );
  const id = `trend-${trend.tableId}-${trend.granularity}`;
  const keys = trend.comparisons.map((c) => c.key);
  const comparisonCaption = t('trend.comparisonCaption');
  const seriesCaption = t('trend.seriesCaption');

  return (
    <article className="trend" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>
        {t('trend.tableTitle', {
          table: label('statisticsTable', trend.tableId),
          granularity: t(`trend.granularity.${trend.granularity}`),
        })}
      </h4>
      {verdicts.includes('within') && (
        <Notice tone="warning">
          <p>
            <strong>{t('trend.withinBoundsWarning')}</strong>
          </p>
          <p>{t('trend.withinBoundsExplain')}</p>
        </Notice>
      )}
      {verdicts.includes('beyond') && (
        <Notice>
          <p>
            <strong>{t('trend.beyondBoundsTitle')}</strong>
          </p>
          <p>{t('trend.beyondBoundsExplain')}</p>
        </Notice>
      )}
      {verdicts.includes('hidden') && (
        <Notice>
          <p>
            <strong>{t('trend.hiddenTitle', { below: hidden.words })}</strong>
          </p>
          <p>{t('trend.hiddenExplain')}</p>
        </Notice>
      )}
      <ScrollRegion label={comparisonCaption}>
        <table className="table trend-table">
          <caption>{comparisonCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('trend.figure')}</th>
              <th scope="col" className="campaign-num">
                {t('trend.before')}
              </th>
              <th scope="col" className="campaign-num">
                {t('trend.after')}
              </th>
              <th scope="col">{t('trend.readingTitle')}</th>
            </tr>
          </thead>
          <tbody>
            {trend.comparisons.map((c, i) => (
              <tr key={c.key ?? 'total'}>
                <th scope="row">{keyLabel(c.key)}</th>
                <td className="campaign-num">{point(c.key, c.latestBefore)}</td>
                <td className="campaign-num">{point(c.key, c.earliestAfter)}</td>
                <td className="trend__reading">{reading(verdicts[i] ?? 'missing')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {releases.length > 0 && (
        <ScrollRegion label={seriesCaption}>
          <table className="table trend-table">
            <caption>{seriesCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('trend.period')}</th>
                <th scope="col">{t('trend.when')}</th>
                {keys.map((key) => (
                  <th scope="col" key={key ?? 'total'} className="campaign-num">
                    {keyLabel(key)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(['before', 'after'] as const).flatMap((side) =>
                trend[side].map((release) => (
                  <tr key={release.releaseId}>
                    <th scope="row">{format.period(release.period)}</th>
                    <td>{t(`trend.${side}Short`)}</td>
                    {keys.map((key) => {
                      const f = release.figures.find((x) => x.key === key);
                      return (
                        <td key={key ?? 'total'} className="campaign-num">
                          {f ? (
                            <FigureText
                              figure={f}
                              isTotal={key === null}
                              threshold={thresholdOf(release.releaseId)}
                            />
                          ) : (
                            '—'
                          )}
                        </td>
                      );
                    })}
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </article>
  );
}
