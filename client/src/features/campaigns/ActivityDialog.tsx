import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { isProblem } from '../../api/problem';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { FormDateField, FormSelect, FormTextField, fieldId } from '../../ui/form/fields';
import { useServerFieldErrors } from '../../ui/form/useServerFieldErrors';
import { useSubmitSummary } from './useSubmitSummary';
import { Notice } from '../../ui/Notice';
import { ProblemMessage } from '../../ui/ProblemMessage';
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
import { FieldAnchor } from './FieldAnchor';
import {
  useCampaignErrorText,
  useCampaignFormat,
  useCampaignProblems,
  useFieldLabels,
} from './useCampaignText';
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
  const translateError = useCampaignErrorText();
  const fieldLabel = useFieldLabels();
  const problems = useCampaignProblems();
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
  const serverErrors = useServerFieldErrors(
    ACTIVITY_FIELDS,
    { setError: form.setError, errors: form.formState.errors },
    translateError,
  );
  const summary = useSubmitSummary(serverErrors.summary, form.formState.submitCount, fieldLabel);
  const groups = planGroups(campaign.targetGroups);
  const bound = { control: form.control, translateError, isDisabled: mutation.isPending };
  const reachErrors = form.formState.errors.reach;
  const reachError = translateError(
    typeof reachErrors?.message === 'string' ? reachErrors.message : undefined,
  );

  const submit = form.handleSubmit((values) => {
    serverErrors.clear();
    setNothing(false);
    const done = {
      onSuccess: () => onClose(true),
      onError: (error: unknown) => {
        serverErrors.apply(error);
        summary.refresh();
      },
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
  const explained =
    isProblem(mutation.error, 'validation_failed') && mutation.error.errors.length > 0;

  return (
    <Dialog
      title={activity ? t('activities.editTitle') : t('activities.addTitle')}
      isOpen
      onOpenChange={(open) => !open && onClose(false)}
      isDismissable={!mutation.isPending}
    >
      <form
        className="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <ErrorSummary items={summary.items} />
        {mutation.isError && !explained && (
          <ProblemMessage error={mutation.error} messages={problems} />
        )}
        {nothing && (
          <Notice tone="info" live>
            {t('activities.nothing')}
          </Notice>
        )}
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
                  <input
                    {...form.register(`reach.${group}`)}
                    id={id}
                    className="field__input"
                    inputMode="numeric"
                    maxLength={9}
                    disabled={mutation.isPending}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${id}-error` : undefined}
                  />
                  {error && (
                    <span id={`${id}-error`} className="field__error">
                      {error}
                    </span>
                  )}
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
        <div className="actions">
          <Button type="submit" variant="primary" isDisabled={mutation.isPending}>
            {mutation.isPending
              ? t('editor.saving')
              : activity
                ? t('activities.save')
                : t('activities.add')}
          </Button>
          <Button onPress={() => onClose(false)} isDisabled={mutation.isPending}>
            {t('editor.cancel')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
