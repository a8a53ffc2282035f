import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../ui/LoadMore';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { AuditEventTable, type NamedEvent } from './AuditEventTable';
import { AuditFilters } from './AuditFilters';
import { ChainVerification } from './ChainVerification';
import { useAuditLog, useAuditStaff, type Asked, type AuditFilters as Filters } from './useAudit';
import './audit.css';

/**
 * The auditor's home: the chain's verification, then the log searched by
 * actor, action, purpose, outcome, resource and time, newest first. Opening
 * the page searches the whole log once (an audited read); each search is one more.
 */
export function AuditLogPage() {
  const { t } = useTranslation('audit');
  const [asked, setAsked] = useState<Asked<Filters>>({ value: {}, run: 0 });
  const staff = useAuditStaff();
  const log = useAuditLog(asked);
  const rows = log.data?.pages.flatMap((page) => page.items) ?? [];
  const people = new Map((staff.data?.items ?? []).map((person) => [person.id, person]));
  // The log carries ids only: names and institutions come from the staff list.
  const named: NamedEvent[] = rows.map((event) => {
    const person = event.actorId ? people.get(event.actorId) : undefined;
    return person
      ? { ...event, actorName: person.displayName, institutionName: person.institutionName }
      : event;
  });
  return (
    <>
      <PageHeader title={t('log.title')} />
      <p className="audit-intro">{t('log.intro')}</p>
      <ChainVerification />
      <section className="panel" aria-labelledby="audit-search-title">
        <h2 id="audit-search-title">{t('log.searchTitle')}</h2>
        <AuditFilters
          staff={staff.data?.items ?? []}
          onSearch={(value) => setAsked((last) => ({ value, run: last.run + 1 }))}
        />
      </section>
      {log.isPending && <Loading />}
      {log.error && <ProblemMessage error={log.error} />}
      {log.isSuccess && rows.length === 0 && <p role="status">{t('log.empty')}</p>}
      {rows.length > 0 && (
        <AuditEventTable caption={t('log.caption', { count: rows.length })} rows={named} />
      )}
      <LoadMore
        hasMore={log.hasNextPage}
        isLoading={log.isFetchingNextPage}
        onLoadMore={() => void log.fetchNextPage()}
      />
    </>
  );
}
