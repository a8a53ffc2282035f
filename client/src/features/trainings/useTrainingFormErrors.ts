import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { isProblem } from '../../api/problem';
import { useServerFieldErrors } from '../../ui/form/useServerFieldErrors';
import { useSubmitSummary } from '../campaigns/useSubmitSummary';
import { useTrainingErrorText, useTrainingProblems } from './useTrainingText';

/**
 * The errors of a training form: each field's message in this feature's
 * words, the server's refusals put on the fields they name, the summary as
 * it was at the last attempt (each line naming its field, from `labelOf`)
 * and the sentences for the refusals no field explains.
 */
export function useTrainingFormErrors<T extends FieldValues>(
  fields: readonly string[],
  form: UseFormReturn<T>,
  labelOf: (fieldId: string) => string | undefined,
) {
  const translateError = useTrainingErrorText();
  const problems = useTrainingProblems();
  const serverErrors = useServerFieldErrors(
    fields,
    { setError: form.setError, errors: form.formState.errors },
    translateError,
  );
  const summary = useSubmitSummary(serverErrors.summary, form.formState.submitCount, labelOf);
  return {
    translateError,
    problems,
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

/** Problems a field error explains on its own: the summary and the fields say it. */
export const explainedByFields = (error: unknown) =>
  isProblem(error, 'validation_failed') && error.errors.length > 0;
