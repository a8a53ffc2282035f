import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { ComboBox } from '../../ui/ComboBox';
import { Loading } from '../../ui/Loading';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { useVocabulary } from '../../vocab/useVocabulary';
import { ReportResult } from './ReportResult';
import { usePeopleOptions } from './usePeopleOptions';
import { useAuditStaff, useDownloadReport, useUserReport, type Asked } from './useAudit';

/** One person chosen by name: what they opened, disclosed, exported or attempted. */
export function UserReport() {
  const { t } = useTranslation('audit');
  const { label } = useVocabulary();
  const staff = useAuditStaff();
  const [chosen, setChosen] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const [asked, setAsked] = useState<Asked<string> | null>(null);
  const report = useUserReport(asked);
  const download = useDownloadReport();
  const first = report.data?.pages[0];
  const rows = report.data?.pages.flatMap((page) => page.items) ?? [];
  const options = usePeopleOptions(staff.data?.items ?? []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) {
      setError(t('access.personRequired'));
      return;
    }
    setError(undefined);
    download.reset();
    setAsked((last) => ({ value: chosen, run: (last?.run ?? 0) + 1 }));
  };

  if (staff.isPending) return <Loading />;
  if (staff.error) return <ProblemMessage error={staff.error} />;
  return (
    <div className="stack">
      <form className="audit-report__search" onSubmit={submit} noValidate>
        <ComboBox
          label={t('access.person')}
          description={t('access.personHelp')}
          options={options}
          value={chosen}
          onChange={setChosen}
          error={error}
        />
        <Button type="submit" variant="primary">
          {t('access.show')}
        </Button>
      </form>
      {asked && report.isPending && <Loading />}
      {report.error && <ProblemMessage error={report.error} />}
      {first && (
        <ReportResult
          heading={t('access.userHeading', {
            name: first.user.active
              ? first.user.displayName
              : `${first.user.displayName} ${t('access.deactivated')}`,
            role: label('auditActorRole', first.user.role),
            institution: first.user.institutionName,
          })}
          rows={rows}
          hasMore={report.hasNextPage}
          isLoadingMore={report.isFetchingNextPage}
          onLoadMore={() => void report.fetchNextPage()}
          onDownload={(period) =>
            download.mutate({ subject: { kind: 'user', userId: first.user.id }, period })
          }
          downloading={download.isPending}
          downloaded={download.data}
          downloadError={download.error}
        />
      )}
    </div>
  );
}
