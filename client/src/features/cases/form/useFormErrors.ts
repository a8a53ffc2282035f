import { useState } from 'react';
import type { FieldErrors, FieldValues, UseFormSetError } from 'react-hook-form';
import { fieldId } from '../../../ui/form/fields';
import { applyServerFieldErrors } from '../../../ui/form/server-errors';
import type { SummaryItem } from '../../../ui/ErrorSummary';
import { FORM_FIELDS } from './case-form';

/** Flattens react-hook-form's nested errors into `identity.fullName` → message. */
function flatten(errors: FieldErrors, prefix = ''): [string, string][] {
  const out: [string, string][] = [];
  for (const [key, value] of Object.entries(errors)) {
    if (!value || typeof value !== 'object') continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if ('message' in value && typeof value.message === 'string') out.push([path, value.message]);
    else out.push(...flatten(value as FieldErrors, path));
  }
  return out;
}

/**
 * The error summary of a case form: each field error (client or server) in
 * form order, linked to its field, with the field's label; plus the server's
 * errors no field claims.
 */
export function useFormErrors<T extends FieldValues>(
  label: (name: string) => string,
  translate: (message: string | undefined) => string | undefined,
) {
  const [unclaimed, setUnclaimed] = useState<string[]>([]);
  const summary = (errors: FieldErrors<T>): SummaryItem[] => {
    const byField = new Map(flatten(errors));
    const items = FORM_FIELDS.filter((name) => byField.has(name)).map((name) => ({
      fieldId: fieldId(name),
      message: `${label(name)}: ${translate(byField.get(name)) ?? ''}`,
    }));
    // In the order the fields appear on the screen.
    items.sort((a, b) => {
      const first = document.getElementById(a.fieldId);
      const second = document.getElementById(b.fieldId);
      if (!first || !second) return 0;
      return first.compareDocumentPosition(second) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
    return [...items, ...unclaimed.map((message) => ({ message: translate(message) ?? '' }))];
  };
  const applyServer = (error: unknown, setError: UseFormSetError<T>) =>
    setUnclaimed(applyServerFieldErrors(error, FORM_FIELDS, setError));
  const reset = () => setUnclaimed([]);
  return { summary, applyServer, reset };
}
