import { blindIndex } from '../../../security/crypto';
import type { CaseIdentity, PossibleDuplicate } from './cases.schemas';
import {
  findBlindIndexMatches,
  visibleCaseNumbers,
  type BlindIndexEntry,
} from './case-keys.repository';

/** Blind indexes of the identity document number and phone, when given. */
export function blindIndexesOf(key: Buffer, identity: Partial<CaseIdentity>): BlindIndexEntry[] {
  const entries: BlindIndexEntry[] = [];
  const { documentNumber, phone } = identity;
  const doc =
    documentNumber === undefined ? undefined : blindIndex(key, 'document_number', documentNumber);
  if (doc) entries.push({ field: 'document_number', value: doc });
  const tel = phone === undefined ? undefined : blindIndex(key, 'phone', phone);
  if (tel) entries.push({ field: 'phone', value: tel });
  return entries;
}

/**
 * Other cases with the same document number or phone: the team to ask, and
 * the case itself only when the actor may see it (RLS decides).
 */
export async function possibleDuplicates(
  trx: Parameters<typeof findBlindIndexMatches>[0],
  indexes: BlindIndexEntry[],
  caseId: string,
): Promise<PossibleDuplicate[]> {
  const matches = await findBlindIndexMatches(trx, indexes, caseId);
  const numbers = await visibleCaseNumbers(
    trx,
    matches.map((m) => m.case_id),
  );
  return matches.map((m) => {
    const caseNumber = numbers.get(m.case_id);
    return {
      field: m.field === 'document_number' ? 'documentNumber' : 'phone',
      team: { id: m.team_id, name: m.team_name },
      ...(caseNumber ? { caseId: m.case_id, caseNumber } : {}),
    };
  });
}
