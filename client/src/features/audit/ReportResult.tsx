import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { DateField } from '../../ui/DateField';
import { LoadMore } from '../../ui/LoadMore';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { AuditEventTable } from './AuditEventTable';
import { nextDay, startOfDay } from './AuditFilters';
import type { AccessReportRow, DownloadedReport, ExportPeriod } from './useAudit';

/**
 * A report's heading, its CSV download (optionally for a period, so that
 * what one file's bound leaves out can be exported a part at a time), and
 * its rows page by page. A file that does not hold every event says so.
 */
export function ReportResult({
  heading,
  rows,
  hasMore,
  isLoadingMore,
  onLoadMore,
  onDownload,
  downloading,
  downloaded,
  downloadError,
}: {
  heading: ReactNode;
  rows: readonly AccessReportRow[];
  hasMore: boolean;
  isLoadingMore: boolean;
  onLoadMore: () => void;
  onDownload: (period: ExportPeriod) => void;
  downloading: boolean;
  downloaded: DownloadedReport | undefined;
  downloadError: unknown;
}) {
  const { t } = useTranslation('audit');
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [dateError, setDateError] = useState<string>();
  const download = () => {
    if (from && to && to < from) {
      setDateError(t('filters.toBeforeFrom'));
      return;
    }
    setDateError(undefined);
    const period: ExportPeriod = {};
    if (from) period.from = startOfDay(from);
    if (to) period.to = nextDay(to);
    onDownload(period);
  };
  return (
    <section className="audit-report" aria-labelledby="audit-report-title">
      <div className="audit-report__header">
        <h2 id="audit-report-title">{heading}</h2>
      </div>
      <div className="audit-report__export">
        <DateField
          label={t('access.exportFrom')}
          description={t('access.exportPeriodHelp')}
          value={from}
          onChange={setFrom}
        />
        <DateField label={t('access.exportTo')} value={to} onChange={setTo} error={dateError} />
        <Button onPress={download} isDisabled={downloading}>
          {downloading ? t('access.downloading') : t('access.download')}
        </Button>
      </div>
      <p className="audit-report__note">{t('access.csvNote')}</p>
      <div role="status">
        {downloaded?.truncated ? (
          <div className="notice notice--warning">
            <p>{t('access.truncated', { count: downloaded.rows ?? 0 })}</p>
          </div>
        ) : downloaded ? (
          <p>{t('access.downloaded', { count: downloaded.rows ?? 0 })}</p>
        ) : null}
      </div>
      {downloadError ? <ProblemMessage error={downloadError} /> : null}
      <p className="audit-report__note">{t('access.namesNote')}</p>
      {rows.length === 0 ? (
        <p role="status">{t('access.empty')}</p>
      ) : (
        <AuditEventTable caption={t('access.caption', { count: rows.length })} rows={rows} />
      )}
      <LoadMore hasMore={hasMore} isLoading={isLoadingMore} onLoadMore={onLoadMore} />
    </section>
  );
}
