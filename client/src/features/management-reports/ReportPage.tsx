import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../ui/form/forms';
import { Link, useNavigate, useParams } from 'react-router';
import { isProblem } from '../../api/problem';
import { useSignedInUser } from '../../app/session/useMe';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { stageOf, type ReportDetail } from './report-types';
import { ReportPreview } from './ReportPreview';
import { ReportTextsForm } from './ReportTextsForm';
import { StageBadge } from './StageBadge';
import {
  useApproveReport,
  useDeleteReport,
  useDownloadReport,
  useReport,
  useReviewReport,
} from './useManagementReports';
import { useReportProblems, useReportWords } from './useReportWords';
import './management-reports.css';
import '../targets/targets.css';

/**
 * One management report: its period and who prepared, reviewed and approved
 * it; the texts its preparer writes; the preview of its content (a draft's
 * figures computed now, an approved one's frozen) and its files.
 */
export function ReportPage() {
  const { t } = useTranslation('managementReports');
  const { id = '' } = useParams();
  const report = useReport(id);
  return (
    <>
      <p className="reports-back">
        <Link to="/management-reports">{t('report.back')}</Link>
      </p>
      {report.data ? <ReportView report={report.data} /> : <PageHeader title={t('report.title')} />}
      {report.isPending && <Loading />}
      {report.isError && <ProblemMessage error={report.error} />}
    </>
  );
}

function ReportView({ report }: { report: ReportDetail }) {
  const { t } = useTranslation('managementReports');
  const words = useReportWords();
  const stage = stageOf(report);
  return (
    <>
      <PageHeader title={t('report.titleFor', { period: words.period(report.period) })} />
      <p className="reports-stage">
        <StageBadge stage={stage} />
      </p>
      <Workflow report={report} />
      <Downloads report={report} />
      <ReportTextsForm report={report} />
      <ReportPreview report={report} />
    </>
  );
}

/** Who signed what, and what the person signed in can do next. */
function Workflow({ report }: { report: ReportDetail }) {
  const { t } = useTranslation('managementReports');
  const words = useReportWords();
  const me = useSignedInUser();
  const problems = useReportProblems();
  const review = useReviewReport(report.id);
  const approve = useApproveReport(report.id);
  const [confirming, setConfirming] = useState<'approve' | 'delete' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const isPreparer = report.preparedBy.id === me.user.id;
  // Three signatures, three people: the reviewer does not approve too.
  const isReviewer = report.reviewedBy?.id === me.user.id;
  const draft = report.status === 'draft';
  const mayApprove = !isPreparer && !isReviewer && report.reviewedBy !== null;
  const signer = (s: ReportDetail['reviewedBy']) =>
    s ? t('report.signedBy', { name: s.name, date: words.dateTime(s.at) }) : t('report.pending');
  const error = review.error ?? approve.error;

  let next: string;
  if (!draft) next = t('report.next.approved');
  else if (isPreparer)
    next = report.reviewedBy ? t('report.next.preparerReviewed') : t('report.next.preparer');
  else if (isReviewer) next = t('report.next.reviewer');
  else if (!report.reviewedBy) next = t('report.next.review');
  else if (!report.periodEnded) next = t('report.next.reviewedWaiting');
  else next = t('report.next.approve');

  return (
    <section className="panel reports-section" aria-labelledby="workflow-title">
      <h2 id="workflow-title">{t('report.workflow')}</h2>
      <dl className="facts">
        <dt>{t('fields.preparedBy')}</dt>
        <dd>{signer(report.preparedBy)}</dd>
        <dt>{t('fields.reviewedBy')}</dt>
        <dd>{signer(report.reviewedBy)}</dd>
        <dt>{t('fields.approvedBy')}</dt>
        <dd>{signer(report.approvedBy)}</dd>
      </dl>
      {report.status === 'approved' ? (
        <Notice tone="success">
          <p>
            <strong>{t('report.frozenTitle')}</strong>
          </p>
          <p>{t('report.frozenExplain', { date: words.dateTime(report.snapshot.figuresAsOf) })}</p>
        </Notice>
      ) : (
        <>
          <p>{next}</p>
          {!report.periodEnded && (
            <Notice tone="info">
              <p>
                {t('report.approvableFrom', {
                  date: words.date(report.approvableFrom),
                  period: words.period(report.period),
                })}
              </p>
            </Notice>
          )}
        </>
      )}
      {done && (
        <Notice tone="success" live>
          {done}
        </Notice>
      )}
      {isProblem(error, 'figures_changed') && (
        <Notice tone="warning" live>
          <p>{t('problems.figures_changed')}</p>
        </Notice>
      )}
      {error && !isProblem(error, 'figures_changed') && (
        <ProblemMessage error={error} messages={problems} />
      )}
      {draft && (
        <div className="actions">
          {!isPreparer && !report.reviewedBy && (
            <Button
              variant="primary"
              isDisabled={review.isPending}
              onPress={() => {
                setDone(null);
                approve.reset();
                review.mutate(report.version, { onSuccess: () => setDone(t('report.reviewed')) });
              }}
            >
              {t('report.review')}
            </Button>
          )}
          {mayApprove && report.periodEnded && (
            <Button
              variant="primary"
              onPress={() => {
                setDone(null);
                review.reset();
                setConfirming('approve');
              }}
            >
              {t('report.approve')}
            </Button>
          )}
          {isPreparer && (
            <Button variant="danger" onPress={() => setConfirming('delete')}>
              {t('report.delete')}
            </Button>
          )}
        </div>
      )}
      {confirming === 'approve' && (
        <Dialog
          title={t('report.approveTitle')}
          role="alertdialog"
          isOpen
          onOpenChange={(open) => !open && setConfirming(null)}
          isDismissable={!approve.isPending}
        >
          <div className="stack">
            <p>{t('report.approveExplain', { period: words.period(report.period) })}</p>
            <div className="actions">
              <Button
                variant="primary"
                isDisabled={approve.isPending}
                onPress={() =>
                  approve.mutate(
                    { version: report.version, figuresDigest: report.figuresDigest },
                    {
                      onSuccess: () => setDone(t('report.approved')),
                      onSettled: () => setConfirming(null),
                    },
                  )
                }
              >
                {t('report.approveConfirm')}
              </Button>
              <Button onPress={() => setConfirming(null)} isDisabled={approve.isPending}>
                {t('report.cancel')}
              </Button>
            </div>
          </div>
        </Dialog>
      )}
      {confirming === 'delete' && (
        <DeleteDialog report={report} onClose={() => setConfirming(null)} />
      )}
    </section>
  );
}

