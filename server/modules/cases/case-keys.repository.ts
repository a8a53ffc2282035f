import type { Transaction } from 'kysely';
import type { WrappedKey } from '../../../security/crypto';
import type { DB } from '../../db/schema';

type Trx = Transaction<DB>;

export async function insertCaseKey(trx: Trx, caseId: string, key: WrappedKey) {
  await trx
    .insertInto('case_keys')
    .values({ case_id: caseId, kek_version: key.kekVersion, wrapped_key: key.wrapped })
    .execute();
}

export async function findCaseKey(trx: Trx, caseId: string): Promise<WrappedKey | undefined> {
  const row = await trx
    .selectFrom('case_keys')
    .select(['kek_version', 'wrapped_key'])
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  return row && { kekVersion: row.kek_version, wrapped: Buffer.from(row.wrapped_key) };
}

export interface BlindIndexEntry {
  field: 'document_number' | 'phone';
  value: Buffer;
}

/** Other cases with the same blind index value, and their team's name. */
export async function findBlindIndexMatches(
  trx: Trx,
  entries: BlindIndexEntry[],
  excludeCaseId: string,
) {
  if (entries.length === 0) return [];
  return trx
    .selectFrom('case_blind_indexes as b')
    .innerJoin('teams as t', 't.id', 'b.team_id')
    .select(['b.case_id', 'b.field', 't.id as team_id', 't.name as team_name'])
    .where('b.case_id', '<>', excludeCaseId)
    .where((eb) =>
      eb.or(entries.map((e) => eb.and([eb('b.field', '=', e.field), eb('b.value', '=', e.value)]))),
    )
    .execute();
}

export async function insertBlindIndexes(
  trx: Trx,
  caseId: string,
  teamId: string,
  entries: BlindIndexEntry[],
) {
  if (entries.length === 0) return;
  await trx
    .insertInto('case_blind_indexes')
    .values(entries.map((e) => ({ case_id: caseId, team_id: teamId, ...e })))
    .execute();
}

/** Case numbers of the given cases that this actor may see (RLS decides). */
export async function visibleCaseNumbers(trx: Trx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await trx
    .selectFrom('cases')
    .select(['id', 'case_number'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.case_number]));
}

/** Replaces the case's blind index of a field (its value or its team changed). */
export async function replaceBlindIndexes(
  trx: Trx,
  caseId: string,
  teamId: string,
  entries: BlindIndexEntry[],
) {
  for (const entry of entries) {
    await trx
      .deleteFrom('case_blind_indexes')
      .where('case_id', '=', caseId)
      .where('field', '=', entry.field)
      .execute();
  }
  await insertBlindIndexes(trx, caseId, teamId, entries);
}

export async function moveBlindIndexesToTeam(trx: Trx, caseId: string, teamId: string) {
  await trx
    .updateTable('case_blind_indexes')
    .set({ team_id: teamId })
    .where('case_id', '=', caseId)
    .execute();
}

/** Crypto-shredding: the wrapped data key and the blind indexes go; the ciphertexts stay unreadable. */
export async function destroyCaseKey(trx: Trx, caseId: string): Promise<boolean> {
  await trx.deleteFrom('case_blind_indexes').where('case_id', '=', caseId).execute();
  const result = await trx.deleteFrom('case_keys').where('case_id', '=', caseId).executeTakeFirst();
  return result.numDeletedRows === 1n;
}
