import './consents.css';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { FormCheckboxGroup, FormDateField, FormRadioGroup, FormSelect } from '../../ui/form/fields';
import { applyServerFieldErrors } from '../../ui/form/server-errors';
import { Notice } from '../../ui/Notice';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { useFormat } from '../../ui/format';
import { useVocabulary } from '../../vocab/useVocabulary';
import {
  CONSENT_FIELDS,
  ConsentFormSchema,
  NO_SUPERSEDES,
  toNewConsent,
  type ConsentFormValues,
} from './consent-form';
import { errorItems } from '../../ui/form/error-items';
import { ScopeRows } from './ScopeRows';
import { CONSENT_PURPOSES, isCurrent, useRecordConsent, type Consent } from './useConsents';
import { useFeatureErrorText } from '../../ui/form/forms';

export interface ConsentFormProps {
  caseId: string;
  /** The case is of a minor: only a guardian or a best-interest determination can consent. */
  minor?: boolean;
  /** The case's consents, to choose the one this replaces. */
  consents: readonly Consent[];
  defaultValues: ConsentFormValues;
  onRecorded: (consent: Consent) => void;
  onCancel: () => void;
}

/** The consent as the paper form has it: who, how, when, for what, to whom, which data. */
export function ConsentForm(props: ConsentFormProps) {
  const { t } = useTranslation('consents');
  const { options, label } = useVocabulary();
  const format = useFormat();
  const translateError = useFeatureErrorText('consents');
  const record = useRecordConsent(props.caseId);
  const [unclaimed, setUnclaimed] = useState<string[]>([]);
  const { control, handleSubmit, setError, formState } = useForm<ConsentFormValues>({
    resolver: zodResolver(ConsentFormSchema),
    defaultValues: props.defaultValues,
  });
  const bound = { control, translateError };

  const submit = handleSubmit((values) => {
    setUnclaimed([]);
    record.mutate(toNewConsent(values), {
      onSuccess: props.onRecorded,
      onError: (error) => setUnclaimed(applyServerFieldErrors(error, CONSENT_FIELDS, setError)),
    });
  });

  const versions = props.consents.filter(isCurrent).map((consent) => ({
    id: consent.id,
    label: t('form.supersedesOption', {
      version: consent.version,
      status: label('consentStatus', consent.status),
      date: format.date(consent.givenAt),
    }),
  }));
  const summary = [
    ...errorItems(formState.errors, translateError),
    ...unclaimed.map((message) => ({ message: translateError(message) ?? '' })),
  ];

  return (
    <form className="stack consent-form" noValidate onSubmit={(event) => void submit(event)}>
      {formState.isSubmitted && <ErrorSummary items={summary} />}
      {record.isError && summary.length === 0 && <ProblemMessage error={record.error} />}
      <p className="field__description">{t('form.requiredNote')}</p>
      <fieldset className="group">
        <legend>{t('form.who.legend')}</legend>
        {props.minor && (
          <div className="field--wide">
            <Notice tone="warning">{t('form.who.minor')}</Notice>
          </div>
        )}
        <FormRadioGroup
          {...bound}
          name="givenBy"
          label={t('form.who.givenBy')}
          description={t('form.who.givenByHelp')}
          isRequired
          options={options('consentGiver', ['person', 'guardian', 'best_interest'])}
        />
        <FormRadioGroup
          {...bound}
          name="method"
          label={t('form.who.method')}
          isRequired
          options={options('consentMethod', ['written', 'verbal_witnessed', 'digital'])}
        />
        <FormDateField {...bound} name="givenAt" label={t('form.who.givenAt')} isRequired />
        <FormDateField
          {...bound}
          name="validUntil"
          label={t('form.who.validUntil')}
          description={t('form.who.validUntilHelp')}
        />
      </fieldset>
      <fieldset className="group">
        <legend>{t('form.purposes.legend')}</legend>
        <FormCheckboxGroup
          {...bound}
          name="purposes"
          label={t('form.purposes.label')}
          description={t('form.purposes.help')}
          isRequired
          options={options('consentPurpose', CONSENT_PURPOSES)}
        />
      </fieldset>
      <ScopeRows
        control={control}
        translateError={translateError}
        rootError={translateError(
          formState.errors.scope?.root?.message ?? formState.errors.scope?.message,
        )}
      />
      {versions.length > 0 && (
        <fieldset className="group">
          <legend>{t('form.supersedes.legend')}</legend>
          <FormSelect
            {...bound}
            name="supersedes"
            label={t('form.supersedes.label')}
            description={t('form.supersedes.help')}
            options={[{ id: NO_SUPERSEDES, label: t('form.supersedes.none') }, ...versions]}
          />
        </fieldset>
      )}
      <div className="actions">
        <Button type="submit" variant="primary" isDisabled={record.isPending}>
          {record.isPending ? t('form.saving') : t('form.submit')}
        </Button>
        <Button onPress={props.onCancel} isDisabled={record.isPending}>
          {t('form.cancel')}
        </Button>
      </div>
    </form>
  );
}
