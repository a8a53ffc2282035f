import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { FormRadioGroup, FormSelect } from '../../ui/form/fields';
import { useServerFieldErrors } from '../../ui/form/useServerFieldErrors';
import { useTranslateFieldError } from '../../ui/form/useTranslateFieldError';
import { z } from '../../ui/form/zod';
import { LoadMore } from '../../ui/LoadMore';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { FieldAnchor } from '../campaigns/FieldAnchor';
import { yearOptions } from '../targets/TargetsNav';
import { stageOf, type Report, type ReportStatus } from './report-types';
import { StageBadge } from './StageBadge';
import { useCreateReport, useReportList } from './useManagementReports';
import { useReportProblems, useReportWords } from './useReportWords';
import './management-reports.css';

/**
 * The management reports: drafts (prepared by one coordinator, reviewed and
 * approved by another) and approved ones, whose figures are frozen.
 */
export function ReportListPage() {
  const { t } = useTranslation('managementReports');
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title={t('list.title')}
        actions={
          <Button variant="primary" onPress={() => setCreating(true)}>
            {t('list.create')}
          </Button>
        }
      />
      <p className="reports-lead">{t('list.intro')}</p>
      <ReportTable status="draft" />
      <ReportTable status="approved" />
      {creating && <NewReportDialog onClose={() => setCreating(false)} />}
    </>
  );
}

function ReportTable({ status }: { status: ReportStatus }) {
  const { t } = useTranslation('managementReports');
  const words = useReportWords();
  const list = useReportList(status);
  const items: Report[] = list.data?.pages.flatMap((page) => page.items) ?? [];
  const id = `reports-${status}`;
  const caption = t(`list.caption.${status}`);
  const signer = (s: Report['reviewedBy']) =>
    s ? t('list.signer', { name: s.name, date: words.date(s.at) }) : t('list.pending');
  return (
    <section className="panel reports-section" aria-labelledby={id}>
      <h2 id={id}>{t(`list.heading.${status}`)}</h2>
      {list.isError && <ProblemMessage error={list.error} />}
      {list.isPending && <Loading />}
      {list.isSuccess && items.length === 0 && <p>{t(`list.none.${status}`)}</p>}
      {items.length > 0 && (
        <div className="scroll-region" role="region" aria-label={caption} tabIndex={0}>
          <table className="table">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fields.period')}</th>
                <th scope="col">{t('fields.stage')}</th>
                <th scope="col">{t('fields.preparedBy')}</th>
                <th scope="col">{t('fields.reviewedBy')}</th>
                <th scope="col">{t('fields.approvedBy')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((report) => (
                <tr key={report.id}>
                  <th scope="row">
                    <Link to={`/management-reports/${report.id}`}>
                      {words.period(report.period)}
                    </Link>
                  </th>
                  <td>
                    <StageBadge stage={stageOf(report)} />
                  </td>
                  <td>{signer(report.preparedBy)}</td>
                  <td>{signer(report.reviewedBy)}</td>
                  <td>{signer(report.approvedBy)}</td>
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
    </section>
  );
}

const NewReportForm = z.object({
  year: z.string({ message: 'required' }).min(1, 'required'),
  period: z.enum(['year', '1', '2', '3', '4'], { message: 'required' }),
});
type NewReportValues = z.infer<typeof NewReportForm>;

/** A new draft for a year or a quarter (figures from 1 January to its end). */
function NewReportDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('managementReports');
  const navigate = useNavigate();
  const create = useCreateReport();
  const problems = useReportProblems();
  const translateError = useTranslateFieldError();
  const thisYear = new Date().getFullYear();
  const form = useForm<NewReportValues>({
    resolver: zodResolver(NewReportForm),
    defaultValues: { year: String(thisYear), period: 'year' },
    shouldFocusError: false,
  });
  const errors = useServerFieldErrors(
    ['year', 'quarter'],
    { setError: form.setError, errors: form.formState.errors },
    translateError,
  );
  const bound = { control: form.control, translateError, isDisabled: create.isPending };
  const submit = form.handleSubmit((values) => {
    errors.clear();
    create.mutate(
      {
        year: Number(values.year),
        quarter: values.period === 'year' ? null : Number(values.period),
        conclusions: '',
        recommendations: '',
        challenges: '',
      },
      {
        onSuccess: (report) => void navigate(`/management-reports/${report.id}`),
        onError: errors.apply,
      },
    );
  });
  return (
    <Dialog
      title={t('create.title')}
      isOpen
      onOpenChange={(open) => !open && onClose()}
      isDismissable={!create.isPending}
    >
      <form
        className="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <ErrorSummary items={errors.summary} />
        {create.isError && <ProblemMessage error={create.error} messages={problems} />}
        <p className="field__description">{t('create.explain')}</p>
        <FieldAnchor name="year">
          <FormSelect
            {...bound}
            name="year"
            label={t('create.year')}
            options={yearOptions(thisYear)}
            isRequired
          />
        </FieldAnchor>
        <FieldAnchor name="period">
          <FormRadioGroup
            {...bound}
            name="period"
            label={t('create.period')}
            options={[
              { id: 'year', label: t('create.wholeYear') },
              ...[1, 2, 3, 4].map((q) => ({
                id: String(q),
                label: t('create.upToQuarter', { quarter: q }),
              })),
            ]}
            isRequired
          />
        </FieldAnchor>
        <div className="actions">
          <Button type="submit" variant="primary" isDisabled={create.isPending}>
            {create.isPending ? t('create.creating') : t('create.submit')}
          </Button>
          <Button onPress={onClose} isDisabled={create.isPending}>
            {t('create.cancel')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
