import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { isProblem } from '../../api/problem';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemMessage } from '../../ui/ProblemMessage';
import {
  emptyCaseForm,
  IntakeForm,
  toAttributes,
  toIdentity,
  type CaseFormValues,
} from './form/case-form';
import { PersonFields, ContactFields } from './form/PersonFields';
import { ExploitationFields, SituationFields } from './form/SituationFields';
import { useCaseFieldError, useFieldLabel } from './form/useCaseForm';
import { useFormErrors } from './form/useFormErrors';
import { useIntakeCase } from './useCaseMutations';
import './cases.css';

/** Registering a person: grouped as the first interview goes; the case page follows. */
export function IntakePage() {
  const { t } = useTranslation('cases');
  const navigate = useNavigate();
  const intake = useIntakeCase();
  const translateError = useCaseFieldError();
  const label = useFieldLabel();
  const errors = useFormErrors<CaseFormValues>(label, translateError);
  const form = useForm<CaseFormValues>({
    resolver: zodResolver(IntakeForm),
    defaultValues: emptyCaseForm(),
    shouldFocusError: false,
  });

  const submit = form.handleSubmit(async (values) => {
    errors.reset();
    try {
      const result = await intake.mutateAsync({
        identifiedOn: values.identifiedOn ?? '',
        riskLevel: values.riskLevel,
        identity: toIdentity(values.identity),
        attributes: toAttributes(values.attributes),
      });
      void navigate(`/cases/${result.case.id}`);
    } catch (error) {
      errors.applyServer(error, form.setError);
    }
  });

  const items = errors.summary(form.formState.errors);
  const fieldProblem = isProblem(intake.error) && intake.error.errors.length > 0;
  const bound = { control: form.control, translateError };
  return (
    <>
      <PageHeader title={t('intake.title')} />
      <form className="stack case-form" noValidate onSubmit={(event) => void submit(event)}>
        <ErrorSummary items={items} />
        {intake.error && !fieldProblem && <ProblemMessage error={intake.error} />}
        <p>{t('intake.intro')}</p>
        <p className="field__description">{t('form.requiredNote')}</p>
        <PersonFields {...bound} />
        <ContactFields {...bound} />
        <SituationFields {...bound} intake />
        <ExploitationFields {...bound} />
        <div className="actions">
          <Button type="submit" variant="primary" isDisabled={intake.isPending}>
            {intake.isPending ? t('intake.saving') : t('intake.submit')}
          </Button>
          <Link to="/cases">{t('intake.cancel')}</Link>
        </div>
      </form>
    </>
  );
}
