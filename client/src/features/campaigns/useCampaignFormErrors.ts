import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { isProblem } from '../../api/problem';
import { useServerFieldErrors } from '../../ui/form/useServerFieldErrors';
import { useCampaignErrorText, useCampaignProblems, useFieldLabels } from './useCampaignText';
import { useSubmitSummary } from './useSubmitSummary';

/**
 * The errors of a campaign's forms (a new campaign, a change of one, an
 * activity): each field's message in this feature's words, the server's
 * refusals put on the fields they name, the summary as it was at the last
 * attempt (each line naming its field) and the sentences for the refusals
 * no field explains.
 */
export function useCampaignFormErrors<T extends FieldValues>(
  fields: readonly string[],
  form: UseFormReturn<T>,
) {
  const translateError = useCampaignErrorText();
  const fieldLabel = useFieldLabels();
  const problems = useCampaignProblems();
  const serverErrors = useServerFieldErrors(
    fields,
    { setError: form.setError, errors: form.formState.errors },
    translateError,
  );
  const summary = useSubmitSummary(serverErrors.summary, form.formState.submitCount, fieldLabel);
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
