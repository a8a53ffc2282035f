import { useTranslation } from 'react-i18next';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { useVocabulary } from '../../vocab/useVocabulary';
import { useCampaignFormat } from './useCampaignText';
import {
  useCampaignResults,
  type CampaignDetail,
  type CampaignResults,
  type Trend,
} from './useCampaigns';

type Progress = CampaignResults['reach']['total'];

/** Planned, reached and the share of the plan reached, as table cells. */
function ProgressCells({ progress }: { progress: Progress }) {
  const { t } = useTranslation('campaigns');
  const format = useCampaignFormat();
  return (
    <>
      <td className="campaign-num">
        {progress.planned === null ? t('results.notPlanned') : format.count(progress.planned)}
      </td>
      <td className="campaign-num">{format.count(progress.reached)}</td>
      <td className="campaign-num">
        {progress.percentOfPlan === null ? '—' : format.percent(progress.percentOfPlan)}
      </td>
    </>
  );
}

function ProgressTable({
  id,
  caption,
  heading,
  rows,
}: {
  id: string;
  caption: string;
  heading: string;
  rows: { key: string; label: string; progress: Progress }[];
}) {
  const { t } = useTranslation('campaigns');
  return (
    <div className="campaign-table-scroll" role="region" tabIndex={0} aria-labelledby={id}>
      <table className="table">
        <caption id={id}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{heading}</th>
            <th scope="col" className="campaign-num">
              {t('results.planned')}
            </th>
            <th scope="col" className="campaign-num">
              {t('results.reached')}
            </th>
            <th scope="col" className="campaign-num">
              {t('results.percentOfPlan')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <ProgressCells progress={row.progress} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Results: reach against the plan (in all, by territory, by group and by
 * both) and, once the campaign has ended, the trend of each linked table
 * before and after it — with the error bounds and the plain warning that a
 * change within them is not a change.
 */
export function ResultsSection({ campaign }: { campaign: CampaignDetail }) {
  const { t } = useTranslation('campaigns');
  const { label } = useVocabulary();
  const format = useCampaignFormat();
  const results = useCampaignResults(campaign.id);

  return (
    <section className="panel" aria-labelledby="results-title">
      <h2 id="results-title">{t('results.title')}</h2>
      {results.isPending && <Loading />}
      {results.isError && <ProblemMessage error={results.error} />}
      {results.data && (
        <div className="stack">
          <p className="field__description">
            {t('results.asOf', { date: format.date(results.data.asOf) })}
          </p>
          <dl className="facts">
            <dt>{t('results.totalPlanned')}</dt>
            <dd>{format.count(results.data.reach.total.planned ?? 0)}</dd>
            <dt>{t('results.totalReached')}</dt>
            <dd>{format.count(results.data.reach.total.reached)}</dd>
            <dt>{t('results.percentOfPlan')}</dt>
            <dd>
              {results.data.reach.total.percentOfPlan === null
                ? '—'
                : format.percent(results.data.reach.total.percentOfPlan)}
            </dd>
          </dl>
          <p className="field__description">{t('results.notPlannedExplain')}</p>
          <ProgressTable
            id="results-by-territory"
            caption={t('results.byTerritory')}
            heading={t('fields.territory')}
            rows={results.data.reach.byTerritory.map((row) => ({
              key: row.territory,
              label: label('province', row.territory),
              progress: row,
            }))}
          />
          <ProgressTable
            id="results-by-group"
            caption={t('results.byGroup')}
            heading={t('fields.group')}
            rows={results.data.reach.byGroup.map((row) => ({
              key: row.group,
              label: label('vulnerabilityGroup', row.group),
              progress: row,
            }))}
          />
          {results.data.reach.byTerritoryGroup.length > 0 && (
            <ProgressTable
              id="results-by-territory-group"
              caption={t('results.byTerritoryGroup')}
              heading={t('results.territoryAndGroup')}
              rows={results.data.reach.byTerritoryGroup.map((row) => ({
                key: `${row.territory}\u001f${row.group}`,
                label: t('results.cell', {
                  territory: label('province', row.territory),
                  group: label('vulnerabilityGroup', row.group),
                }),
                progress: row,
              }))}
            />
          )}
          <h3>{t('trend.title')}</h3>
          {results.data.trends === null ? (
            <p>{t('trend.afterEnd', { date: format.date(campaign.endsOn) })}</p>
          ) : results.data.trends.length === 0 ? (
            <p>{t('trend.noReleases')}</p>
          ) : (
            results.data.trends.map((trend) => (
              <TrendView key={`${trend.tableId}-${trend.granularity}`} trend={trend} />
            ))
          )}
        </div>
      )}
    </section>
  );
}

/** One table's figures before and after the campaign, compared within their error bounds. */
function TrendView({ trend }: { trend: Trend }) {
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
  const point = (p: Trend['comparisons'][number]['latestBefore']) =>
    p === null
      ? t('trend.noRelease')
      : t('trend.point', {
          figure: format.figure(p.value, p.errorBound95),
          period: periodOf(p.releaseId),
        });
  const within = trend.comparisons.some((c) => c.changeWithinBounds === true);
  const id = `trend-${trend.tableId}-${trend.granularity}`;
  const keys = trend.comparisons.map((c) => c.key);

  return (
    <article className="trend" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>
        {t('trend.tableTitle', {
          table: label('statisticsTable', trend.tableId),
          granularity: t(`trend.granularity.${trend.granularity}`),
        })}
      </h4>
      {within && (
        <Notice tone="warning">
          <p>
            <strong>{t('trend.withinBoundsWarning')}</strong>
          </p>
          <p>{t('trend.withinBoundsExplain')}</p>
        </Notice>
      )}
      <div
        className="campaign-table-scroll"
        role="region"
        tabIndex={0}
        aria-labelledby={`${id}-comparison`}
      >
        <table className="table">
          <caption id={`${id}-comparison`}>{t('trend.comparisonCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('trend.figure')}</th>
              <th scope="col">{t('trend.before')}</th>
              <th scope="col">{t('trend.after')}</th>
              <th scope="col">{t('trend.reading')}</th>
            </tr>
          </thead>
          <tbody>
            {trend.comparisons.map((c) => (
              <tr key={c.key ?? 'total'}>
                <th scope="row">{keyLabel(c.key)}</th>
                <td>{point(c.latestBefore)}</td>
                <td>{point(c.earliestAfter)}</td>
                <td>
                  {c.changeWithinBounds === null
                    ? t('trend.cannotCompare')
                    : c.changeWithinBounds
                      ? t('trend.withinBounds')
                      : t('trend.beyondBounds')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {releases.length > 0 && (
        <div
          className="campaign-table-scroll"
          role="region"
          tabIndex={0}
          aria-labelledby={`${id}-series`}
        >
          <table className="table">
            <caption id={`${id}-series`}>{t('trend.seriesCaption')}</caption>
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
                        <td key={key ?? 'total'} className="campaign-num campaign-nowrap">
                          {f ? format.figure(f.value, f.errorBound95) : '—'}
                        </td>
                      );
                    })}
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}
