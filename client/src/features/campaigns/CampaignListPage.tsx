import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSignedInUser } from '../../app/session/useMe';
import { LoadMore } from '../../ui/LoadMore';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { Select } from '../../ui/Select';
import { ALL, useSearchFilters } from '../../ui/useSearchFilters';
import { useVocabulary } from '../../vocab/useVocabulary';
import { CAMPAIGN_STATUSES, TARGET_GROUPS, TERRITORIES } from './campaign-vocabularies';
import { CampaignStatusBadge } from './CampaignStatusBadge';
import { canEditCampaigns, useCampaignFormat } from './useCampaignText';
import { useCampaignList, type Campaign } from './useCampaigns';
import './campaigns.css';

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | undefined =>
  list.find((item) => item === value);

/** A few names, then how many more: a campaign may target every province. */
function Listed({ labels }: { labels: string[] }) {
  const { t } = useTranslation('campaigns');
  if (labels.length <= 3) return <>{labels.join(', ')}</>;
  return (
    <>{t('list.andMore', { names: labels.slice(0, 3).join(', '), count: labels.length - 3 })}</>
  );
}

/**
 * Prevention campaigns, latest start first, filtered by status, territory
 * and group (codes in the address, so a filtered list survives a reload).
 * Every staff role reads them; coordinators create them.
 */
export function CampaignListPage() {
  const { t } = useTranslation('campaigns');
  const { label, options } = useVocabulary();
  const format = useCampaignFormat();
  const me = useSignedInUser();
  const { search, setFilter } = useSearchFilters();
  const status = oneOf(CAMPAIGN_STATUSES, search.get('status'));
  const territory = oneOf(TERRITORIES, search.get('territory'));
  const group = oneOf(TARGET_GROUPS, search.get('group'));
  const filtered = status !== undefined || territory !== undefined || group !== undefined;
  const list = useCampaignList({ status, territory, group });
  const items: Campaign[] = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PageHeader
        title={t('list.title')}
        actions={
          canEditCampaigns(me.user.role) && (
            <Link className="button button--primary" to="/campaigns/new">
              {t('list.create')}
            </Link>
          )
        }
      />
      <p className="campaign-lead">{t('list.intro')}</p>
      <div className="campaign-filters" role="search" aria-label={t('list.filters')}>
        <Select
          label={t('fields.status')}
          options={[
            { id: ALL, label: t('list.allStatuses') },
            ...options('campaignStatus', CAMPAIGN_STATUSES),
          ]}
          value={status ?? ALL}
          onChange={(value) => setFilter('status', value)}
        />
        <Select
          label={t('fields.territory')}
          options={[
            { id: ALL, label: t('list.allTerritories') },
            ...options('province', TERRITORIES),
          ]}
          value={territory ?? ALL}
          onChange={(value) => setFilter('territory', value)}
        />
        <Select
          label={t('fields.group')}
          options={[
            { id: ALL, label: t('list.allGroups') },
            ...options('vulnerabilityGroup', TARGET_GROUPS),
          ]}
          value={group ?? ALL}
          onChange={(value) => setFilter('group', value)}
        />
      </div>
      {list.isError && <ProblemMessage error={list.error} />}
      {list.isPending && <Loading />}
      {list.isSuccess && items.length === 0 && (
        <p role="status">{filtered ? t('list.noneFiltered') : t('list.none')}</p>
      )}
      {items.length > 0 && (
        <div className="campaign-table-scroll">
          <table className="table campaign-list-table">
            <caption>{t('list.caption', { count: items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fields.name')}</th>
                <th scope="col">{t('fields.status')}</th>
                <th scope="col">{t('fields.period')}</th>
                <th scope="col">{t('fields.targetTerritories')}</th>
                <th scope="col">{t('fields.targetGroups')}</th>
                <th scope="col" className="campaign-num">
                  {t('fields.budgetUsd')}
                </th>
                <th scope="col" className="campaign-num">
                  {t('fields.plannedTotal')}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((campaign) => (
                <tr key={campaign.id}>
                  <th scope="row">
                    <Link to={`/campaigns/${campaign.id}`}>{campaign.name}</Link>
                  </th>
                  <td>
                    <CampaignStatusBadge status={campaign.status} />
                  </td>
                  <td className="campaign-nowrap">
                    {t('fields.periodValue', {
                      from: format.date(campaign.startsOn),
                      to: format.date(campaign.endsOn),
                    })}
                  </td>
                  <td>
                    <Listed labels={campaign.targetTerritories.map((x) => label('province', x))} />
                  </td>
                  <td>
                    <Listed
                      labels={campaign.targetGroups.map((x) => label('vulnerabilityGroup', x))}
                    />
                  </td>
                  <td className="campaign-num campaign-nowrap">
                    {format.money(campaign.budgetUsd)}
                  </td>
                  <td className="campaign-num">{format.count(campaign.plannedReach.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore
        hasMore={list.hasNextPage}
        isLoading={list.isFetchingNextPage}
        onLoadMore={() => void list.fetchNextPage()}
      />
    </>
  );
}
