import { Controller, useWatch, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormCheckboxGroup, FormDateField, FormTextField, fieldId } from '../../ui/form/fields';
import { useVocabulary } from '../../vocab/useVocabulary';
import { FieldAnchor } from './FieldAnchor';
import { CHANNELS, TARGET_GROUPS, TERRITORIES } from './campaign-vocabularies';
import type { CampaignFormValues } from './campaign-form';
import { parseAmount } from './numbers';
import { PlannedReachGrid } from './PlannedReachGrid';
import { ReleasePicker } from './ReleasePicker';
import { useCampaignFormat } from './useCampaignText';

/** What each part of the campaign editor is given: the form, its words for errors, whether it waits. */
export interface CampaignFormPartProps {
  form: UseFormReturn<CampaignFormValues>;
  translateError: (message: string | undefined) => string | undefined;
  isDisabled: boolean;
}

/**
 * The campaign editor's fieldsets, shared by a new campaign and a change of
 * one: what it is, whom and where it targets, when and with what budget,
 * whom it plans to reach, and the published statistics that justify it.
 */
export function CampaignFields({ form, translateError, isDisabled }: CampaignFormPartProps) {
  const { t } = useTranslation('campaigns');
  const { options } = useVocabulary();
  const format = useCampaignFormat();
  const { control } = form;
  const bound = { control, translateError, isDisabled };
  const budget = useWatch({ control, name: 'budgetUsd' });
  const amount = parseAmount(budget ?? '');

  return (
    <>
      <fieldset className="group">
        <legend>{t('form.about')}</legend>
        <div className="field--wide">
          <FormTextField
            {...bound}
            name="name"
            label={t('fields.name')}
            description={t('form.nameHelp')}
            isRequired
            maxLength={200}
          />
        </div>
        <div className="field--wide">
          <FormTextField
            {...bound}
            name="objective"
            label={t('fields.objective')}
            description={t('form.objectiveHelp')}
            isRequired
            multiline
            rows={4}
            maxLength={2000}
          />
        </div>
      </fieldset>

      <fieldset className="group">
        <legend>{t('form.targets')}</legend>
        <FieldAnchor name="targetTerritories" wide>
          <FormCheckboxGroup
            {...bound}
            name="targetTerritories"
            label={t('fields.targetTerritories')}
            description={t('form.territoriesHelp')}
            options={options('province', TERRITORIES)}
            isRequired
            columns
          />
        </FieldAnchor>
        <FieldAnchor name="targetGroups" wide>
          <FormCheckboxGroup
            {...bound}
            name="targetGroups"
            label={t('fields.targetGroups')}
            description={t('form.groupsHelp')}
            options={options('vulnerabilityGroup', TARGET_GROUPS)}
            isRequired
            columns
          />
        </FieldAnchor>
        <FieldAnchor name="channels" wide>
          <FormCheckboxGroup
            {...bound}
            name="channels"
            label={t('fields.channels')}
            options={options('campaignChannel', CHANNELS)}
            isRequired
            columns
          />
        </FieldAnchor>
      </fieldset>

      <fieldset className="group">
        <legend>{t('form.periodAndBudget')}</legend>
        <FieldAnchor name="startsOn">
          <FormDateField {...bound} name="startsOn" label={t('fields.startsOn')} isRequired />
        </FieldAnchor>
        <FieldAnchor name="endsOn">
          <FormDateField
            {...bound}
            name="endsOn"
            label={t('fields.endsOn')}
            description={t('form.endsOnHelp')}
            isRequired
          />
        </FieldAnchor>
        <FormTextField
          {...bound}
          name="budgetUsd"
          label={t('fields.budgetUsd')}
          description={
            amount === undefined
              ? t('form.budgetHelp')
              : t('form.budgetAs', { amount: format.money(Number(amount)) })
          }
          isRequired
          inputMode="decimal"
          maxLength={24}
        />
      </fieldset>

      <fieldset className="group">
        <legend>{t('form.plannedReach')}</legend>
        <FormTextField
          {...bound}
          name="plannedReach.total"
          label={t('fields.plannedTotal')}
          description={t('form.plannedTotalHelp')}
          isRequired
          inputMode="numeric"
          maxLength={12}
        />
        <div className="field--wide">
          <PlannedReachGrid form={form} translateError={translateError} isDisabled={isDisabled} />
        </div>
      </fieldset>

      <fieldset className="group">
        <legend>{t('form.releases')}</legend>
        <div className="field--wide">
          <Controller
            control={control}
            name="releaseIds"
            render={({ field, fieldState }) => (
              <ReleasePicker
                id={fieldId('releaseIds')}
                value={field.value}
                onChange={field.onChange}
                error={translateError(fieldState.error?.message)}
                isDisabled={isDisabled}
              />
            )}
          />
        </div>
      </fieldset>
    </>
  );
}
