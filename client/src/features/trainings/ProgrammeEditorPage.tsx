import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { EditorForm, StaleVersionNotice } from '../../ui/form/forms';
import { useVersionedChange } from '../../ui/form/forms';
import { Link, useParams } from 'react-router';
import { Button } from '../../ui/Button';
import { Loading } from '../../ui/Loading';
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
      <EditorForm
        className="stack training-form"
        onSubmit={submit}
        errors={errors}
        error={create.error}
        isPending={create.isPending}
        submitLabel={create.isPending ? t('editor.saving') : t('editor.create')}
        cancel={{ to: '/trainings', label: t('editor.cancel') }}
      >
        <p className="field__description">{t('form.requiredNote')}</p>
        <ProgrammeFields
          form={form}
          translateError={errors.translateError}
          isDisabled={create.isPending}
        />
      </EditorForm>
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
  const form = useForm<ProgrammeFormValues>({
    resolver: zodResolver(ProgrammeForm),
    defaultValues: programmeFormOf(loaded, format.decimal),
    shouldFocusError: false,
  });
  const errors = useTrainingFormErrors(PROGRAMME_FIELDS, form, useProgrammeFieldLabels());
  const edit = useVersionedChange({
    loaded,
    form,
    errors,
    update,
    refresh,
    formOf: (programme: ProgrammeDetail) => programmeFormOf(programme, format.decimal),
  });
  const submit = form.handleSubmit((values) =>
    edit.save(
      (base) => toProgrammeChange(base, values),
      (programme) => navigateWhenSaved(`/trainings/${programme.id}`),
    ),
  );

  return (
    <>
      <EditorForm
        className="stack training-form"
        onSubmit={submit}
        errors={errors}
        error={update.error}
        isPending={update.isPending}
        stale={
          edit.stale && (
            <StaleVersionNotice title={t('editor.staleTitle')} explain={t('editor.staleExplain')}>
              <div className="actions">
                <Button variant="primary" onPress={() => void edit.loadCurrent()}>
                  {t('editor.loadCurrent')}
                </Button>
              </div>
            </StaleVersionNotice>
          )
        }
        reloaded={edit.reloaded && t('editor.reloaded')}
        nothing={edit.nothing && t('editor.nothing')}
        submitLabel={update.isPending ? t('editor.saving') : t('editor.save')}
        cancel={{ to: `/trainings/${loaded.id}`, label: t('editor.cancel') }}
      >
        <p className="field__description">{t('form.requiredNote')}</p>
        <ProgrammeFields
          form={form}
          translateError={errors.translateError}
          isDisabled={update.isPending}
        />
      </EditorForm>
      <LeaveGuard when={form.formState.isDirty && !saved && !update.isPending} />
    </>
  );
}
