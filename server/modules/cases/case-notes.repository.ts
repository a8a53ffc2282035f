import type { Transaction } from 'kysely';
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

export async function listNotes(trx: Trx, caseId: string) {
  return trx
    .selectFrom('case_notes')
    .select(['id', 'author_id', 'body_enc', 'created_at'])
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
