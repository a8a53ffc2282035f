import type { Transaction } from 'kysely';
import type { CaseAttachmentsTable, DB } from '../../db/schema';

type Trx = Transaction<DB>;

export async function insertAttachment(
  trx: Trx,
  row: Omit<CaseAttachmentsTable, 'created_at'>,
): Promise<Date> {
  const inserted = await trx
    .insertInto('case_attachments')
    .values(row)
    .returning('created_at')
    .executeTakeFirstOrThrow();
  return inserted.created_at;
}

/** Metadata and encrypted names, without the (large) content. */
export async function listAttachments(trx: Trx, caseId: string) {
  return trx
    .selectFrom('case_attachments')
    .select(['id', 'uploaded_by', 'content_type', 'size_bytes', 'filename_enc', 'created_at'])
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function findAttachment(trx: Trx, caseId: string, id: string) {
  return trx
    .selectFrom('case_attachments')
    .select(['id', 'content_type', 'content_enc'])
    .where('case_id', '=', caseId)
    .where('id', '=', id)
    .executeTakeFirst();
}
