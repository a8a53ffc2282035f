import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { DialogForm } from '../../ui/form/forms';
import { FormSelect, FormTextField } from '../../ui/form/fields';
import { z } from '../../ui/form/zod';
import { FieldAnchor } from '../campaigns/FieldAnchor';
import { decimalOf } from './decimal-input';
import type { TargetDetail } from './target-types';
import { QUARTERS } from './target-vocabularies';
import { useTargetFormErrors } from './useTargetFormErrors';
import { useRecordManualValue } from './useTargets';
import { useTargetFormat } from './useTargetWords';

const ManualValueForm = z.object({
  quarter: z.string({ message: 'required' }).min(1, 'required'),
  value: z.string().refine((text) => decimalOf(text) !== undefined, 'decimal'),
  note: z.string().trim().max(500, 'too_long'),
});
type ManualValueFormValues = z.infer<typeof ManualValueForm>;
const FIELDS = ['quarter', 'value', 'note'];

/** The quarters of a year that have begun (a value of one that has not is refused). */
function startedQuarters(year: number, today = new Date()): number[] {
  const now = today.getFullYear();
  if (year < now) return [...QUARTERS];
  if (year > now) return [];
  const current = Math.floor(today.getMonth() / 3) + 1;
  return QUARTERS.filter((q) => q <= current);
}

/**
 * Records what a manual target achieved in a quarter (within it alone). A
 * new value for a quarter replaces the one before in the figures; every
 * entry stays listed with who recorded it and when.
 */
export function ManualValueDialog({
  target,
  onClose,
}: {
  target: TargetDetail;
  onClose: (saved: boolean) => void;
}) {
  const { t } = useTranslation('targets');
  const format = useTargetFormat();
  const record = useRecordManualValue(target.id);
  const quarters = startedQuarters(target.year);
  const form = useForm<ManualValueFormValues>({
    resolver: zodResolver(ManualValueForm),
    defaultValues: {
      quarter: quarters.length > 0 ? String(quarters[quarters.length - 1]) : '',
      value: '',
      note: '',
    },
    shouldFocusError: false,
  });
  const errors = useTargetFormErrors(FIELDS, form, {
    quarter: t('quarters.quarter'),
    value: t('manual.value'),
    note: t('manual.note'),
  });
  const bound = {
    control: form.control,
    translateError: errors.translateError,
    isDisabled: record.isPending,
  };
  const typed = useWatch({ control: form.control, name: 'value' });
  const exact = decimalOf(typed ?? '');

  const submit = form.handleSubmit((values) => {
    errors.clear();
    record.mutate(
      {
        quarter: Number(values.quarter),
        value: decimalOf(values.value) ?? '0',
        note: values.note.trim() === '' ? null : values.note.trim(),
      },
      { onSuccess: () => onClose(true), onError: errors.reject },
    );
  });

  return (
    <DialogForm
      title={t('manual.dialogTitle')}
      isPending={record.isPending}
      onClose={() => onClose(false)}
      onSubmit={submit}
      errors={errors}
      error={record.error}
      submitLabel={
        quarters.length > 0 ? (record.isPending ? t('form.saving') : t('manual.save')) : undefined
      }
      cancelLabel={t('form.cancel')}
    >
      <p className="field__description">
        {t('manual.dialogExplain', { indicator: target.indicator })}
      </p>
      {quarters.length === 0 ? (
        <p>{t('manual.noQuarter', { year: target.year })}</p>
      ) : (
        <>
          <FieldAnchor name="quarter">
            <FormSelect
              {...bound}
              name="quarter"
              label={t('quarters.quarter')}
              options={quarters.map((q) => ({
                id: String(q),
                label: t('quarters.long', { quarter: q }),
              }))}
              isRequired
            />
          </FieldAnchor>
          <FormTextField
            {...bound}
            name="value"
            label={t('manual.valueIn', { unit: target.unitOfMeasure })}
            description={
              exact === undefined
                ? t('manual.valueHelp')
                : t('manual.valueAs', { value: format.withUnit(exact, target.unitOfMeasure) })
            }
            inputMode="decimal"
            maxLength={20}
            isRequired
          />
          <FormTextField
            {...bound}
            name="note"
            label={t('manual.note')}
            description={t('manual.noteHelp')}
            multiline
            rows={2}
            maxLength={500}
          />
        </>
      )}
    </DialogForm>
  );
}
