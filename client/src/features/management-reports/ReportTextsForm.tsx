import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { isProblem } from '../../api/problem';
import { useSignedInUser } from '../../app/session/useMe';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { FormTextField } from '../../ui/form/fields';
import { useServerFieldErrors } from '../../ui/form/useServerFieldErrors';
import { useTranslateFieldError } from '../../ui/form/useTranslateFieldError';
import { z } from '../../ui/form/zod';
import { Notice } from '../../ui/Notice';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { useSubmitSummary } from '../../ui/form/useSubmitSummary';
import type { ReportChange, ReportDetail } from './report-types';
import { useUpdateReport } from './useManagementReports';
import { useReportProblems } from './useReportWords';

const MAX_TEXT = 6000;
const TEXTS = ['conclusions', 'recommendations', 'challenges'] as const;
const TextsForm = z.object({
  conclusions: z.string().max(MAX_TEXT, 'too_long'),
  recommendations: z.string().max(MAX_TEXT, 'too_long'),
  challenges: z.string().max(MAX_TEXT, 'too_long'),
});
type TextsValues = z.infer<typeof TextsForm>;

/**
 * The texts the preparer writes (conclusions, recommendations, challenges),
 * on their draft only. Saving a change withdraws a review: the reviewer
 * reads the report again.
 */
export function ReportTextsForm({ report }: { report: ReportDetail }) {
  const me = useSignedInUser();
  // The version this person's last save made: said once the form starts again from it.
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  if (report.status !== 'draft' || report.preparedBy.id !== me.user.id) return null;
  // A new version read (after saving, or someone's review) starts the form again.
  return (
    <TextsEditor
      key={report.version}
      report={report}
      saved={savedVersion === report.version}
      onSaved={setSavedVersion}
    />
  );
}

function TextsEditor({
  report,
  saved,
  onSaved,
}: {
  report: ReportDetail;
  saved: boolean;
  onSaved: (version: number) => void;
}) {
  const { t, i18n } = useTranslation('managementReports');
  const shared = useTranslateFieldError();
  const problems = useReportProblems();
  const update = useUpdateReport(report.id);
  const [nothing, setNothing] = useState(false);
  const form = useForm<TextsValues>({
    resolver: zodResolver(TextsForm),
    defaultValues: {
      conclusions: report.conclusions,
      recommendations: report.recommendations,
      challenges: report.challenges,
    },
    shouldFocusError: false,
  });
  const translateError = (message: string | undefined) => {
    const code = message?.replace(/^fieldErrors\./, '');
    const key = `fieldErrors.${code ?? ''}`;
    return code && i18n.exists(key, { ns: 'managementReports' })
      ? t(key as 'fieldErrors.looks_personal')
      : shared(message);
  };
  const serverErrors = useServerFieldErrors(
    TEXTS,
    { setError: form.setError, errors: form.formState.errors },
    translateError,
  );
  const summary = useSubmitSummary(serverErrors.summary, form.formState.submitCount, (fieldId) => {
    const name = fieldId.replace(/^field-/, '');
    return (TEXTS as readonly string[]).includes(name)
      ? t(`texts.${name as 'conclusions'}`)
      : undefined;
  });
  const bound = { control: form.control, translateError, isDisabled: update.isPending };
  const submit = form.handleSubmit((values) => {
    serverErrors.clear();
    setNothing(false);
    const change: ReportChange = { version: report.version };
    for (const key of TEXTS)
      if (values[key].trim() !== report[key]) change[key] = values[key].trim();
    if (Object.keys(change).length === 1) {
      setNothing(true);
      return;
    }
    update.mutate(change, {
      onSuccess: (next) => onSaved(next.version),
      onError: (error) => {
        serverErrors.apply(error);
        summary.refresh();
      },
    });
  });
  const fieldsExplain =
    isProblem(update.error, 'validation_failed') && update.error.errors.length > 0;
  return (
    <section className="panel reports-section" aria-labelledby="texts-title">
      <h2 id="texts-title">{t('texts.title')}</h2>
      <form
        className="stack reports-texts"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <ErrorSummary items={summary.items} />
        {update.isError && !fieldsExplain && (
          <ProblemMessage error={update.error} messages={problems} />
        )}
        {saved && (
          <Notice tone="success" live>
            {t('texts.saved')}
          </Notice>
        )}
        {nothing && (
          <Notice tone="info" live>
            {t('texts.nothing')}
          </Notice>
        )}
        <p className="field__description">{t('texts.explain')}</p>
        {report.reviewedBy && (
          <Notice tone="warning">
            <p>{t('texts.withdrawsReview')}</p>
          </Notice>
        )}
        {TEXTS.map((name) => (
          <FormTextField
            key={name}
            {...bound}
            name={name}
            label={t(`texts.${name}`)}
            description={t(`texts.${name}Help`)}
            multiline
            rows={5}
            maxLength={MAX_TEXT}
          />
        ))}
        <div className="actions">
          <Button type="submit" variant="primary" isDisabled={update.isPending}>
            {update.isPending ? t('texts.saving') : t('texts.save')}
          </Button>
        </div>
      </form>
    </section>
  );
}
