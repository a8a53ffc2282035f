import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { isProblem } from '../../../api/problem';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { ErrorSummary } from '../../../ui/ErrorSummary';
import { useServerFieldErrors } from '../../../ui/form/useServerFieldErrors';
import { ProblemMessage } from '../../../ui/ProblemMessage';
import { useFeatureErrorText } from '../../../ui/form/forms';
import { useAdminProblems } from '../useAdminProblems';
import {
  emptyInstitutionForm,
  INSTITUTION_FIELDS,
  InstitutionFormSchema,
  toCreateInstitution,
  type InstitutionFormValues,
} from './institution-form';
import { InstitutionFields } from './InstitutionFields';
import { useCreateInstitution, type Institution } from './useInstitutionAdmin';

/** A new partner institution (the lead agency exists from installation). */
export function CreateInstitutionDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (institution: Institution) => void;
}) {
  const { t } = useTranslation('admin');
  const translateError = useFeatureErrorText('admin');
  const problems = useAdminProblems();
  const create = useCreateInstitution();
  const { control, handleSubmit, setError, formState } = useForm<InstitutionFormValues>({
    resolver: zodResolver(InstitutionFormSchema),
    defaultValues: emptyInstitutionForm(),
  });
  const serverErrors = useServerFieldErrors(
    INSTITUTION_FIELDS,
    { setError, errors: formState.errors },
    translateError,
  );
  const submit = handleSubmit((values) => {
    serverErrors.clear();
    create.mutate(toCreateInstitution(values), {
      onSuccess: onCreated,
      onError: serverErrors.apply,
    });
  });
  const summary = serverErrors.summary;
  const fieldProblem = isProblem(create.error, 'validation_failed');
  return (
    <Dialog
      title={t('institutions.create.title')}
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
        {formState.isSubmitted && <ErrorSummary items={summary} />}
        {create.isError && !fieldProblem && (
          <ProblemMessage error={create.error} messages={problems} />
        )}
        <p>{t('institutions.create.intro')}</p>
        <InstitutionFields
          control={control}
          translateError={translateError}
          isDisabled={create.isPending}
        />
        <div className="actions">
          <Button type="submit" variant="primary" isDisabled={create.isPending}>
            {create.isPending ? t('common.saving') : t('institutions.create.submit')}
          </Button>
          <Button onPress={onClose} isDisabled={create.isPending}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
