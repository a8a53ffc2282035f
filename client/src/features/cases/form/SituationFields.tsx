import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ComboBox } from '../../../ui/ComboBox';
import {
  FormCheckboxGroup,
  FormDateField,
  FormRadioGroup,
  FormSelect,
  FormTextField,
} from '../../../ui/form/fields';
import { useVocabulary } from '../../../vocab/useVocabulary';
import {
  CONTROL_METHODS,
  EXPLOITATION_TYPES,
  RECRUITMENT_METHODS,
  RISK_LEVELS,
  STATUS_DETERMINERS,
  TRAFFICKING_STATUSES,
} from './case-vocabularies';
import { FieldAnchor } from './FieldAnchor';
import { useInstitutions } from '../../directory/useInstitutions';
import { useFieldLabel, type CaseFieldsProps } from './useCaseForm';

/** Where, when and by whom the person was identified; how urgent; what they told. */
export function SituationFields({
  control,
  translateError,
  intake,
}: CaseFieldsProps & { intake: boolean }) {
  const { t } = useTranslation('cases');
  const label = useFieldLabel();
  const { options } = useVocabulary();
  const institutions = useInstitutions();
  const bound = { control, translateError };
  return (
    <fieldset className="group">
      <legend>{t('form.situation')}</legend>
      {intake && (
        <FieldAnchor name="identifiedOn">
          <FormDateField {...bound} name="identifiedOn" label={label('identifiedOn')} isRequired />
        </FieldAnchor>
      )}
      <FieldAnchor name="riskLevel">
        <FormSelect
          {...bound}
          name="riskLevel"
          label={label('riskLevel')}
          options={options('riskLevel', RISK_LEVELS)}
          description={t('hints.riskLevel')}
          isRequired
        />
      </FieldAnchor>
      <FieldAnchor name="attributes.traffickingStatus" wide>
        <FormRadioGroup
          {...bound}
          name="attributes.traffickingStatus"
          label={label('attributes.traffickingStatus')}
          options={options('traffickingStatus', TRAFFICKING_STATUSES)}
          isRequired
        />
      </FieldAnchor>
      <FieldAnchor name="attributes.statusDeterminedBy">
        <FormSelect
          {...bound}
          name="attributes.statusDeterminedBy"
          label={label('attributes.statusDeterminedBy')}
          options={options('statusDeterminer', STATUS_DETERMINERS)}
        />
      </FieldAnchor>
      <FieldAnchor name="attributes.identifyingAgencyId">
        <Controller
          control={control}
          name="attributes.identifyingAgencyId"
          render={({ field, fieldState }) => (
            <ComboBox
              label={label('attributes.identifyingAgencyId')}
              description={t('hints.typeToFilter')}
              options={institutions.options}
              value={field.value ?? null}
              onChange={(value) => field.onChange(value ?? undefined)}
              onBlur={field.onBlur}
              error={translateError(fieldState.error?.message)}
            />
          )}
        />
      </FieldAnchor>
      <FormTextField
        {...bound}
        name="attributes.province"
        label={label('attributes.province')}
        autoComplete="off"
      />
      <FormTextField
        {...bound}
        name="attributes.canton"
        label={label('attributes.canton')}
        autoComplete="off"
      />
      {(['narrative', 'healthNotes', 'legalNotes', 'educationNotes'] as const).map((name) => (
        <div key={name} className="case-form__wide">
          <FormTextField
            {...bound}
            name={`identity.${name}`}
            label={label(`identity.${name}`)}
            description={t(`hints.${name}`)}
            multiline
            rows={name === 'narrative' ? 6 : 3}
          />
        </div>
      ))}
    </fieldset>
  );
}

/** The forms of exploitation, how the person was recruited and controlled (HTCDS). */
export function ExploitationFields({ control, translateError }: CaseFieldsProps) {
  const { t } = useTranslation('cases');
  const label = useFieldLabel();
  const { options } = useVocabulary();
  const bound = { control, translateError };
  return (
    <fieldset className="group">
      <legend>{t('form.exploitation')}</legend>
      <FieldAnchor name="attributes.exploitationTypes" wide>
        <FormCheckboxGroup
          {...bound}
          name="attributes.exploitationTypes"
          label={label('attributes.exploitationTypes')}
          options={options('exploitationType', EXPLOITATION_TYPES)}
          columns
        />
      </FieldAnchor>
      <FieldAnchor name="attributes.recruitmentMethods" wide>
        <FormCheckboxGroup
          {...bound}
          name="attributes.recruitmentMethods"
          label={label('attributes.recruitmentMethods')}
          options={options('recruitmentMethod', RECRUITMENT_METHODS)}
          columns
        />
      </FieldAnchor>
      <FieldAnchor name="attributes.controlMethods" wide>
        <FormCheckboxGroup
          {...bound}
          name="attributes.controlMethods"
          label={label('attributes.controlMethods')}
          options={options('controlMethod', CONTROL_METHODS)}
          columns
        />
      </FieldAnchor>
    </fieldset>
  );
}
