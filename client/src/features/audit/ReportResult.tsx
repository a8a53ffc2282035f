import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { LoadMore } from '../../ui/LoadMore';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { AuditEventTable } from './AuditEventTable';
import type { AccessReportRow } from './useAudit';

/** A report's heading, its CSV download, its rows page by page. */
export function ReportResult({
  heading,
  rows,
  hasMore,
  isLoadingMore,
  onLoadMore,
  onDownload,
  downloading,
  downloadError,
}: {
  heading: ReactNode;
  rows: readonly AccessReportRow[];
  hasMore: boolean;
  isLoadingMore: boolean;
  onLoadMore: () => void;
  onDownload: () => void;
  downloading: boolean;
  downloadError: unknown;
}) {
  const { t } = useTranslation('audit');
  return (
    <section className="audit-report" aria-labelledby="audit-report-title">
      <div className="audit-report__header">
        <h2 id="audit-report-title">{heading}</h2>
        <Button onPress={onDownload} isDisabled={downloading}>
          {downloading ? t('access.downloading') : t('access.download')}
        </Button>
      </div>
      <p className="audit-report__note">{t('access.csvNote')}</p>
      {downloadError ? <ProblemMessage error={downloadError} /> : null}
      {rows.length === 0 ? (
        <p role="status">{t('access.empty')}</p>
      ) : (
        <AuditEventTable caption={t('access.caption', { count: rows.length })} rows={rows} />
      )}
      <LoadMore hasMore={hasMore} isLoading={isLoadingMore} onLoadMore={onLoadMore} />
    </section>
  );
}
