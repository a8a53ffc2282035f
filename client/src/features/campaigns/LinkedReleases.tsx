import { useTranslation } from 'react-i18next';
import { Loading } from '../../ui/Loading';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { ReleaseTable } from '../statistics/ReleaseTable';
import { useCampaignFormat } from './useCampaignText';
import { useLinkedReleases, type CampaignDetail } from './useCampaigns';

/**
 * The published statistics that justify the campaign, beside it: each
 * release's table with its figures and their 95 % error bounds, read from
 * the public observatory (the same figures anyone can read) and shown by the
 * same table as there.
 */
export function LinkedReleases({ campaign }: { campaign: CampaignDetail }) {
  const { t } = useTranslation('campaigns');
  const format = useCampaignFormat();
  const queries = useLinkedReleases(campaign.releases.map((r) => r.id));

  return (
    <section className="panel linked-releases" aria-labelledby="linked-releases-title">
      <h2 id="linked-releases-title">{t('release.linkedTitle')}</h2>
      {campaign.releases.length === 0 ? (
        <p>{t('release.noneLinked')}</p>
      ) : (
        <>
          <p className="field__description">{t('release.boundsExplain')}</p>
          {campaign.releases.map((linked, index) => {
            const query = queries[index];
            const headingId = `linked-release-${linked.id}`;
            return (
              <article key={linked.id} className="linked-release" aria-labelledby={headingId}>
                <h3 id={headingId}>
                  {format.releaseTitle({ tableId: linked.tableId, period: linked.period })}
                </h3>
                <p className="field__description">
                  {t('release.publishedOn', { date: format.date(linked.publishedAt) })}
                  {query?.data &&
                    ` · ${t('release.parameters', {
                      epsilon: query.data.parameters.epsilon,
                      threshold: query.data.parameters.threshold,
                    })}`}
                </p>
                {query?.isPending && <Loading />}
                {query?.isError && <ProblemMessage error={query.error} />}
                {query?.data && <ReleaseTable release={query.data} titleShown={false} />}
              </article>
            );
          })}
        </>
      )}
    </section>
  );
}
