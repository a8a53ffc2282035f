import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { DialogForm } from '../../ui/form/forms';
import { FormDateField, FormRadioGroup, FormTextField } from '../../ui/form/fields';
import { z } from '../../ui/form/zod';
import { FieldAnchor } from '../campaigns/FieldAnchor';
import { decimalOf } from './decimal-input';
import type { BudgetEntry, BudgetKind, BudgetVoidReason, Project } from './target-types';
import { BUDGET_KINDS, VOID_REASONS } from './target-vocabularies';
import { useTargetFormErrors } from './useTargetFormErrors';
import { useCreateBudgetEntry, useVoidBudgetEntry } from './useTargets';
import { useTargetFormat } from './useTargetWords';

const EntryForm = z
  .object({
    kind: z.enum(BUDGET_KINDS, { message: 'required' }),
    date: z.string({ message: 'required' }).min(1, 'required'),
    amount: z.string().refine((text) => decimalOf(text) !== undefined, 'amount'),
    note: z.string().trim().max(500, 'too_long'),
  })
  .superRefine((values, ctx) => {
    if (
      values.kind === 'devengado' &&
      decimalOf(values.amount) !== undefined &&
      Number(decimalOf(values.amount)) <= 0
    ) {
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'accrued_positive' });
    }
  });
type EntryFormValues = z.infer<typeof EntryForm>;

/** Today in the browser's calendar, as YYYY-MM-DD. */
const today = () => {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
};

/**
 * A dated budget entry of a project: the coded budget from that date on (the
 * initial allocation, then each reform: the latest counts) or an amount
 * accrued (they add up). Amounts are typed as people type them: "5.500,00".
 */
export function BudgetEntryDialog({
  project,
  year,
  onClose,
}: {
  project: Project;
  year: number;
  onClose: (saved: boolean) => void;
}) {
  const { t } = useTranslation('targets');
  const format = useTargetFormat();
  const create = useCreateBudgetEntry(project.id);
  const now = today();
  const form = useForm<EntryFormValues>({
    resolver: zodResolver(EntryForm),
    defaultValues: {
      kind: undefined as unknown as BudgetKind,
      date: now.startsWith(String(year)) ? now : '',
      amount: '',
      note: '',
    },
    shouldFocusError: false,
  });
  const errors = useTargetFormErrors(['kind', 'date', 'amount', 'note'], form, {
    kind: t('budget.kind'),
    date: t('budget.date'),
    amount: t('budget.amount'),
    note: t('budget.note'),
  });
  const bound = {
    control: form.control,
    translateError: errors.translateError,
    isDisabled: create.isPending,
  };
  const amount = decimalOf(useWatch({ control: form.control, name: 'amount' }) ?? '');
  const submit = form.handleSubmit((values) => {
    errors.clear();
    create.mutate(
      {
        kind: values.kind,
        date: values.date,
        amount: decimalOf(values.amount) ?? '0',
        note: values.note.trim() === '' ? null : values.note.trim(),
      },
      { onSuccess: () => onClose(true), onError: errors.reject },
    );
  });
  return (
    <DialogForm
      title={t('budget.newEntry')}
      isPending={create.isPending}
      onClose={() => onClose(false)}
      onSubmit={submit}
      errors={errors}
      error={create.error}
      submitLabel={create.isPending ? t('form.saving') : t('budget.addEntry')}
      cancelLabel={t('form.cancel')}
    >
      <p className="field__description">
        {t('budget.entryFor', { code: project.code, name: project.name, year })}
      </p>
      <FieldAnchor name="kind">
        <FormRadioGroup
          {...bound}
          name="kind"
          label={t('budget.kind')}
          options={BUDGET_KINDS.map((kind) => ({ id: kind, label: t(`budget.kinds.${kind}`) }))}
          description={t('budget.kindHelp')}
          isRequired
        />
      </FieldAnchor>
      <FieldAnchor name="date">
        <FormDateField
          {...bound}
          name="date"
          label={t('budget.date')}
          description={t('budget.dateHelp', { year })}
          isRequired
        />
      </FieldAnchor>
      <FormTextField
        {...bound}
        name="amount"
        label={t('budget.amountUsd')}
        description={
          amount === undefined
            ? t('budget.amountHelp')
            : t('budget.amountAs', { amount: format.money(amount) })
        }
        inputMode="decimal"
        maxLength={24}
        isRequired
      />
      <FormTextField
        {...bound}
        name="note"
        label={t('budget.note')}
        description={t('budget.noteHelp')}
        multiline
        rows={2}
        maxLength={500}
      />
    </DialogForm>
  );
}

const VoidForm = z.object({ reason: z.enum(VOID_REASONS, { message: 'required' }) });
type VoidFormValues = z.infer<typeof VoidForm>;

/** Voids an entry (it stays listed, crossed out, and counts no more). */
export function VoidEntryDialog({
  entry,
  onClose,
}: {
  entry: BudgetEntry;
  onClose: (saved: boolean) => void;
}) {
  const { t } = useTranslation('targets');
  const format = useTargetFormat();
  const voidEntry = useVoidBudgetEntry();
  const form = useForm<VoidFormValues>({
    resolver: zodResolver(VoidForm),
    defaultValues: { reason: undefined as unknown as BudgetVoidReason },
    shouldFocusError: false,
  });
  const errors = useTargetFormErrors(['reason'], form, { reason: t('budget.voidReason') });
  const submit = form.handleSubmit((values) => {
    errors.clear();
    voidEntry.mutate(
      { id: entry.id, reason: values.reason },
      { onSuccess: () => onClose(true), onError: errors.reject },
    );
  });
  return (
    <DialogForm
      title={t('budget.voidTitle')}
      role="alertdialog"
      isPending={voidEntry.isPending}
      onClose={() => onClose(false)}
      onSubmit={submit}
      errors={errors}
      error={voidEntry.error}
      submitLabel={t('budget.voidConfirm')}
      submitVariant="danger"
      cancelLabel={t('form.cancel')}
    >
      <p>
        {t('budget.voidExplain', {
          kind: t(`budget.kinds.${entry.kind}`),
          amount: format.money(entry.amount),
          date: format.date(entry.date),
        })}
      </p>
      <FieldAnchor name="reason">
        <FormRadioGroup
          control={form.control}
          translateError={errors.translateError}
          isDisabled={voidEntry.isPending}
          name="reason"
          label={t('budget.voidReason')}
          options={VOID_REASONS.map((r) => ({ id: r, label: t(`budget.voidReasons.${r}`) }))}
          isRequired
        />
      </FieldAnchor>
    </DialogForm>
  );
}
