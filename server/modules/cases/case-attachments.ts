import { randomUUID } from 'node:crypto';
import {
  decryptField,
  decryptFieldBytes,
  encryptField,
  encryptFieldBytes,
} from '../../../security/crypto';
import { canHoldCases } from '../../../security/policy';
import type { StaffActor } from '../../db/actor-transaction';
import { problems } from '../../http/problem';
import { findAttachment, insertAttachment, listAttachments } from './case-attachments.repository';
import { withCaseKey } from './case-key-access';
import type { CaseAttachment } from './cases.schemas';
import type { CasesDeps } from './cases.service';

export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

/** What a file must start with to be accepted as the type it claims. */
const MAGIC: Record<CaseAttachment['contentType'], Buffer> = {
  'application/pdf': Buffer.from('%PDF-', 'latin1'),
  'image/png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/jpeg': Buffer.from([0xff, 0xd8, 0xff]),
};

export const ATTACHMENT_TYPES = Object.keys(MAGIC) as CaseAttachment['contentType'][];

const address = (id: string, field: 'content' | 'filename') => ({
  table: 'case_attachments',
  field,
  recordId: id,
});

/** The declared type must match the file's first bytes; the name and content are encrypted. */
export async function addAttachment(
  deps: CasesDeps,
  actor: StaffActor,
  caseId: string,
  upload: { contentType: CaseAttachment['contentType']; filename: string; content: Buffer },
): Promise<CaseAttachment> {
  if (!canHoldCases(actor)) throw problems.forbidden();
  const magic = MAGIC[upload.contentType];
  if (upload.content.length === 0 || !upload.content.subarray(0, magic.length).equals(magic)) {
    throw problems.validation([
      {
        path: 'body',
        code: 'content_type_mismatch',
        message: 'The file content is not of the declared Content-Type',
      },
    ]);
  }
  const audit = { action: 'case.attachment.create', needs: 'attach' } as const;
  return withCaseKey(deps, actor, caseId, audit, async (trx, dataKey) => {
    const id = randomUUID();
    const createdAt = await insertAttachment(trx, {
      id,
      case_id: caseId,
      uploaded_by: actor.id,
      content_type: upload.contentType,
      size_bytes: upload.content.length,
      filename_enc: encryptField(dataKey, 1, address(id, 'filename'), upload.filename),
      content_enc: encryptFieldBytes(dataKey, 1, address(id, 'content'), upload.content),
    });
    return {
      id,
      filename: upload.filename,
      contentType: upload.contentType,
      sizeBytes: upload.content.length,
      uploadedBy: actor.id,
      createdAt: createdAt.toISOString(),
    };
  });
}

/** The list with file names decrypted: an audited read. */
export async function readAttachmentList(
  deps: CasesDeps,
  actor: StaffActor,
  caseId: string,
): Promise<CaseAttachment[]> {
  const audit = { action: 'case.attachment.list', purpose: 'view', needs: 'read' } as const;
  return withCaseKey(deps, actor, caseId, audit, async (trx, dataKey) => {
    const rows = await listAttachments(trx, caseId);
    return rows.map((row) => ({
      id: row.id,
      filename: decryptField(dataKey, address(row.id, 'filename'), Buffer.from(row.filename_enc)),
      contentType: row.content_type,
      sizeBytes: row.size_bytes,
      uploadedBy: row.uploaded_by,
      createdAt: row.created_at.toISOString(),
    }));
  });
}

/** One file's content, decrypted: an audited read. */
export async function readAttachment(
  deps: CasesDeps,
  actor: StaffActor,
  caseId: string,
  attachmentId: string,
): Promise<{ contentType: string; content: Buffer }> {
  const audit = { action: 'case.attachment.read', purpose: 'view', needs: 'read' } as const;
  return withCaseKey(deps, actor, caseId, audit, async (trx, dataKey) => {
    const row = await findAttachment(trx, caseId, attachmentId);
    if (!row) throw problems.notFound();
    const content = decryptFieldBytes(
      dataKey,
      address(row.id, 'content'),
      Buffer.from(row.content_enc),
    );
    return { contentType: row.content_type, content };
  });
}
