import type { FieldErrors, FieldValues } from 'react-hook-form';
import { fieldId } from './fields';
import type { SummaryItem } from '../ErrorSummary';

/**
 * Every message of a form's errors, in field order, with the id of the input
 * to move to: the items of its error summary.
 */
export function errorItems<T extends FieldValues>(
  errors: FieldErrors<T>,
  translate: (message: string | undefined) => string | undefined,
): SummaryItem[] {
  const items: SummaryItem[] = [];
  const walk = (node: unknown, path: string[]) => {
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (typeof record.message === 'string' && record.message) {
      const name = path.filter((part) => part !== 'root').join('.');
      items.push({ fieldId: fieldId(name), message: translate(record.message) ?? '' });
      return;
    }
    for (const [key, value] of Object.entries(record)) {
      if (key === 'ref' || key === 'type' || key === 'types') continue;
      walk(value, [...path, key]);
    }
  };
  walk(errors, []);
  return items;
}
