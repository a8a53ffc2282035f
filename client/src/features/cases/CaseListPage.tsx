import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadMore } from '../../ui/LoadMore';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { CaseFiltersForm } from './list/CaseFiltersForm';
import { CaseTable } from './list/CaseTable';
import { useCases, type CaseFilters } from './useCases';
import './cases.css';

/** The cases the person may see, filtered, newest first; nothing identifying is shown. */
export function CaseListPage() {
  const { t } = useTranslation('cases');
  const [filters, setFilters] = useState<CaseFilters>({});
  const cases = useCases(filters);
  const rows = cases.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <PageHeader
        title={t('list.title')}
        actions={
          <Link className="button button--primary" to="/cases/new">
            {t('list.new')}
          </Link>
        }
      />
      <CaseFiltersForm value={filters} onChange={setFilters} />
      {cases.isPending && <Loading />}
      {cases.error && <ProblemMessage error={cases.error} />}
      {cases.isSuccess && rows.length === 0 && <p role="status">{t('list.empty')}</p>}
      {rows.length > 0 && <CaseTable rows={rows} />}
      <LoadMore
        hasMore={cases.hasNextPage}
        isLoading={cases.isFetchingNextPage}
        onLoadMore={() => void cases.fetchNextPage()}
      />
    </>
  );
}
