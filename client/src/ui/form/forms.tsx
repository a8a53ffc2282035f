/**
 * A form's frames and state (field messages, errors, versioned changes, the
 * dialog and editor forms, confirmations), kept in one module so that the
 * screens using them share one chunk of the build: each chunk adds to the
 * entry's preload map, which counts in the initial budget.
 */
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Button, type ButtonVariant } from '../Button';
import { Dialog } from '../Dialog';
import { ErrorSummary, type SummaryItem } from '../ErrorSummary';
import { Notice } from '../Notice';
import { ProblemMessage } from '../ProblemMessage';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { isProblem } from '../../api/problem';
import { useServerFieldErrors } from './useServerFieldErrors';
import { useSubmitSummary } from './useSubmitSummary';
import { useTranslateFieldError } from './useTranslateFieldError';

/** The namespaces with field messages of their own (`<ns>:fieldErrors.<code>`). */
export type FieldErrorNamespace = 'admin' | 'campaigns' | 'consents' | 'targets' | 'trainings';

/**
 * Field messages of a feature's forms: its own codes first
 * (`<ns>:fieldErrors.<code>`, e.g. the server's `ends_before_start` or a
 * form's `amount`), then the shared ones (ui:fieldErrors).
 */
export function useFeatureErrorText(ns: FieldErrorNamespace) {
  const { t, i18n } = useTranslation(ns);
  const shared = useTranslateFieldError();
  // The key is only known at run time (checked with `exists` first).
  const translate = t as unknown as (key: string) => string;
  return (message: string | undefined): string | undefined => {
    if (message === undefined) return undefined;
    const code = message.startsWith('fieldErrors.')
      ? message.slice('fieldErrors.'.length)
      : message;
    const key = `fieldErrors.${code}`;
    if (i18n.exists(key, { ns })) return translate(key);
    return shared(message);
  };
}

/**
 * The errors of a feature's form: each field's message in the feature's
 * words (`ns`), the server's refusals put on the fields they name, the
 * summary as it was at the last attempt (each line naming its field, from
 * `labelOf`) and the feature's sentences for the refusals no field explains.
 */
export function useFormErrors<T extends FieldValues>(
  fields: readonly string[],
  form: UseFormReturn<T>,
  feature: {
    ns: FieldErrorNamespace;
    problems: Record<string, string>;
    labelOf: (fieldId: string) => string | undefined;
  },
) {
  const translateError = useFeatureErrorText(feature.ns);
  const serverErrors = useServerFieldErrors(
    fields,
    { setError: form.setError, errors: form.formState.errors },
    translateError,
  );
  const summary = useSubmitSummary(
    serverErrors.summary,
    form.formState.submitCount,
    feature.labelOf,
  );
  return {
    translateError,
    problems: feature.problems,
    summaryItems: summary.items,
    /** Before an attempt: the last refusal no longer stands. */
    clear: serverErrors.clear,
    /** The server refused an attempt: its errors on their fields and in the summary. */
    reject: (error: unknown) => {
      serverErrors.apply(error);
      summary.refresh();
    },
  };
}

export type FormErrors = ReturnType<typeof useFormErrors>;

/** Problems a field error explains on its own: the summary and the fields say it. */
export const explainedByFields = (error: unknown) =>
  isProblem(error, 'validation_failed') && error.errors.length > 0;

/** A label lookup from field paths (ids: `field-` and the path with dashes; a list's items fall back to the list's). */
export const labelsOf =
  (labels: Record<string, string>) =>
  (fieldId: string): string | undefined => {
    const path = fieldId.replace(/^field-/, '');
    return labels[path] ?? labels[path.split('-')[0] ?? ''];
  };

/**
 * A change of a record from the version read: only what changed is sent
 * (`toChange` says null when nothing did). When someone else saved first
 * (409 stale_version) `loadCurrent` reads their version and puts it in the
 * form (what was typed is then replaced: the person reapplies it).
 */
export function useVersionedChange<Detail, Values extends FieldValues, Change>({
  loaded,
  form,
  errors,
  update,
  refresh,
  formOf,
}: {
  loaded: Detail;
  form: UseFormReturn<Values>;
  errors: { clear: () => void; reject: (error: unknown) => void };
  update: {
    mutate: (
      change: Change,
      options: { onSuccess: (saved: Detail) => void; onError: (error: Error) => void },
    ) => void;
    reset: () => void;
    error: unknown;
  };
  refresh: () => Promise<Detail>;
  formOf: (detail: Detail) => Values;
}) {
  const [base, setBase] = useState(loaded);
  const [nothing, setNothing] = useState(false);
  const [reloaded, setReloaded] = useState(false);
  return {
    nothing,
    reloaded,
    stale: isProblem(update.error, 'stale_version'),
    /** An attempt: the change from the version the form started from, sent unless it is none. */
    save: (toChange: (base: Detail) => Change | null, onSaved: (saved: Detail) => void) => {
      errors.clear();
      setNothing(false);
      setReloaded(false);
      const change = toChange(base);
      if (!change) {
        setNothing(true);
        return;
      }
      update.mutate(change, { onSuccess: onSaved, onError: errors.reject });
    },
    loadCurrent: async () => {
      const fresh = await refresh();
      setBase(fresh);
      form.reset(formOf(fresh));
      update.reset();
      errors.clear();
      setReloaded(true);
    },
  };
}

