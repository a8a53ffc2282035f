import { randomUUID } from 'node:crypto';
import { decryptField, encryptField } from '../../../security/crypto';
import type { StaffActor } from '../../db/actor-transaction';
import { withCaseKey } from './case-key-access';
import { insertNote, listNotes } from './case-notes.repository';
import { toPage } from '../../http/pagination';
import type { CaseNote, CaseNoteListQuery } from './cases.schemas';
import type { CasesDeps } from './cases.service';

const address = (noteId: string) => ({ table: 'case_notes', field: 'body', recordId: noteId });

/** Appends a note, encrypted with the case's key. Notes are never edited or deleted. */
export async function addNote(
  deps: CasesDeps,
  actor: StaffActor,
  caseId: string,
  body: string,
): Promise<CaseNote> {
  const useCase = { action: 'case.note.create', needs: 'add_note' } as const;
  return withCaseKey(deps, actor, caseId, useCase, async (trx, dataKey) => {
    const id = randomUUID();
    const row = await insertNote(trx, {
      id,
      caseId,
      authorId: actor.id,
      bodyEnc: encryptField(dataKey, 1, address(id), body),
    });
    return { id, authorId: row.author_id, createdAt: row.created_at.toISOString(), body };
  });
}

/**
 * A page of the case's notes, newest first, decrypted: one audited read per
 * page (only the page's notes are read and decrypted).
 */
export async function readNotes(
  deps: CasesDeps,
  actor: StaffActor,
  caseId: string,
  query: CaseNoteListQuery,
): Promise<{ items: CaseNote[]; nextCursor: string | null }> {
  const audit = { action: 'case.note.read', purpose: 'view', needs: 'read' } as const;
  return withCaseKey(deps, actor, caseId, audit, async (trx, dataKey) => {
    const rows = await listNotes(trx, caseId, { after: query.cursor, limit: query.limit + 1 });
    const page = toPage(rows, query.limit, (last) => ({
      createdAt: last.created_at.toISOString(),
      id: last.id,
    }));
    return {
      items: page.items.map((row) => ({
        id: row.id,
        authorId: row.author_id,
        createdAt: row.created_at.toISOString(),
        body: decryptField(dataKey, address(row.id), Buffer.from(row.body_enc)),
      })),
      nextCursor: page.nextCursor,
    };
  });
}
