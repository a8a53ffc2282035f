import { useState } from 'react';
import type { FieldErrors, FieldValues, UseFormSetError } from 'react-hook-form';
import type { SummaryItem } from '../ErrorSummary';
import { errorItems } from './error-items';
import { applyServerFieldErrors } from './server-errors';

/**
 * A form's error summary: its own field errors, then the server's refusals
 * that name none of its fields (`apply` puts the others on their fields).
 */
export function useServerFieldErrors<T extends FieldValues>(
  fields: readonly string[],
  form: { setError: UseFormSetError<T>; errors: FieldErrors<T> },
  translate: (message: string | undefined) => string | undefined,
) {
  const [unclaimed, setUnclaimed] = useState<string[]>([]);
  const summary: SummaryItem[] = [
    ...errorItems(form.errors, translate),
    ...unclaimed.map((message) => ({ message: translate(message) ?? '' })),
  ];
  return {
    summary,
    clear: () => setUnclaimed([]),
    apply: (error: unknown) => setUnclaimed(applyServerFieldErrors(error, fields, form.setError)),
  };
}
