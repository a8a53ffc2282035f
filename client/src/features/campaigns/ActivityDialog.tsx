import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { DialogForm } from '../../ui/form/forms';
import { FormDateField, FormSelect, FormTextField, fieldId } from '../../ui/form/fields';
import { Notice } from '../../ui/Notice';
import { useVocabulary } from '../../vocab/useVocabulary';
import {
  ACTIVITY_FIELDS,
  activityFormOf,
  activitySchema,
  toActivityChange,
  toNewActivity,
  type ActivityFormValues,
} from './activity-form';
import { planGroups } from './campaign-form';
import { CountInput } from './CountInput';
import { FieldAnchor } from './FieldAnchor';
import { useCampaignFormErrors } from './useCampaignFormErrors';
import { useCampaignFormat } from './useCampaignText';
import {
  useCreateActivity,
  useUpdateActivity,
  type Activity,
  type CampaignDetail,
} from './useCampaigns';

/**
 * Records an activity, or changes one (from the version read). The form asks
 * for counts by group only, and says so: a campaign never holds the names or
 * contacts of the people it reached.
 */
export function ActivityDialog({
  campaign,
  activity,
  onClose,
}: {
  campaign: CampaignDetail;
  activity?: Activity;
  onClose: (saved: boolean) => void;
}) {
  const { t } = useTranslation('campaigns');
  const { label, options } = useVocabulary();
  const format = useCampaignFormat();
  const create = useCreateActivity(campaign.id);
  const update = useUpdateActivity(campaign.id, activity?.id ?? '');
  const mutation = activity ? update : create;
  const [nothing, setNothing] = useState(false);
  const schema = useMemo(() => activitySchema(campaign), [campaign]);
  const form = useForm<ActivityFormValues>({
    resolver: zodResolver(schema),
    defaultValues: activityFormOf(campaign, activity),
    shouldFocusError: false,
  });
  const errors = useCampaignFormErrors(ACTIVITY_FIELDS, form);
  const { translateError } = errors;
  const groups = planGroups(campaign.targetGroups);
  const bound = { control: form.control, translateError, isDisabled: mutation.isPending };
  const reachErrors = form.formState.errors.reach;
  const reachError = translateError(
    typeof reachErrors?.message === 'string' ? reachErrors.message : undefined,
  );

  const submit = form.handleSubmit((values) => {
    errors.clear();
    setNothing(false);
    const done = {
      onSuccess: () => onClose(true),
      onError: errors.reject,
    };
    if (!activity) {
      create.mutate(toNewActivity(values), done);
      return;
    }
    const change = toActivityChange(activity, values);
    if (!change) {
      setNothing(true);
      return;
    }
    update.mutate(change, done);
  });

  return (
    <DialogForm
      title={activity ? t('activities.editTitle') : t('activities.addTitle')}
      isPending={mutation.isPending}
      onClose={() => onClose(false)}
      onSubmit={submit}
      errors={errors}
      error={mutation.error}
      nothing={nothing && t('activities.nothing')}
      submitLabel={
        mutation.isPending
          ? t('editor.saving')
          : activity
            ? t('activities.save')
            : t('activities.add')
      }
      cancelLabel={t('editor.cancel')}
    >
      <Notice tone="info">
        <p>{t('activities.noPersonalData')}</p>
      </Notice>
      <FieldAnchor name="date">
        <FormDateField
          {...bound}
          name="date"
          label={t('activities.date')}
          description={t('activities.dateHelp', {
            from: format.date(campaign.startsOn),
            to: format.date(campaign.endsOn),
          })}
          isRequired
        />
      </FieldAnchor>
      <FieldAnchor name="territory">
        <FormSelect
          {...bound}
          name="territory"
          label={t('activities.territory')}
          options={options('province', campaign.targetTerritories)}
          isRequired
        />
      </FieldAnchor>
      <FieldAnchor name="channel">
        <FormSelect
          {...bound}
          name="channel"
          label={t('activities.channel')}
          options={options('campaignChannel', campaign.channels)}
          isRequired
        />
      </FieldAnchor>
      <FormTextField
        {...bound}
        name="description"
        label={t('activities.description')}
        description={t('activities.descriptionHelp')}
        multiline
        rows={3}
        maxLength={500}
      />
      <fieldset className="reach-counts" aria-describedby="reach-counts-help">
        <legend>{t('activities.reach')}</legend>
        <p id="reach-counts-help" className="field__description">
          {t('activities.reachHelp')}
        </p>
        <div className="reach-counts__grid">
          {groups.map((group) => {
            const id = fieldId(`reach.${group}`);
            const error = translateError(reachErrors?.[group]?.message);
            return (
              <div className="field" key={group}>
                <label className="field__label" htmlFor={id}>
                  {label('vulnerabilityGroup', group)}
                </label>
                <CountInput
                  registration={form.register(`reach.${group}`)}
                  id={id}
                  error={error}
                  maxLength={9}
                  isDisabled={mutation.isPending}
                />
              </div>
            );
          })}
        </div>
        {reachError && (
          <p className="field__error" id={fieldId('reach')} tabIndex={-1}>
            {reachError}
          </p>
        )}
      </fieldset>
    </DialogForm>
  );
}
