import type { components } from '../../../api/schema';

export type PossibleDuplicate = components['schemas']['PossibleDuplicate'];

/**
 * The duplicate warnings of the last intake or edit, handed to the case page
 * in memory (never in the URL, history state or storage), read once.
 */
const pending = new Map<string, PossibleDuplicate[]>();

export function rememberDuplicates(caseId: string, duplicates: PossibleDuplicate[]): void {
  if (duplicates.length > 0) pending.set(caseId, duplicates);
}

export function takeDuplicates(caseId: string): PossibleDuplicate[] {
  const found = pending.get(caseId) ?? [];
  // Forgotten after this render (a development double render reads it twice).
  setTimeout(() => pending.delete(caseId), 0);
  return found;
}
