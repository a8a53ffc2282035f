import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { isProblem } from '../../api/problem';
import { useFeatureErrorText, type FieldErrorNamespace } from './useFeatureErrorText';
import { useServerFieldErrors } from './useServerFieldErrors';
import { useSubmitSummary } from './useSubmitSummary';

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
