import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button } from '../../../ui/Button';
import { LoadMore } from '../../../ui/LoadMore';
import { Loading } from '../../../ui/Loading';
import { PageHeader } from '../../../ui/PageHeader';
import { ProblemMessage } from '../../../ui/ProblemMessage';
import { Select } from '../../../ui/Select';
import { TextField } from '../../../ui/TextField';
import { useVocabulary } from '../../../vocab/useVocabulary';
import { useAllInstitutions } from '../institutions/useInstitutionAdmin';
import { ActiveBadge } from '../StatusBadge';
import { ROLES } from './user-form';
import { useUserList } from './useUsers';
import { ALL, useSearchFilters } from '../../../ui/useSearchFilters';
import '../admin.css';

/**
 * Accounts by email, paged by cursor, filtered by institution, role and
 * status, and found by part of their email. The filters in the address are
 * codes and ids only; the search term stays in this screen's state.
 */
export function UsersPage() {
  const { t } = useTranslation('admin');
  const { label, options } = useVocabulary();
  const institutions = useAllInstitutions();
  const { search, setFilter } = useSearchFilters();
  const role = ROLES.find((r) => r === search.get('role'));
  const institutionId = search.get('institution') ?? undefined;
  const status = search.get('status');
  const active = status === 'active' ? true : status === 'disabled' ? false : undefined;
  const [typed, setTyped] = useState('');
  const [term, setTerm] = useState<string>();
  const list = useUserList({ role, institutionId, active }, term);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PageHeader
        title={t('users.title')}
        actions={
          <Link className="button button--primary" to="/admin/users/new">
            {t('users.create.open')}
          </Link>
        }
      />
      <div className="filters" role="search" aria-label={t('users.filters')}>
        <Select
          label={t('users.fields.institution')}
          options={[
            { id: ALL, label: t('users.allInstitutions') },
            ...(institutions.data ?? []).map((i) => ({ id: i.id, label: i.name })),
          ]}
          value={institutionId ?? ALL}
          onChange={(value) => setFilter('institution', value)}
        />
        <Select
          label={t('users.fields.role')}
          options={[{ id: ALL, label: t('users.allRoles') }, ...options('role', ROLES)]}
          value={role ?? ALL}
          onChange={(value) => setFilter('role', value)}
        />
        <Select
          label={t('common.status')}
          options={[
            { id: ALL, label: t('common.allStatuses') },
            { id: 'active', label: t('status.user.active') },
            { id: 'disabled', label: t('status.user.disabled') },
          ]}
          value={active === undefined ? ALL : active ? 'active' : 'disabled'}
          onChange={(value) => setFilter('status', value)}
        />
      </div>
      <form
        className="search-form"
        role="search"
        aria-label={t('users.search.label')}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setTerm(typed.trim() || undefined);
        }}
      >
        <TextField
          label={t('users.search.field')}
          description={t('users.search.help')}
          value={typed}
          onChange={setTyped}
          type="search"
        />
        <div className="actions">
          <Button type="submit">{t('users.search.submit')}</Button>
          {term && (
            <Button
              variant="quiet"
              onPress={() => {
                setTyped('');
                setTerm(undefined);
              }}
            >
              {t('users.search.clear')}
            </Button>
          )}
        </div>
      </form>
      {list.isError && <ProblemMessage error={list.error} />}
      {list.isPending && <Loading />}
      {list.isSuccess && items.length === 0 && (
        <p role="status">{term ? t('users.search.none') : t('users.none')}</p>
      )}
      {items.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <caption>{t('users.caption', { count: items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('users.fields.email')}</th>
                <th scope="col">{t('users.fields.displayName')}</th>
                <th scope="col">{t('users.fields.role')}</th>
                <th scope="col">{t('users.fields.institution')}</th>
                <th scope="col">{t('common.status')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((user) => (
                <tr key={user.id}>
                  <th scope="row">
                    <Link to={`/admin/users/${user.id}`}>{user.email}</Link>
                  </th>
                  <td>{user.displayName}</td>
                  <td>{label('role', user.role)}</td>
                  <td>{institutions.institution(user.institutionId)?.name ?? '—'}</td>
                  <td>
                    <span className="badges">
                      <ActiveBadge active={user.active} account />
                      {user.secondFactorLockedAt && (
                        <span className="badge badge--warning">{t('users.locked')}</span>
                      )}
                    </span>
                  </td>
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
