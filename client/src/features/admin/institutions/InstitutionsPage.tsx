import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Button } from '../../../ui/Button';
import { LoadMore } from '../../../ui/LoadMore';
import { Loading } from '../../../ui/Loading';
import { PageHeader } from '../../../ui/PageHeader';
import { ProblemMessage } from '../../../ui/ProblemMessage';
import { Select } from '../../../ui/Select';
import { useVocabulary } from '../../../vocab/useVocabulary';
import { ActiveBadge } from '../StatusBadge';
import { CreateInstitutionDialog } from './CreateInstitutionDialog';
import { SECTORS } from './institution-form';
import { useInstitutionList } from './useInstitutionAdmin';
import { ALL, useSearchFilters } from '../../../ui/useSearchFilters';
import '../admin.css';

/** Institutions by name, filtered by sector and status (filters in the address: codes only). */
export function InstitutionsPage() {
  const { t } = useTranslation('admin');
  const { label, options } = useVocabulary();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const { search, setFilter } = useSearchFilters();
  const sector = SECTORS.find((s) => s === search.get('sector'));
  const status = search.get('status');
  const active = status === 'active' ? true : status === 'disabled' ? false : undefined;
  const list = useInstitutionList({ sector, active });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PageHeader
        title={t('institutions.title')}
        actions={
          <Button variant="primary" onPress={() => setCreating(true)}>
            {t('institutions.create.open')}
          </Button>
        }
      />
      <div className="filters" role="search" aria-label={t('institutions.filters')}>
        <Select
          label={t('institutions.fields.sector')}
          options={[
            { id: ALL, label: t('institutions.allSectors') },
            ...options('sector', SECTORS),
          ]}
          value={sector ?? ALL}
          onChange={(value) => setFilter('sector', value)}
        />
        <Select
          label={t('common.status')}
          options={[
            { id: ALL, label: t('common.allStatuses') },
            { id: 'active', label: t('status.active') },
            { id: 'disabled', label: t('status.disabled') },
          ]}
          value={active === undefined ? ALL : active ? 'active' : 'disabled'}
          onChange={(value) => setFilter('status', value)}
        />
      </div>
      {list.isError && <ProblemMessage error={list.error} />}
      {list.isPending && <Loading />}
      {list.isSuccess && items.length === 0 && <p role="status">{t('institutions.none')}</p>}
      {items.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <caption>{t('institutions.caption', { count: items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('institutions.fields.name')}</th>
                <th scope="col">{t('institutions.fields.sector')}</th>
                <th scope="col">{t('common.status')}</th>
                <th scope="col">{t('institutions.fields.contactEmail')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((institution) => (
                <tr key={institution.id}>
                  <th scope="row">
                    <Link to={`/admin/institutions/${institution.id}`}>{institution.name}</Link>
                    {institution.isLeadAgency && (
                      <div className="muted">{t('institutions.leadAgency')}</div>
                    )}
                  </th>
                  <td>{label('sector', institution.sector)}</td>
                  <td>
                    <ActiveBadge active={institution.disabledAt === null} />
                  </td>
                  <td>{institution.contact.email ?? '—'}</td>
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
      {creating && (
        <CreateInstitutionDialog
          onClose={() => setCreating(false)}
          onCreated={(institution) => {
            setCreating(false);
            void navigate(`/admin/institutions/${institution.id}`, {
              state: { notice: 'created' },
            });
          }}
        />
      )}
    </>
  );
}
