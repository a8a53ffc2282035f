import { useTranslation } from 'react-i18next';
import { ScrollRegion } from '../../ui/charts';
import { Loading } from '../../ui/Loading';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { useVocabulary } from '../../vocab/useVocabulary';
import { TrendView } from './TrendView';
import { useCampaignFormat } from './useCampaignText';
import {
  useCampaignResults,
  useReleaseThresholds,
  type CampaignDetail,
  type CampaignResults,
} from './useCampaigns';

type Progress = CampaignResults['reach']['total'];

/**
 * Planned, reached (in the planned cells when the row has a plan), reached
 * outside the plan, and the share of the plan reached, as table cells.
 */
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
        {progress.reachedOutsidePlan === null ? '—' : format.count(progress.reachedOutsidePlan)}
      </td>
      <td className="campaign-num">
        {progress.percentOfPlan === null ? '—' : format.percent(progress.percentOfPlan)}
      </td>
    </>
  );
}

function ProgressTable({
  caption,
  heading,
  rows,
}: {
  caption: string;
  heading: string;
  rows: { key: string; label: string; progress: Progress }[];
}) {
  const { t } = useTranslation('campaigns');
  return (
    <ScrollRegion label={caption}>
      <table className="table">
        <caption>{caption}</caption>
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
              {t('results.outsidePlan')}
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
    </ScrollRegion>
  );
}

/**
 * Results: reach against the plan (in all, by territory, by group and by
 * both; a row with a plan counts the reach in its planned cells, the rest
 * beside it as "outside the plan") and, once the campaign has ended, the
 * trend of each linked table before and after it (TrendView).
 */
export function ResultsSection({ campaign }: { campaign: CampaignDetail }) {
  const { t } = useTranslation('campaigns');
  const { label } = useVocabulary();
  const format = useCampaignFormat();
  const results = useCampaignResults(campaign.id);
  const trends = results.data?.trends ?? null;
  const thresholds = useReleaseThresholds(trends !== null && trends.length > 0);

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
          <div className="results-notes">
            <p className="field__description">{t('results.notPlannedExplain')}</p>
            <p className="field__description">{t('results.outsidePlanExplain')}</p>
          </div>
          <ProgressTable
            caption={t('results.byTerritory')}
            heading={t('fields.territory')}
            rows={results.data.reach.byTerritory.map((row) => ({
              key: row.territory,
              label: label('province', row.territory),
              progress: row,
            }))}
          />
          <ProgressTable
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
          {trends === null ? (
            <p>{t('trend.afterEnd', { date: format.date(campaign.endsOn) })}</p>
          ) : trends.length === 0 ? (
            <p>{t('trend.noReleases')}</p>
          ) : !thresholds.settled ? (
            <Loading />
          ) : (
            trends.map((trend) => (
              <TrendView
                key={`${trend.tableId}-${trend.granularity}`}
                trend={trend}
                thresholdOf={thresholds.thresholdOf}
              />
            ))
          )}
        </div>
      )}
    </section>
  );
}
