import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ScrollRegion } from '../../ui/charts';
import { useFormat } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { buildTrends } from '../statistics/trends';
import { TrendSection } from '../statistics/TrendSection';
import { useStatisticsWords } from '../statistics/useStatisticsWords';
import { Downloads } from './Downloads';
import { usePublicReleases } from './usePublicStatistics';

/**
 * The observatory's front page: every table's trend from the published
 * releases (chart, table and margins), then every release with its
 * downloads. Published releases only: nothing else exists here.
 */
export function ObservatoryPage() {
  const { t } = useTranslation('observatory');
  const words = useStatisticsWords();
  const format = useFormat();
  const releases = usePublicReleases();
  const items = releases.data?.items ?? [];
  const trends = buildTrends(items);
  return (
    <>
      <PageHeader title={t('home.title')} />
      <p className="statistics-intro">{t('home.intro')}</p>
      <p className="statistics-intro">
        {t('home.methodLead')} <Link to="/observatorio/metodo">{t('nav.method')}</Link>.
      </p>
      {releases.isPending && <Loading />}
      {releases.error && <ProblemMessage error={releases.error} />}
      {releases.data && items.length === 0 && <p className="panel">{t('home.empty')}</p>}
      {trends.length > 0 && (
        <>
          <h2 className="section-title">{t('home.trendsTitle')}</h2>
          {trends.map((trend) => (
            <TrendSection
              key={trend.key}
              trend={trend}
              releaseHref={(id) => `/observatorio/${id}`}
            />
          ))}
        </>
      )}
      {items.length > 0 && (
        <section aria-labelledby="releases-title">
          <h2 id="releases-title" className="section-title">
            {t('home.releasesTitle')}
          </h2>
          <ScrollRegion label={t('home.releasesCaption')}>
            <table className="table">
              <caption className="visually-hidden">{t('home.releasesCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('home.table')}</th>
                  <th scope="col">{t('home.period')}</th>
                  <th scope="col">{t('home.publishedAt')}</th>
                  <th scope="col">{t('home.downloads')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((release) => {
                  const name = words.table(release.table.id);
                  const period = words.period(release.period);
                  return (
                    <tr key={release.id}>
                      <td>
                        <Link to={`/observatorio/${release.id}`}>{name}</Link>
                      </td>
                      <td>{period}</td>
                      <td>{release.publishedAt ? format.date(release.publishedAt) : ''}</td>
                      <td>
                        <Downloads
                          id={release.id}
                          tableId={release.table.id}
                          context={`${name}, ${period}`}
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollRegion>
        </section>
      )}
    </>
  );
}
