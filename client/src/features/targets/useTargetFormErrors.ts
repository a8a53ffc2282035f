import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { isProblem } from '../../api/problem';
import { useServerFieldErrors } from '../../ui/form/useServerFieldErrors';
import { useSubmitSummary } from '../campaigns/useSubmitSummary';
import { useTargetErrorText, useTargetProblems } from './useTargetWords';

/**
 * The errors of a form of this feature: each field's message in its words,
 * the server's refusals put on the fields they name, the summary as it was
 * at the last attempt (each line naming its field, from `labels`: field
 * paths with dashes, as ui/form fieldId writes them) and the sentences for
 * the refusals no field explains.
 */
export function useTargetFormErrors<T extends FieldValues>(
  fields: readonly string[],
  form: UseFormReturn<T>,
  labels: Record<string, string>,
) {
  const translateError = useTargetErrorText();
  const problems = useTargetProblems();
  const serverErrors = useServerFieldErrors(
    fields,
    { setError: form.setError, errors: form.formState.errors },
    translateError,
  );
  const labelOf = (fieldId: string) => {
    const path = fieldId.replace(/^field-/, '');
    return labels[path] ?? labels[path.split('-')[0] ?? ''];
  };
  const summary = useSubmitSummary(serverErrors.summary, form.formState.submitCount, labelOf);
  return {
    translateError,
    problems,
    summaryItems: summary.items,
    clear: serverErrors.clear,
    reject: (error: unknown) => {
      serverErrors.apply(error);
      summary.refresh();
    },
  };
}

/** Problems a field error explains on its own: the summary and the fields say it. */
export const explainedByFields = (error: unknown) =>
  isProblem(error, 'validation_failed') && error.errors.length > 0;
