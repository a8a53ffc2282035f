import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isProblem } from '../../api/problem';
import { useFormat } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { ReleaseParameters } from '../statistics/ReleaseParameters';
import { ReleaseTable } from '../statistics/ReleaseTable';
import { buildTrends } from '../statistics/trends';
import { TrendSection } from '../statistics/TrendSection';
import type { Release } from '../statistics/useStatistics';
import { useStatisticsWords } from '../statistics/useStatisticsWords';
import { Downloads } from './Downloads';
import { usePublicRelease, usePublicReleases } from './usePublicStatistics';

/** The trend of the release's table, from every published release of it. */
function TableTrend({ release }: { release: Release }) {
  const { t } = useTranslation('observatory');
  const list = usePublicReleases(release.table.id);
  const trends = buildTrends(list.data?.items ?? []);
  if (trends.length === 0) return null;
  return (
    <section aria-labelledby="trend-title">
      <h2 id="trend-title" className="section-title">
        {t('release.trendTitle')}
      </h2>
      {trends.map((trend) => (
        <TrendSection key={trend.key} trend={trend} releaseHref={(id) => `/observatorio/${id}`} />
      ))}
    </section>
  );
}

/** One published release: its table, margins, downloads and how it was made. */
export function ObservatoryReleasePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('observatory');
  const { t: ts } = useTranslation('statistics');
  const words = useStatisticsWords();
  const format = useFormat();
  const release = usePublicRelease(id);

  if (release.isPending) return <Loading />;
  if (release.error) {
    // A draft, a discarded release, no such release, or not even an id: all "not found".
    const notFound =
      isProblem(release.error) && (release.error.status === 404 || release.error.status === 400);
    return (
      <>
        <PageHeader title={t('release.notFoundTitle')} />
        {notFound ? (
          <p role="status">{t('release.notFound')}</p>
        ) : (
          <ProblemMessage error={release.error} />
        )}
        <p>
          <Link to="/observatorio">{t('release.back')}</Link>
        </p>
      </>
    );
  }
  const r = release.data;
  const name = words.table(r.table.id);
  return (
    <>
      <PageHeader title={name} />
      <p className="statistics-intro">{words.tableDescription(r.table.id)}</p>
      <p className="release-heading">
        {t('release.line', {
          period: words.period(r.period),
          date: r.publishedAt ? format.date(r.publishedAt) : '',
        })}
      </p>
      <section className="panel" aria-labelledby="figures-title">
        <h2 id="figures-title">{ts('release.figuresTitle')}</h2>
        <ReleaseTable release={r} />
        <p className="noise-warning">{ts('noiseWarningTable')}</p>
        <h3 className="downloads__title">{t('downloads.title')}</h3>
        <Downloads id={r.id} tableId={r.table.id} />
        <p className="field__description">{t('downloads.explain')}</p>
      </section>
      <TableTrend release={r} />
      <section className="panel" aria-labelledby="parameters-title">
        <h2 id="parameters-title">{ts('release.parametersTitle')}</h2>
        <ReleaseParameters release={r} />
        <p>
          <Link to="/observatorio/metodo">{t('release.methodLink')}</Link>
        </p>
      </section>
      <p>
        <Link to="/observatorio">{t('release.back')}</Link>
      </p>
    </>
  );
}
