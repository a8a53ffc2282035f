import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isProblem } from '../../api/problem';
import { Button } from '../../ui/Button';
import { Loading } from '../../ui/Loading';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { TextField } from '../../ui/TextField';
import { ReportResult } from './ReportResult';
import { useCaseReport, useDownloadReport, type Asked, type CaseSubject } from './useAudit';

const CASE_NUMBER = /^TRT-[0-9]{4}-[0-9]{6,}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A case found by its number (or id): who opened it, when and why. Nothing of its content. */
export function CaseReport() {
  const { t } = useTranslation('audit');
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const [asked, setAsked] = useState<Asked<CaseSubject> | null>(null);
  const report = useCaseReport(asked);
  const download = useDownloadReport();
  const first = report.data?.pages[0];
  const rows = report.data?.pages.flatMap((page) => page.items) ?? [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = text.trim().toUpperCase();
    const subject: CaseSubject | undefined = CASE_NUMBER.test(value)
      ? { caseNumber: value }
      : UUID.test(value)
        ? { caseId: value.toLowerCase() }
        : undefined;
    if (!subject) {
      setError(t('access.caseNumberInvalid'));
      return;
    }
    setAsked((last) => ({ value: subject, run: (last?.run ?? 0) + 1 }));
    setError(undefined);
    download.reset();
  };

  const notFound = isProblem(report.error) && report.error.status === 404;
  return (
    <div className="stack">
      <form className="audit-report__search" onSubmit={submit} noValidate>
        <TextField
          label={t('access.caseNumber')}
          description={t('access.caseNumberHelp')}
          value={text}
          onChange={setText}
          error={error}
          autoComplete="off"
        />
        <Button type="submit" variant="primary">
          {t('access.show')}
        </Button>
      </form>
      {asked && report.isPending && <Loading />}
      {notFound ? (
        <div className="notice notice--warning" role="status">
          <p>{t('access.caseNotFound')}</p>
        </div>
      ) : (
        report.error && <ProblemMessage error={report.error} />
      )}
      {first && (
        <ReportResult
          heading={t('access.caseHeading', { caseNumber: first.case.caseNumber })}
          rows={rows}
          hasMore={report.hasNextPage}
          isLoadingMore={report.isFetchingNextPage}
          onLoadMore={() => void report.fetchNextPage()}
          onDownload={(period) =>
            download.mutate({ subject: { kind: 'case', caseId: first.case.id }, period })
          }
          downloading={download.isPending}
          downloaded={download.data}
          downloadError={download.error}
        />
      )}
    </div>
  );
}
