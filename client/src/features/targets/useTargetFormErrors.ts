import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { labelsOf, useFormErrors } from '../../ui/form/forms';
import { useTargetProblems } from './useTargetWords';

/**
 * The errors of a form of this feature in its words, each summary line named
 * from `labels` (field paths with dashes, as ui/form fieldId writes them).
 */
export function useTargetFormErrors<T extends FieldValues>(
  fields: readonly string[],
  form: UseFormReturn<T>,
  labels: Record<string, string>,
) {
  const problems = useTargetProblems();
  return useFormErrors(fields, form, { ns: 'targets', problems, labelOf: labelsOf(labels) });
}
