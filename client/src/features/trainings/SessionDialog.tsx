import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { DialogForm } from '../../ui/form/forms';
import { ApiProblem, isProblem } from '../../api/problem';
import { FormDateField, FormTextField, fieldId } from '../../ui/form/fields';
import { TimeField } from '../../ui/TimeField';
import { FieldAnchor } from '../campaigns/FieldAnchor';
import {
  SESSION_FIELDS,
  sessionFormOf,
  sessionSchema,
  toNewSession,
  toSessionChange,
  type SessionFormValues,
} from './session-form';
import { useTrainingFormErrors } from './useTrainingFormErrors';
import { useTrainingFormat } from './useTrainingText';
import {
  useCreateSession,
  useUpdateSession,
  type ProgrammeDetail,
  type Session,
} from './useTrainings';

/** The API names the session's instant `startsAt`; the form types it as a day and a time. */
function onFormFields(error: unknown): unknown {
  if (!isProblem(error)) return error;
  return new ApiProblem(
    error.status,
    error.code,
    error.errors.map((e) => (e.path === 'body.startsAt' ? { ...e, path: 'body.date' } : e)),
    error.body,
    error.retryAfterSeconds,
    error.requestId,
  );
}

function useSessionFieldLabels() {
  const { t } = useTranslation('trainings');
  const names: Record<string, string> = {
    date: t('sessions.date'),
    time: t('sessions.time'),
    hours: t('sessions.hours'),
    place: t('sessions.place'),
    link: t('sessions.link'),
    trainers: t('sessions.trainers'),
  };
  return (id: string): string | undefined => names[id.replace(/^field-/, '')];
}

/** Adds a session to the programme, or changes one (from the version read). */
export function SessionDialog({
  programme,
  session,
  onClose,
}: {
  programme: ProgrammeDetail;
  session?: Session;
  onClose: (saved: boolean) => void;
}) {
  const { t } = useTranslation('trainings');
  const format = useTrainingFormat();
  const create = useCreateSession(programme.id);
  const update = useUpdateSession(programme.id, session?.id ?? '');
  const mutation = session ? update : create;
  const [nothing, setNothing] = useState(false);
  const schema = useMemo(() => sessionSchema(programme), [programme]);
  const form = useForm<SessionFormValues>({
    resolver: zodResolver(schema),
    defaultValues: sessionFormOf(session, format.decimal),
    shouldFocusError: false,
  });
  const errors = useTrainingFormErrors(SESSION_FIELDS, form, useSessionFieldLabels());
  const { translateError } = errors;
  const bound = { control: form.control, translateError, isDisabled: mutation.isPending };

  const submit = form.handleSubmit((values) => {
    errors.clear();
    setNothing(false);
    const done = {
      onSuccess: () => onClose(true),
      onError: (error: unknown) => errors.reject(onFormFields(error)),
    };
    if (!session) {
      create.mutate(toNewSession(values), done);
      return;
    }
    const change = toSessionChange(session, values);
    if (!change) {
      setNothing(true);
      return;
    }
    update.mutate(change, done);
  });

  return (
    <DialogForm
      title={session ? t('sessions.editTitle') : t('sessions.addTitle')}
      isPending={mutation.isPending}
      onClose={() => onClose(false)}
      onSubmit={submit}
      errors={errors}
      error={mutation.error}
      nothing={nothing && t('sessions.nothing')}
      submitLabel={
        mutation.isPending ? t('editor.saving') : session ? t('sessions.save') : t('sessions.add')
      }
      cancelLabel={t('editor.cancel')}
    >
      <div className="training-pair">
        <FieldAnchor name="date">
          <FormDateField
            {...bound}
            name="date"
            label={t('sessions.date')}
            description={t('sessions.dateHelp', {
              period: format.period(programme.startsOn, programme.endsOn),
            })}
            isRequired
          />
        </FieldAnchor>
        <FieldAnchor name="time">
          <Controller
            control={form.control}
            name="time"
            render={({ field, fieldState }) => (
              <TimeField
                label={t('sessions.time')}
                description={t('sessions.timeHelp')}
                name={field.name}
                value={field.value || null}
                onChange={(value) => field.onChange(value ?? '')}
                onBlur={field.onBlur}
                error={translateError(fieldState.error?.message)}
                isRequired
                isDisabled={mutation.isPending}
              />
            )}
          />
        </FieldAnchor>
      </div>
      <FormTextField
        {...bound}
        name="hours"
        label={t('sessions.hours')}
        description={t('sessions.hoursHelp')}
        isRequired
        inputMode="decimal"
        maxLength={5}
      />
      <FormTextField
        {...bound}
        name="place"
        label={t('sessions.place')}
        description={t('sessions.placeHelp')}
        maxLength={300}
      />
      <FormTextField
        {...bound}
        name="link"
        label={t('sessions.link')}
        description={t('sessions.linkHelp')}
        type="url"
        inputMode="url"
        maxLength={500}
      />
      <FormTextField
        {...bound}
        id={fieldId('trainers')}
        name="trainers"
        label={t('sessions.trainers')}
        description={t('sessions.trainersHelp')}
        multiline
        rows={3}
      />
    </DialogForm>
  );
}
