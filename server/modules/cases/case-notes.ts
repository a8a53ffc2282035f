import { randomUUID } from 'node:crypto';
import { decryptField, encryptField } from '../../../security/crypto';
import { canHoldCases } from '../../../security/policy';
import type { StaffActor } from '../../db/actor-transaction';
import { problems } from '../../http/problem';
import { record } from '../audit';
import { caseKey, withDenialAudit } from './case-key-access';
import { insertNote, listNotes } from './case-notes.repository';
import type { CaseNote } from './cases.schemas';
import type { CasesDeps } from './cases.service';

const address = (noteId: string) => ({ table: 'case_notes', field: 'body', recordId: noteId });

/** Appends a note, encrypted with the case's key. Notes are never edited or deleted. */
export async function addNote(
  deps: CasesDeps,
  actor: StaffActor,
  caseId: string,
  body: string,
): Promise<CaseNote> {
  if (!canHoldCases(actor)) throw problems.forbidden();
  return withDenialAudit(deps, actor, caseId, async (trx) => {
    const dataKey = await caseKey(deps, trx, caseId);
    const id = randomUUID();
    const row = await insertNote(trx, {
      id,
      caseId,
      authorId: actor.id,
      bodyEnc: encryptField(dataKey, 1, address(id), body),
    });
    record(trx, {
      action: 'case.note.create',
      outcome: 'success',
      resourceType: 'case',
      resourceId: caseId,
    });
    return { id, authorId: row.author_id, createdAt: row.created_at.toISOString(), body };
  });
}

/** The case's notes, decrypted: one audited read. */
export async function readNotes(
  deps: CasesDeps,
  actor: StaffActor,
  caseId: string,
): Promise<CaseNote[]> {
  if (!canHoldCases(actor)) throw problems.forbidden();
  return withDenialAudit(deps, actor, caseId, async (trx) => {
    const dataKey = await caseKey(deps, trx, caseId);
    const rows = await listNotes(trx, caseId);
    record(trx, {
      action: 'case.note.read',
      outcome: 'success',
      resourceType: 'case',
      resourceId: caseId,
      purpose: 'view',
    });
    return rows.map((row) => ({
      id: row.id,
      authorId: row.author_id,
      createdAt: row.created_at.toISOString(),
      body: decryptField(dataKey, address(row.id), Buffer.from(row.body_enc)),
    }));
  });
}
