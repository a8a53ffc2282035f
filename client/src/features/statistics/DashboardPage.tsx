import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { buildTrends } from './trends';
import { TrendSection } from './TrendSection';
import { useDrafts, usePublishedReleases } from './useStatistics';
import { useStatisticsWords } from './useStatisticsWords';
import './statistics.css';

/**
 * The coordinator's home: drafts waiting for a decision, then the trends of
 * every table from published releases only (what anyone can also read in
 * the observatory), each chart with its table and its margins.
 */
export function DashboardPage() {
  const { t } = useTranslation('statistics');
  const words = useStatisticsWords();
  const format = useFormat();
  const drafts = useDrafts();
  const published = usePublishedReleases();
  const trends = buildTrends(published.data?.items ?? []);

  return (
    <>
      <PageHeader
        title={t('dashboard.title')}
        actions={
          <>
            <Link className="button button--primary" to="/statistics/new">
              {t('dashboard.new')}
            </Link>
            <Link className="button button--secondary" to="/observatorio">
              {t('dashboard.observatory')}
            </Link>
          </>
        }
      />
      <p className="statistics-intro">{t('dashboard.intro')}</p>

      <section className="panel" aria-labelledby="drafts-title">
        <h2 id="drafts-title">{t('dashboard.draftsTitle')}</h2>
        {drafts.isPending && <Loading />}
        {drafts.error && <ProblemMessage error={drafts.error} />}
        {drafts.data && drafts.data.items.length === 0 && <p>{t('dashboard.noDrafts')}</p>}
        {drafts.data && drafts.data.items.length > 0 && (
          <>
            <p>{t('dashboard.draftsIntro')}</p>
            <ul className="release-list">
              {drafts.data.items.map((draft) => (
                <li key={draft.id}>
                  <Link to={`/statistics/releases/${draft.id}`}>
                    {t('dashboard.draftLink', {
                      table: words.table(draft.table.id),
                      period: words.period(draft.period),
                    })}
                  </Link>
                  <span className="release-list__meta">
                    {t('dashboard.draftMeta', {
                      epsilon: words.epsilon(draft.parameters.epsilon),
                      date: format.dateTime(draft.computedAt),
                    })}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <h2 className="section-title">{t('dashboard.trendsTitle')}</h2>
      {published.isPending && <Loading />}
      {published.error && <ProblemMessage error={published.error} />}
      {published.data && trends.length === 0 && (
        <p className="panel">{t('dashboard.noPublished')}</p>
      )}
      {trends.map((trend) => (
        <TrendSection
          key={trend.key}
          trend={trend}
          releaseHref={(id) => `/statistics/releases/${id}`}
        />
      ))}
    </>
  );
}
