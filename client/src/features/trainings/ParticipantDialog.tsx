import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { DialogForm } from '../../ui/form/forms';
import { FormSelect, FormTextField } from '../../ui/form/fields';
import { z } from '../../ui/form/zod';
import { Notice } from '../../ui/Notice';
import { useVocabulary } from '../../vocab/useVocabulary';
import { FieldAnchor } from '../campaigns/FieldAnchor';
import { NO_PROVINCE } from './programme-form';
import { PROVINCES, SECTORS } from './training-vocabularies';
import { useTrainingFormErrors } from './useTrainingFormErrors';
import { useTrainingLabels } from './useTrainingText';
import { useCreateParticipant, useEnrol, type NewParticipant } from './useTrainings';

const ParticipantForm = z.object({
  fullName: z.string().trim().min(1, 'required').max(200, 'too_long'),
  institutionName: z.string().trim().min(1, 'required').max(200, 'too_long'),
  sector: z.string({ message: 'required' }).min(1, 'required'),
  province: z.string(),
  position: z.string().trim().max(200, 'too_long'),
  workEmail: z.union([z.literal(''), z.email('email').max(254, 'too_long')]),
});
type ParticipantFormValues = z.infer<typeof ParticipantForm>;

const PARTICIPANT_FIELDS = [
  'fullName',
  'institutionName',
  'sector',
  'province',
  'position',
  'workEmail',
];

function toNewParticipant(values: ParticipantFormValues): NewParticipant {
  const position = values.position.trim();
  const email = values.workEmail.trim();
  return {
    fullName: values.fullName.trim(),
    institutionName: values.institutionName.trim(),
    sector: SECTORS.find((s) => s === values.sector) ?? 'other',
    province: PROVINCES.find((p) => p === values.province) ?? null,
    position: position === '' ? null : position,
    workEmail: email === '' ? null : email,
  };
}

/**
 * Registers a person who takes part (staff of an institution, never a
 * victim) and enrols them in the programme. Their name, position and work
 * e-mail are personal data: kept encrypted by the server, shown to
 * coordinators only, and never put in the address, the title or the browser's
 * storage. When the enrolment fails after the person was registered, sending
 * again only enrols them (no second record).
 */
export function ParticipantDialog({
  programmeId,
  onClose,
}: {
  programmeId: string;
  onClose: (enrolled: boolean) => void;
}) {
  const { t } = useTranslation('trainings');
  const { options } = useVocabulary();
  const labels = useTrainingLabels();
  const create = useCreateParticipant();
  const enrol = useEnrol(programmeId);
  const [registeredId, setRegisteredId] = useState<string>();
  const form = useForm<ParticipantFormValues>({
    resolver: zodResolver(ParticipantForm),
    defaultValues: {
      fullName: '',
      institutionName: '',
      sector: '',
      province: NO_PROVINCE,
      position: '',
      workEmail: '',
    },
    shouldFocusError: false,
  });
  const names: Record<string, string> = {
    fullName: t('participants.fullName'),
    institutionName: t('participants.institution'),
    sector: t('participants.sector'),
    province: t('participants.province'),
    position: t('participants.position'),
    workEmail: t('participants.workEmail'),
  };
  const errors = useTrainingFormErrors(
    PARTICIPANT_FIELDS,
    form,
    (id) => names[id.replace(/^field-/, '')],
  );
  const bound = {
    control: form.control,
    translateError: errors.translateError,
    // Once registered, the person's data is kept as sent: only the enrolment remains.
    isDisabled: create.isPending || enrol.isPending || registeredId !== undefined,
  };
  const pending = create.isPending || enrol.isPending;
  const failed = create.error ?? enrol.error;

  const enrolOnly = (participantId: string) =>
    enrol.mutate([participantId], { onSuccess: () => onClose(true) });

  const submit = form.handleSubmit((values) => {
    errors.clear();
    if (registeredId) {
      enrolOnly(registeredId);
      return;
    }
    create.mutate(toNewParticipant(values), {
      onSuccess: (participant) => {
        setRegisteredId(participant.id);
        enrolOnly(participant.id);
      },
      onError: errors.reject,
    });
  });

  return (
    <DialogForm
      title={t('participants.addTitle')}
      isPending={pending}
      onClose={() => onClose(false)}
      onSubmit={submit}
      errors={errors}
      error={failed}
      submitLabel={pending ? t('editor.saving') : t('participants.addConfirm')}
      cancelLabel={t('editor.cancel')}
    >
      {registeredId && enrol.isError && (
        <Notice tone="info">
          <p>{t('participants.registeredNotEnrolled')}</p>
        </Notice>
      )}
      <Notice tone="info">
        <p>{t('participants.personalData')}</p>
      </Notice>
      <FormTextField
        {...bound}
        name="fullName"
        label={t('participants.fullName')}
        isRequired
        maxLength={200}
        autoComplete="off"
      />
      <FormTextField
        {...bound}
        name="institutionName"
        label={t('participants.institution')}
        description={t('participants.institutionHelp')}
        isRequired
        maxLength={200}
        autoComplete="off"
      />
      <div className="training-pair">
        <FieldAnchor name="sector">
          <FormSelect
            {...bound}
            name="sector"
            label={t('participants.sector')}
            options={labels.sectorOptions(SECTORS)}
            isRequired
          />
        </FieldAnchor>
        <FieldAnchor name="province">
          <FormSelect
            {...bound}
            name="province"
            label={t('participants.province')}
            options={[
              { id: NO_PROVINCE, label: t('participants.noProvince') },
              ...options('province', PROVINCES),
            ]}
          />
        </FieldAnchor>
      </div>
      <FormTextField
        {...bound}
        name="position"
        label={t('participants.position')}
        maxLength={200}
        autoComplete="off"
      />
      <FormTextField
        {...bound}
        name="workEmail"
        label={t('participants.workEmail')}
        description={t('participants.workEmailHelp')}
        type="email"
        inputMode="email"
        maxLength={254}
        autoComplete="off"
      />
    </DialogForm>
  );
}
