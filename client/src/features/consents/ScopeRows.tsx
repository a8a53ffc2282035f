import { Controller, useFieldArray, useWatch, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { ComboBox } from '../../ui/ComboBox';
import { FormCheckboxGroup, FormRadioGroup, FormSelect, fieldId } from '../../ui/form/fields';
import { useVocabulary } from '../../vocab/useVocabulary';
import { useInstitutions } from '../directory/useInstitutions';
import { emptyScopeRow, type ConsentFormValues } from './consent-form';
import { DATA_CATEGORIES, SECTORS } from './useConsents';

type Translate = (message: string | undefined) => string | undefined;

/** The scope table of the paper form: one row per recipient (a sector or a named institution). */
export function ScopeRows({
  control,
  translateError,
  rootError,
}: {
  control: Control<ConsentFormValues>;
  translateError: Translate;
  rootError?: string;
}) {
  const { t } = useTranslation('consents');
  const { fields, append, remove } = useFieldArray({ control, name: 'scope' });
  return (
    <fieldset className="group consent-scope">
      <legend>{t('form.scope.legend')}</legend>
      <p className="field--wide field__description">{t('form.scope.help')}</p>
      {fields.map((field, index) => (
        <ScopeRow
          key={field.id}
          index={index}
          control={control}
          translateError={translateError}
          onRemove={() => remove(index)}
        />
      ))}
      {rootError && (
        <p className="field__error field--wide" id={fieldId('scope')} tabIndex={-1}>
          {rootError}
        </p>
      )}
      <div className="field--wide">
        <Button onPress={() => append(emptyScopeRow())}>{t('form.scope.add')}</Button>
      </div>
    </fieldset>
  );
}

function ScopeRow({
  index,
  control,
  translateError,
  onRemove,
}: {
  index: number;
  control: Control<ConsentFormValues>;
  translateError: Translate;
  onRemove: () => void;
}) {
  const { t } = useTranslation('consents');
  const { label, options } = useVocabulary();
  const { partners } = useInstitutions();
  const kind = useWatch({ control, name: `scope.${index}.recipientKind` });
  const institutionOptions = partners.map((institution) => ({
    id: institution.id,
    label: `${institution.name} — ${label('sector', institution.sector)}`,
  }));
  return (
    <fieldset className="consent-scope__row field--wide">
      <legend>{t('form.scope.row', { number: index + 1 })}</legend>
      <FormRadioGroup
        control={control}
        name={`scope.${index}.recipientKind`}
        translateError={translateError}
        label={t('form.scope.kind')}
        isRequired
        options={[
          { id: 'sector', label: t('form.scope.kindSector') },
          { id: 'institution', label: t('form.scope.kindInstitution') },
        ]}
      />
      {kind === 'institution' ? (
        <Controller
          control={control}
          name={`scope.${index}.institutionId`}
          render={({ field, fieldState }) => (
            <ComboBox
              label={t('form.scope.institution')}
              isRequired
              options={institutionOptions}
              value={field.value ?? null}
              onChange={(value) => field.onChange(value ?? undefined)}
              onBlur={field.onBlur}
              error={translateError(fieldState.error?.message)}
            />
          )}
        />
      ) : (
        <FormSelect
          control={control}
          name={`scope.${index}.sector`}
          translateError={translateError}
          label={t('form.scope.sector')}
          isRequired
          options={options('sector', SECTORS)}
        />
      )}
      <FormCheckboxGroup
        control={control}
        name={`scope.${index}.categories`}
        translateError={translateError}
        label={t('form.scope.categories')}
        isRequired
        columns
        options={options('dataCategory', DATA_CATEGORIES)}
      />
      <div>
        <Button variant="quiet" onPress={onRemove}>
          {t('form.scope.remove', { number: index + 1 })}
        </Button>
      </div>
    </fieldset>
  );
}