export interface SubmitFormProps {
  onSubmit: () => Promise<void> | void;
  /** The summary's items and this feature's sentences for the refusals (useFormErrors). */
  errors: { summaryItems: SummaryItem[]; problems: Record<string, string> };
  /** The refusal of the last attempt; one its field errors explain is not repeated. */
  error?: unknown;
  /** Said when an attempt changed nothing. */
  nothing?: string | false;
  children: ReactNode;
}

/**
 * A form that checks its own fields (noValidate): its error summary at the
 * top, then `before` (e.g. a newer version's warning), the refusal no field
 * explains, what an attempt that changed nothing says, the fields and the
 * actions.
 */
export function SubmitForm({
  className = 'stack',
  onSubmit,
  errors,
  error,
  nothing,
  before,
  actions,
  children,
}: SubmitFormProps & { className?: string; before?: ReactNode; actions: ReactNode }) {
  return (
    <form
      className={className}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
    >
      <ErrorSummary items={errors.summaryItems} />
      {before}
      {error != null && !explainedByFields(error) && (
        <ProblemMessage error={error} messages={errors.problems} />
      )}
      {nothing && (
        <Notice tone="info" live>
          {nothing}
        </Notice>
      )}
      {children}
      <div className="actions">{actions}</div>
    </form>
  );
}

/**
 * A form in a modal dialog: it cannot be dismissed while its request runs,
 * and its footer has the submit button (none without `submitLabel`) and the
 * cancel one.
 */
export function DialogForm({
  title,
  role,
  isPending,
  onClose,
  submitLabel,
  submitVariant = 'primary',
  cancelLabel,
  ...form
}: SubmitFormProps & {
  title: string;
  role?: 'dialog' | 'alertdialog';
  isPending: boolean;
  onClose: () => void;
  submitLabel?: string;
  submitVariant?: ButtonVariant;
  cancelLabel: string;
}) {
  return (
    <Dialog
      title={title}
      role={role}
      isOpen
      onOpenChange={(open) => !open && onClose()}
      isDismissable={!isPending}
    >
      <SubmitForm
        {...form}
        actions={
          <>
            {submitLabel && (
              <Button type="submit" variant={submitVariant} isDisabled={isPending}>
                {submitLabel}
              </Button>
            )}
            <Button onPress={onClose} isDisabled={isPending}>
              {cancelLabel}
            </Button>
          </>
        }
      />
    </Dialog>
  );
}

/**
 * The form of an editor page (a new record, or a change of one): under its
 * summary the warning that someone else saved first (`stale`: it stands for
 * the refusal and keeps the form from being sent again) and what loading
 * their version did (`reloaded`); its footer saves or goes back (`cancel`).
 */
export function EditorForm({
  isPending,
  stale,
  reloaded,
  error,
  submitLabel,
  cancel,
  ...form
}: SubmitFormProps & {
  className: string;
  isPending: boolean;
  stale?: ReactNode;
  reloaded?: string | false;
  submitLabel: string;
  cancel: { to: string; label: string };
}) {
  return (
    <SubmitForm
      {...form}
      error={stale ? null : error}
      before={
        <>
          {stale}
          {reloaded && (
            <Notice tone="info" live>
              {reloaded}
            </Notice>
          )}
        </>
      }
      actions={
        <>
          <Button type="submit" variant="primary" isDisabled={isPending || Boolean(stale)}>
            {submitLabel}
          </Button>
          <Link className="button button--secondary" to={cancel.to}>
            {cancel.label}
          </Link>
        </>
      }
    />
  );
}

/** Someone else saved a newer version first: what happened, and what to do (`children`). */
export function StaleVersionNotice({
  title,
  explain,
  children,
}: {
  title: string;
  explain: string;
  children: ReactNode;
}) {
  return (
    <div className="notice notice--warning" role="alert">
      <p>
        <strong>{title}</strong>
      </p>
      <p>{explain}</p>
      {children}
    </div>
  );
}

/**
 * Confirms a consequential action (deleting something, taking someone off a
 * programme): what it is about (`children`), what it does, and the server's
 * refusal in the feature's words (`problems`) when it refuses.
 */
export function ConfirmDialog({
  title,
  confirm,
  onConfirm,
  isPending,
  error,
  problems,
  cancelLabel,
  onCancel,
  children,
}: {
  title: string;
  confirm: string;
  onConfirm: () => void;
  isPending: boolean;
  error: unknown;
  problems: Record<string, string>;
  cancelLabel: string;
  onCancel: () => void;
  children: ReactNode;
}) {
  return (
    <Dialog
      role="alertdialog"
      title={title}
      isOpen
      onOpenChange={(open) => !open && onCancel()}
      isDismissable={!isPending}
    >
      <div className="stack">
        {children}
        {error !== null && error !== undefined && (
          <ProblemMessage error={error} messages={problems} />
        )}
        <div className="actions">
          <Button variant="danger" isDisabled={isPending} onPress={onConfirm}>
            {confirm}
          </Button>
          <Button onPress={onCancel} isDisabled={isPending}>
            {cancelLabel}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
