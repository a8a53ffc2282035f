import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { useFormErrors } from '../../ui/form/forms';
import { useCampaignProblems, useFieldLabels } from './useCampaignText';

/** The errors of a campaign's forms (a new campaign, a change of one, an activity) in this feature's words. */
export function useCampaignFormErrors<T extends FieldValues>(
  fields: readonly string[],
  form: UseFormReturn<T>,
) {
  const problems = useCampaignProblems();
  const labelOf = useFieldLabels();
  return useFormErrors(fields, form, { ns: 'campaigns', problems, labelOf });
}
