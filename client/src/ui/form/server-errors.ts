import type { FieldPath, FieldValues, UseFormSetError } from 'react-hook-form';
import { isProblem } from '../../api/problem';

/**
 * Places a 400 problem's field errors on the form's fields (`errors[].path` is
 * `body.<field path>`); returns the errors no field of this form claims, so the
 * screen can show them in its summary. Messages are i18n keys under
 * `ui:fieldErrors.<code>`.
 */
export function applyServerFieldErrors<T extends FieldValues>(
  error: unknown,
  fields: readonly string[],
  setError: UseFormSetError<T>,
): string[] {
  if (!isProblem(error) || error.errors.length === 0) return [];
  const unclaimed: string[] = [];
  for (const [path, fieldError] of error.fieldErrors()) {
    const message = `fieldErrors.${fieldError.code}`;
    const field = fields.find((name) => path === name || path.startsWith(`${name}.`));
    if (field) setError(field as FieldPath<T>, { type: 'server', message }, { shouldFocus: false });
    else unclaimed.push(message);
  }
  return unclaimed;
}
