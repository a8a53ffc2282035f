import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { isProblem } from '../../../api/problem';
import { Button } from '../../../ui/Button';
import { ErrorSummary } from '../../../ui/ErrorSummary';
import { Notice } from '../../../ui/Notice';
import { ProblemMessage } from '../../../ui/ProblemMessage';
import { PersonFields, ContactFields } from '../form/PersonFields';
import { ExploitationFields, SituationFields } from '../form/SituationFields';
import { useCaseFieldError, useFieldLabel } from '../form/useCaseForm';
import { useFormErrors } from '../form/useFormErrors';
import type { CaseFormValues } from '../form/case-form';
import type { CaseDetail } from '../useCase';
import { AgeCorrectionNotice } from './AgeCorrectionNotice';
import { ConflictChoices, StaleChanges } from './StaleChanges';
import { useCaseEdit } from './useCaseEdit';

/** The edit form: the intake's fieldsets, saved as a partial change with the version check. */
export function CaseEditForm({ loaded }: { loaded: CaseDetail }) {
  const { t } = useTranslation('cases');
  const navigate = useNavigate();
  const edit = useCaseEdit(loaded);
  const translateError = useCaseFieldError();
  const label = useFieldLabel();
  const errors = useFormErrors<CaseFormValues>(label, translateError);
  const [nothing, setNothing] = useState(false);
  const { form } = edit;

  const submit = form.handleSubmit(async (values) => {
    errors.reset();
    setNothing(false);
    try {
      const outcome = await edit.save(values);
      if (outcome === 'nothing') setNothing(true);
      if (outcome === 'saved') void navigate(`/cases/${loaded.id}`);
    } catch (error) {
      errors.applyServer(error, form.setError);
    }
  });

  const error = edit.update.error;
  const handled =
    isProblem(error, 'stale_version') ||
    isProblem(error, 'age_correction_needs_approval') ||
    (isProblem(error) && error.errors.length > 0);
  const bound = { control: form.control, translateError };
  return (
    <form className="stack case-form" noValidate onSubmit={(event) => void submit(event)}>
      <ErrorSummary items={errors.summary(form.formState.errors)} />
      {edit.stale && (
        <StaleChanges base={edit.base} report={edit.stale} onReload={edit.reloadKeeping} />
      )}
      {edit.reloaded && <ConflictChoices report={edit.reloaded} onTakeMine={edit.takeMine} />}
      {edit.needsAgeApproval && (
        <AgeCorrectionNotice
          kase={edit.base}
          age={Number(form.getValues('attributes.ageAtIdentification'))}
          onKeepStoredAge={edit.keepStoredAge}
        />
      )}
      {error && !handled && <ProblemMessage error={error} />}
      {nothing && (
        <Notice tone="info" live>
          {t('edit.nothing')}
        </Notice>
      )}
      <p className="field__description">{t('form.requiredNote')}</p>
      <PersonFields {...bound} />
      <ContactFields {...bound} />
      <SituationFields {...bound} intake={false} />
      <ExploitationFields {...bound} />
      <div className="actions">
        <Button type="submit" variant="primary" isDisabled={edit.update.isPending || !!edit.stale}>
          {t('edit.submit')}
        </Button>
        <Link to={`/cases/${loaded.id}`}>{t('edit.cancel')}</Link>
      </div>
    </form>
  );
}
