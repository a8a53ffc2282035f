import { useTranslation } from 'react-i18next';
import { CheckboxGroup } from '../../ui/CheckboxGroup';
import { LoadMore } from '../../ui/LoadMore';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { Select } from '../../ui/Select';
import { useVocabulary } from '../../vocab/useVocabulary';
import { ReferralTable } from './ReferralTable';
import { REFERRAL_STATUSES, useSentReferrals } from './useReferrals';
import { ALL, useSearchFilters } from '../../ui/useSearchFilters';
import '../consents/consents.css';
import './referrals.css';

/** The sent box: the team's referrals, newest first, filtered by status and overdue (filters in the address). */
export function SentReferralsPage() {
  const { t } = useTranslation('referrals');
  const { options } = useVocabulary();
  const { search, setFilter } = useSearchFilters();
  const status = REFERRAL_STATUSES.find((s) => s === search.get('status'));
  const overdue = search.get('overdue') === 'true';
  const referrals = useSentReferrals({ status, overdue });
  const items = referrals.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PageHeader title={t('sent.title')} />
      <div className="filters" role="search" aria-label={t('sent.filters')}>
        <Select
          label={t('sent.status')}
          options={[
            { id: ALL, label: t('sent.allStatuses') },
            ...options('referralStatus', REFERRAL_STATUSES),
          ]}
          value={status ?? ALL}
          onChange={(value) => setFilter('status', value)}
        />
        <CheckboxGroup
          label={t('sent.show')}
          options={[{ id: 'overdue', label: t('sent.onlyOverdue') }]}
          value={overdue ? ['overdue'] : []}
          onChange={(value) => setFilter('overdue', value.includes('overdue') ? 'true' : undefined)}
        />
      </div>
      {referrals.isError && <ProblemMessage error={referrals.error} />}
      {referrals.isPending && <Loading />}
      {referrals.isSuccess && items.length === 0 && (
        <p role="status">{status || overdue ? t('sent.noneFiltered') : t('sent.none')}</p>
      )}
      {items.length > 0 && (
        <ReferralTable caption={t('sent.caption', { count: items.length })} referrals={items} />
      )}
      <LoadMore
        hasMore={referrals.hasNextPage}
        isLoading={referrals.isFetchingNextPage}
        onLoadMore={() => void referrals.fetchNextPage()}
      />
    </>
  );
}
