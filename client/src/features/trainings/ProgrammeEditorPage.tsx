import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isProblem } from '../../api/problem';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { LeaveGuard, useNavigateWhenSaved } from './LeaveGuard';
import {
  PROGRAMME_FIELDS,
  ProgrammeForm,
  emptyProgrammeForm,
  programmeFormOf,
  toNewProgramme,
  toProgrammeChange,
  type ProgrammeFormValues,
} from './programme-form';
import { ProgrammeFields, useProgrammeFieldLabels } from './ProgrammeFields';
import { explainedByFields } from '../../ui/form/useFormErrors';
import { useTrainingFormErrors } from './useTrainingFormErrors';
import { useTrainingFormat } from './useTrainingText';
import {
  useCreateProgramme,
  useProgramme,
  useRefreshProgramme,
  useUpdateProgramme,
  type ProgrammeDetail,
} from './useTrainings';
import './trainings.css';

/** A new programme (coordinators only); saved, it opens its page. */
export function NewProgrammePage() {
  const { t } = useTranslation('trainings');
  const { saved, navigateWhenSaved } = useNavigateWhenSaved();
  const create = useCreateProgramme();
  const form = useForm<ProgrammeFormValues>({
    resolver: zodResolver(ProgrammeForm),
    defaultValues: emptyProgrammeForm(),
    shouldFocusError: false,
  });
  const errors = useTrainingFormErrors(PROGRAMME_FIELDS, form, useProgrammeFieldLabels());
  const submit = form.handleSubmit((values) => {
    errors.clear();
    create.mutate(toNewProgramme(values), {
      onSuccess: (programme) => navigateWhenSaved(`/trainings/${programme.id}`),
      onError: errors.reject,
    });
  });

  return (
    <>
      <p className="training-back">
        <Link to="/trainings">{t('page.back')}</Link>
      </p>
      <PageHeader title={t('editor.newTitle')} />
      <p className="training-lead">{t('editor.intro')}</p>
      <form
        className="stack training-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <ErrorSummary items={errors.summaryItems} />
        {create.isError && !explainedByFields(create.error) && (
          <ProblemMessage error={create.error} messages={errors.problems} />
        )}
        <p className="field__description">{t('form.requiredNote')}</p>
        <ProgrammeFields
          form={form}
          translateError={errors.translateError}
          isDisabled={create.isPending}
        />
        <div className="actions">
          <Button type="submit" variant="primary" isDisabled={create.isPending}>
            {create.isPending ? t('editor.saving') : t('editor.create')}
          </Button>
          <Link className="button button--secondary" to="/trainings">
            {t('editor.cancel')}
          </Link>
        </div>
      </form>
      <LeaveGuard when={form.formState.isDirty && !saved && !create.isPending} />
    </>
  );
}

/** A change of a programme (coordinators only), from the version read. */
export function EditProgrammePage() {
  const { t } = useTranslation('trainings');
  const { id = '' } = useParams();
  const programme = useProgramme(id);
  return (
    <>
      <p className="training-back">
        <Link to={`/trainings/${id}`}>{t('page.backToProgramme')}</Link>
      </p>
      <PageHeader title={t('editor.editTitle')} />
      {programme.isPending && <Loading />}
      {programme.isError && <ProblemMessage error={programme.error} />}
      {programme.data && <EditProgrammeForm loaded={programme.data} />}
    </>
  );
}

/**
 * Only the fields that changed are sent, with the version this form started
 * from. When someone else saved first (409 stale_version) the form says so
 * and offers to load the current version.
 */
function EditProgrammeForm({ loaded }: { loaded: ProgrammeDetail }) {
  const { t } = useTranslation('trainings');
  const { saved, navigateWhenSaved } = useNavigateWhenSaved();
  const format = useTrainingFormat();
  const update = useUpdateProgramme(loaded.id);
  const refresh = useRefreshProgramme(loaded.id);
  const [base, setBase] = useState(loaded);
  const [nothing, setNothing] = useState(false);
  const [reloaded, setReloaded] = useState(false);
  const form = useForm<ProgrammeFormValues>({
    resolver: zodResolver(ProgrammeForm),
    defaultValues: programmeFormOf(loaded, format.decimal),
    shouldFocusError: false,
  });
  const errors = useTrainingFormErrors(PROGRAMME_FIELDS, form, useProgrammeFieldLabels());
  const stale = isProblem(update.error, 'stale_version');

  const submit = form.handleSubmit((values) => {
    errors.clear();
    setNothing(false);
    setReloaded(false);
    const change = toProgrammeChange(base, values);
    if (!change) {
      setNothing(true);
      return;
    }
    update.mutate(change, {
      onSuccess: (programme) => navigateWhenSaved(`/trainings/${programme.id}`),
      onError: errors.reject,
    });
  });

  const loadCurrent = async () => {
    const fresh = await refresh();
    setBase(fresh);
    form.reset(programmeFormOf(fresh, format.decimal));
    update.reset();
    errors.clear();
    setReloaded(true);
  };

  return (
    <form
      className="stack training-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <ErrorSummary items={errors.summaryItems} />
      {stale && (
        <div className="notice notice--warning" role="alert">
          <p>
            <strong>{t('editor.staleTitle')}</strong>
          </p>
          <p>{t('editor.staleExplain')}</p>
          <div className="actions">
            <Button variant="primary" onPress={() => void loadCurrent()}>
              {t('editor.loadCurrent')}
            </Button>
          </div>
        </div>
      )}
      {reloaded && (
        <Notice tone="info" live>
          {t('editor.reloaded')}
        </Notice>
      )}
      {update.isError && !stale && !explainedByFields(update.error) && (
        <ProblemMessage error={update.error} messages={errors.problems} />
      )}
      {nothing && (
        <Notice tone="info" live>
          {t('editor.nothing')}
        </Notice>
      )}
      <p className="field__description">{t('form.requiredNote')}</p>
      <ProgrammeFields
        form={form}
        translateError={errors.translateError}
        isDisabled={update.isPending}
      />
      <div className="actions">
        <Button type="submit" variant="primary" isDisabled={update.isPending || stale}>
          {update.isPending ? t('editor.saving') : t('editor.save')}
        </Button>
        <Link className="button button--secondary" to={`/trainings/${loaded.id}`}>
          {t('editor.cancel')}
        </Link>
      </div>
      <LeaveGuard when={form.formState.isDirty && !saved && !update.isPending} />
    </form>
  );
}
