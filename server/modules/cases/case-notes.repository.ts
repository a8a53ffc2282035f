import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';

type Trx = Transaction<DB>;

export async function insertNote(
  trx: Trx,
  note: { id: string; caseId: string; authorId: string; bodyEnc: Buffer },
) {
  return trx
    .insertInto('case_notes')
    .values({ id: note.id, case_id: note.caseId, author_id: note.authorId, body_enc: note.bodyEnc })
    .returning(['id', 'author_id', 'created_at'])
    .executeTakeFirstOrThrow();
}

/**
 * A page of the case's notes, newest first (row-level security applies).
 * The cursor carries milliseconds; created_at has microseconds (now()).
 */
export async function listNotes(
  trx: Trx,
  caseId: string,
  page: { after?: { createdAt: string; id: string }; limit: number },
) {
  const createdMs = sql<Date>`date_trunc('milliseconds', created_at)`;
  let query = trx
    .selectFrom('case_notes')
    .select(['id', 'author_id', 'body_enc', 'created_at'])
    .where('case_id', '=', caseId);
  if (page.after) {
    const { createdAt, id } = page.after;
    query = query.where(sql<boolean>`(${createdMs}, id) < (${new Date(createdAt)}, ${id}::uuid)`);
  }
  return query.orderBy(createdMs, 'desc').orderBy('id', 'desc').limit(page.limit).execute();
}