function DeleteDialog({ report, onClose }: { report: ReportDetail; onClose: () => void }) {
  const { t } = useTranslation('managementReports');
  const navigate = useNavigate();
  const remove = useDeleteReport(report.id);
  const problems = useReportProblems();
  return (
    <ConfirmDialog
      title={t('report.deleteTitle')}
      confirm={t('report.deleteConfirm')}
      onConfirm={() =>
        remove.mutate(undefined, { onSuccess: () => void navigate('/management-reports') })
      }
      isPending={remove.isPending}
      error={remove.error}
      problems={problems}
      cancelLabel={t('report.cancel')}
      onCancel={onClose}
    >
      <p>{t('report.deleteExplain')}</p>
    </ConfirmDialog>
  );
}

/** The report as files, made by the server in Spanish (a draft's marked BORRADOR). */
function Downloads({ report }: { report: ReportDetail }) {
  const { t } = useTranslation('managementReports');
  const download = useDownloadReport(report.id);
  const [last, setLast] = useState<'pdf' | 'xlsx' | null>(null);
  const get = (type: 'pdf' | 'xlsx') => {
    setLast(type);
    download.mutate(type);
  };
  return (
    <section className="panel reports-section" aria-labelledby="downloads-title">
      <h2 id="downloads-title">{t('downloads.title')}</h2>
      <p className="field__description">
        {report.status === 'approved' ? t('downloads.approved') : t('downloads.draft')}
      </p>
      <div className="actions">
        <Button onPress={() => get('pdf')} isDisabled={download.isPending}>
          {download.isPending && last === 'pdf' ? t('downloads.preparing') : t('downloads.pdf')}
        </Button>
        <Button onPress={() => get('xlsx')} isDisabled={download.isPending}>
          {download.isPending && last === 'xlsx' ? t('downloads.preparing') : t('downloads.xlsx')}
        </Button>
      </div>
      {download.isError && <ProblemMessage error={download.error} />}
    </section>
  );
}
