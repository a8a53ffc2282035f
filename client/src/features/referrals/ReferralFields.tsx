import { Controller, useWatch, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ComboBox } from '../../ui/ComboBox';
import { FormCheckboxGroup, FormDateField, FormRadioGroup } from '../../ui/form/fields';
import { useVocabulary } from '../../vocab/useVocabulary';
import {
  EXTRA_CATEGORIES,
  REFERRAL_SERVICES,
  URGENCIES,
  type ReferralFormValues,
} from './referral-form';
import { useInstitutions } from '../directory/useInstitutions';

/** The referral form's fields: to whom (with its sector), for what, which data, how urgent. */
export function ReferralFields({
  control,
  translateError,
  isDisabled,
}: {
  control: Control<ReferralFormValues>;
  translateError: (message: string | undefined) => string | undefined;
  isDisabled?: boolean;
}) {
  const { t } = useTranslation('referrals');
  const { label, options } = useVocabulary();
  const { partners, institution } = useInstitutions();
  const chosen = institution(useWatch({ control, name: 'institutionId' }) ?? '');
  const bound = { control, translateError, isDisabled };
  return (
    <>
      <fieldset className="group">
        <legend>{t('form.to.legend')}</legend>
        <div className="field--wide">
          <Controller
            control={control}
            name="institutionId"
            render={({ field, fieldState }) => (
              <ComboBox
                label={t('form.to.institution')}
                isRequired
                isDisabled={isDisabled}
                options={partners.map((p) => ({
                  id: p.id,
                  label: `${p.name} — ${label('sector', p.sector)}`,
                }))}
                value={field.value ?? null}
                onChange={(value) => field.onChange(value ?? '')}
                onBlur={field.onBlur}
                description={
                  chosen
                    ? t('form.to.sector', { sector: label('sector', chosen.sector) })
                    : t('form.to.help')
                }
                error={translateError(fieldState.error?.message)}
              />
            )}
          />
        </div>
        <FormCheckboxGroup
          {...bound}
          name="services"
          label={t('form.services')}
          isRequired
          columns
          options={options('referralService', REFERRAL_SERVICES)}
        />
      </fieldset>
      <fieldset className="group">
        <legend>{t('form.data.legend')}</legend>
        <FormCheckboxGroup
          {...bound}
          name="categories"
          label={t('form.data.categories')}
          description={t('form.data.help')}
          columns
          options={options('dataCategory', EXTRA_CATEGORIES)}
        />
      </fieldset>
      <fieldset className="group">
        <legend>{t('form.when.legend')}</legend>
        <FormRadioGroup
          {...bound}
          name="urgency"
          label={t('form.when.urgency')}
          isRequired
          options={options('urgency', URGENCIES)}
        />
        <FormDateField
          {...bound}
          name="acknowledgeBy"
          label={t('form.when.acknowledgeBy')}
          description={t('form.when.acknowledgeByHelp')}
          isRequired
        />
      </fieldset>
    </>
  );
}
