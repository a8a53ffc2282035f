import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { useFormErrors } from '../../ui/form/forms';
import { useTrainingProblems } from './useTrainingText';

/** The errors of a training form in this feature's words (each summary line named by `labelOf`). */
export function useTrainingFormErrors<T extends FieldValues>(
  fields: readonly string[],
  form: UseFormReturn<T>,
  labelOf: (fieldId: string) => string | undefined,
) {
  const problems = useTrainingProblems();
  return useFormErrors(fields, form, { ns: 'trainings', problems, labelOf });
}
