import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session/useMe';
import { LoadMore } from '../../ui/LoadMore';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { Select } from '../../ui/Select';
import { useVocabulary } from '../../vocab/useVocabulary';
import { REFERRAL_STATUSES } from '../referrals/useReferrals';
import { InboxTable } from './InboxTable';
import { useInbox } from './useInbox';
import { ALL, useSearchFilters } from '../../ui/useSearchFilters';
import '../referrals/referrals.css';
import './partners.css';

/** The institution's inbox: referrals addressed to it, overdue first, filtered by status (in the address). */
export function InboxPage() {
  const { t } = useTranslation('partners');
  const { options } = useVocabulary();
  const me = useMe();
  const { search, setFilter } = useSearchFilters();
  const status = REFERRAL_STATUSES.find((s) => s === search.get('status'));
  const inbox = useInbox(status);

  return (
    <>
      <PageHeader title={t('inbox.title')} />
      {me.data && (
        <p className="inbox-intro">{t('inbox.intro', { institution: me.data.institution.name })}</p>
      )}
      <div className="filters" role="search" aria-label={t('inbox.filters')}>
        <Select
          label={t('inbox.status')}
          options={[
            { id: ALL, label: t('inbox.allStatuses') },
            ...options('referralStatus', REFERRAL_STATUSES),
          ]}
          value={status ?? ALL}
          onChange={(value) => setFilter('status', value)}
        />
      </div>
      {inbox.error && <ProblemMessage error={inbox.error} />}
      {inbox.isPending && <Loading />}
      {inbox.isSuccess && inbox.items.length === 0 && (
        <p role="status">{status ? t('inbox.noneFiltered') : t('inbox.none')}</p>
      )}
      {inbox.items.length > 0 && (
        <InboxTable
          caption={t('inbox.caption', { count: inbox.items.length })}
          referrals={inbox.items}
        />
      )}
      <LoadMore
        hasMore={inbox.hasMore && inbox.isSuccess}
        isLoading={inbox.isLoadingMore}
        onLoadMore={inbox.loadMore}
      />
    </>
  );
}
