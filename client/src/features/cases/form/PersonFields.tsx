import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ComboBox } from '../../../ui/ComboBox';
import {
  FormCheckboxGroup,
  FormDateField,
  FormSelect,
  FormTextField,
} from '../../../ui/form/fields';
import { useVocabulary } from '../../../vocab/useVocabulary';
import {
  COUNTRIES,
  GENDERS,
  LANGUAGES,
  MIGRANT_STATUSES,
  VULNERABILITY_GROUPS,
} from './case-vocabularies';
import { FieldAnchor } from './FieldAnchor';
import { useDisplayNames, useFieldLabel, type CaseFieldsProps } from './useCaseForm';

/** Who the person is: name, documents, origin and the groups that make them vulnerable. */
export function PersonFields({ control, translateError }: CaseFieldsProps) {
  const { t } = useTranslation('cases');
  const label = useFieldLabel();
  const { options } = useVocabulary();
  const names = useDisplayNames();
  const bound = { control, translateError };
  return (
    <fieldset className="group">
      <legend>{t('form.person')}</legend>
      <FormTextField
        {...bound}
        name="identity.fullName"
        label={label('identity.fullName')}
        isRequired
        autoComplete="off"
      />
      <FormTextField
        {...bound}
        name="identity.aliases"
        label={label('identity.aliases')}
        description={t('hints.aliases')}
        autoComplete="off"
      />
      <FieldAnchor name="attributes.sex">
        <FormSelect
          {...bound}
          name="attributes.sex"
          label={label('attributes.sex')}
          options={options('gender', GENDERS)}
          isRequired
        />
      </FieldAnchor>
      <FieldAnchor name="identity.dateOfBirth">
        <FormDateField
          {...bound}
          name="identity.dateOfBirth"
          label={label('identity.dateOfBirth')}
        />
      </FieldAnchor>
      <FormTextField
        {...bound}
        name="attributes.ageAtIdentification"
        label={label('attributes.ageAtIdentification')}
        description={t('hints.age')}
        inputMode="numeric"
        autoComplete="off"
      />
      <FormTextField
        {...bound}
        name="identity.documentType"
        label={label('identity.documentType')}
        description={t('hints.documentType')}
        autoComplete="off"
      />
      <FormTextField
        {...bound}
        name="identity.documentNumber"
        label={label('identity.documentNumber')}
        autoComplete="off"
      />
      <FieldAnchor name="attributes.nationality">
        <Controller
          control={control}
          name="attributes.nationality"
          render={({ field, fieldState }) => (
            <ComboBox
              label={label('attributes.nationality')}
              description={t('hints.typeToFilter')}
              options={names.countries(COUNTRIES)}
              value={field.value ?? null}
              onChange={(value) => field.onChange(value ?? undefined)}
              onBlur={field.onBlur}
              error={translateError(fieldState.error?.message)}
            />
          )}
        />
      </FieldAnchor>
      <FieldAnchor name="attributes.migrantStatus">
        <FormSelect
          {...bound}
          name="attributes.migrantStatus"
          label={label('attributes.migrantStatus')}
          options={options('migrantStatus', MIGRANT_STATUSES)}
        />
      </FieldAnchor>
      <FieldAnchor name="attributes.language">
        <FormSelect
          {...bound}
          name="attributes.language"
          label={label('attributes.language')}
          options={names.languages(LANGUAGES)}
        />
      </FieldAnchor>
      <FieldAnchor name="attributes.vulnerabilityGroups" wide>
        <FormCheckboxGroup
          {...bound}
          name="attributes.vulnerabilityGroups"
          label={label('attributes.vulnerabilityGroups')}
          options={options('vulnerabilityGroup', VULNERABILITY_GROUPS)}
          columns
        />
      </FieldAnchor>
    </fieldset>
  );
}

/** How to reach the person safely. */
export function ContactFields({ control, translateError }: CaseFieldsProps) {
  const { t } = useTranslation('cases');
  const label = useFieldLabel();
  const bound = { control, translateError };
  return (
    <fieldset className="group">
      <legend>{t('form.contact')}</legend>
      <p className="case-form__wide field__description">{t('hints.contactSafety')}</p>
      <FormTextField
        {...bound}
        name="identity.phone"
        label={label('identity.phone')}
        description={t('hints.phone')}
        type="tel"
        autoComplete="off"
      />
      <FormTextField
        {...bound}
        name="identity.email"
        label={label('identity.email')}
        type="email"
        autoComplete="off"
      />
      <FormTextField
        {...bound}
        name="identity.address"
        label={label('identity.address')}
        multiline
        rows={2}
        autoComplete="off"
      />
      <FormTextField
        {...bound}
        name="identity.emergencyContact"
        label={label('identity.emergencyContact')}
        description={t('hints.emergencyContact')}
        multiline
        rows={2}
        autoComplete="off"
      />
    </fieldset>
  );
}
