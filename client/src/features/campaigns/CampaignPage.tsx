import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useSignedInUser } from '../../app/session/useMe';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { useVocabulary } from '../../vocab/useVocabulary';
import { ActivitiesSection } from './ActivitiesSection';
import { CampaignStatusBadge } from './CampaignStatusBadge';
import { LinkedReleases } from './LinkedReleases';
import { ResultsSection } from './ResultsSection';
import { canEditCampaigns, useCampaignFormat } from './useCampaignText';
import { useCampaign, type CampaignDetail } from './useCampaigns';
import './campaigns.css';

/**
 * A campaign: what it is, with the statistics that justify it beside it;
 * its activities; its results against the plan and, once ended, the trend
 * before and after it. Coordinators edit; every other staff role reads.
 */
export function CampaignPage() {
  const { t } = useTranslation('campaigns');
  const { id = '' } = useParams();
  const me = useSignedInUser();
  const campaign = useCampaign(id);
  const canEdit = canEditCampaigns(me.user.role);

  return (
    <>
      <p className="campaign-back">
        <Link to="/campaigns">{t('page.back')}</Link>
      </p>
      <PageHeader
        title={campaign.data?.name ?? t('page.title')}
        actions={
          canEdit &&
          campaign.data && (
            <Link className="button button--primary" to={`/campaigns/${id}/edit`}>
              {t('page.edit')}
            </Link>
          )
        }
      />
      {campaign.isPending && <Loading />}
      {campaign.isError && <ProblemMessage error={campaign.error} />}
      {campaign.data && (
        <>
          <div className="campaign-overview">
            <CampaignFacts campaign={campaign.data} />
            <LinkedReleases campaign={campaign.data} />
          </div>
          <ActivitiesSection campaign={campaign.data} canEdit={canEdit} />
          <ResultsSection campaign={campaign.data} />
        </>
      )}
    </>
  );
}

function CampaignFacts({ campaign }: { campaign: CampaignDetail }) {
  const { t } = useTranslation('campaigns');
  const { label } = useVocabulary();
  const format = useCampaignFormat();
  return (
    <section className="panel campaign-facts" aria-labelledby="campaign-facts-title">
      <h2 id="campaign-facts-title">{t('page.facts')}</h2>
      <dl className="facts">
        <dt>{t('fields.status')}</dt>
        <dd>
          <CampaignStatusBadge status={campaign.status} />
        </dd>
        <dt>{t('fields.objective')}</dt>
        <dd className="campaign-objective">{campaign.objective}</dd>
        <dt>{t('fields.period')}</dt>
        <dd>
          {t('fields.periodValue', {
            from: format.date(campaign.startsOn),
            to: format.date(campaign.endsOn),
          })}
        </dd>
        <dt>{t('fields.targetTerritories')}</dt>
        <dd>{campaign.targetTerritories.map((x) => label('province', x)).join(', ')}</dd>
        <dt>{t('fields.targetGroups')}</dt>
        <dd>{campaign.targetGroups.map((x) => label('vulnerabilityGroup', x)).join(', ')}</dd>
        <dt>{t('fields.channels')}</dt>
        <dd>{campaign.channels.map((x) => label('campaignChannel', x)).join(', ')}</dd>
        <dt>{t('fields.budgetUsd')}</dt>
        <dd>{format.money(campaign.budgetUsd)}</dd>
        <dt>{t('fields.plannedTotal')}</dt>
        <dd>{format.count(campaign.plannedReach.total)}</dd>
        <dt>{t('page.updated')}</dt>
        <dd>{format.dateTime(campaign.updatedAt)}</dd>
      </dl>
    </section>
  );
}
