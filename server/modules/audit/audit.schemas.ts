import { Id, z } from '../../http/zod';
import { UserRole } from '../users/users.schemas';
import { AUDIT_ACTIONS, AUDIT_PURPOSES } from './audit.vocabulary';

export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_PAGE_MAX = 500;

/**
 * The cursor is opaque to clients: base64url of the last `seq` of the page.
 * Only a canonical encoding of a positive bigint decodes; anything else is not a cursor.
 */
export function encodeSeqCursor(seq: bigint): string {
  return Buffer.from(seq.toString(), 'utf8').toString('base64url');
}

export function decodeSeqCursor(cursor: string): bigint | undefined {
  if (!/^[A-Za-z0-9_-]{1,28}$/.test(cursor)) return undefined;
  const digits = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[1-9][0-9]{0,18}$/.test(digits)) return undefined;
  const seq = BigInt(digits);
  if (seq > 9_223_372_036_854_775_807n || encodeSeqCursor(seq) !== cursor) return undefined;
  return seq;
}

export const AUDIT_OUTCOMES = ['success', 'denied', 'error'] as const;
export const AuditOutcome = z.enum(AUDIT_OUTCOMES).openapi('AuditOutcome');
export const AuditAction = z.enum(AUDIT_ACTIONS).openapi('AuditAction', {
  description: 'The catalogue of action codes (append-only: codes are never removed)',
});
export const AuditPurpose = z.enum(AUDIT_PURPOSES).openapi('AuditPurpose', {
  description: 'The catalogue of purpose and reason codes (append-only)',
});

/** An exact action code (as the table's CHECK allows), or a prefix ending in `.*`. */
const ACTION_FILTER = /^[a-z_]+(\.[a-z_]+){0,3}$|^[a-z_]+(\.[a-z_]+){0,2}\.\*$/;
const Datetime = z.iso.datetime({ offset: true });

const PageLimit = z.coerce
  .number()
  .int()
  .min(1)
  .max(AUDIT_PAGE_MAX)
  .default(AUDIT_PAGE_DEFAULT)
  .openapi({ description: `Page size, 1–${AUDIT_PAGE_MAX}` });
const Cursor = z
  .string()
  .refine((cursor) => decodeSeqCursor(cursor) !== undefined, 'must be a nextCursor value')
  .optional()
  .openapi({ description: 'The nextCursor of the previous page (opaque)' });

export const AuditQuery = z
  .object({
    actorId: Id.optional(),
    action: z
      .string()
      .max(100)
      .regex(ACTION_FILTER, 'must be an action code, or a prefix such as auth.*')
      .optional()
      .openapi({
        description:
          'An exact action code (`auth.login`), or a prefix ending in `.*`: `auth.*` matches ' +
          '`auth.login`, `auth.mfa.enrol`… but not `auth` itself.',
        example: 'auth.*',
      }),
    resourceType: z
      .string()
      .regex(/^[a-z_]{1,40}$/, 'must be a resource type code')
      .optional(),
    resourceId: z
      .string()
      .regex(/^[A-Za-z0-9_.:/-]{1,120}$/, 'must be a resource id')
      .optional(),
    outcome: AuditOutcome.optional(),
    purpose: AuditPurpose.optional(),
    from: Datetime.optional().openapi({ description: 'occurredAt ≥ from (inclusive)' }),
    to: Datetime.optional().openapi({ description: 'occurredAt < to (exclusive)' }),
    limit: PageLimit,
    cursor: Cursor,
  })
  .strict()
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    path: ['to'],
    message: 'must be later than from',
  });
export type AuditQuery = z.infer<typeof AuditQuery>;

/** An event's codes that are not in the catalogue (each as the log holds it). */
export const UncataloguedCodes = z
  .object({
    action: z.string().nullable().openapi({ description: 'The raw action code, if uncatalogued' }),
    purpose: z.string().nullable().openapi({ description: 'The raw purpose, if uncatalogued' }),
  })
  .openapi('UncataloguedCodes');

/** An audit event as auditors see it: what happened, never the chain's hashes. */
export const AuditEvent = z
  .object({
    seq: z.string().regex(/^\d+$/).openapi({ description: 'Chain position (a 64-bit integer)' }),
    id: Id,
    occurredAt: z.iso.datetime(),
    actorId: Id.nullable(),
    actorRole: z.string(),
    institutionId: Id.nullable(),
    // Inline, not references: a nullable reference would generate `AuditAction & (string | null)`.
    action: z.enum(AUDIT_ACTIONS).nullable().openapi({
      description: 'null only when the code is not in the catalogue: see `uncatalogued`',
    }),
    resourceType: z.string().nullable(),
    resourceId: z.string().nullable(),
    purpose: z.enum(AUDIT_PURPOSES).nullable().openapi({
      description: 'null when the event has no purpose, or its code is not in the catalogue',
    }),
    outcome: AuditOutcome,
    requestId: z.string().nullable(),
    uncatalogued: UncataloguedCodes.nullable().openapi({
      description:
        'null on every event whose codes are in the catalogue. Otherwise the raw codes this ' +
        'version of Amparo does not know (written by another version, or not by Amparo: the ' +
        'chain verification is the judge); the event is shown, and an integrity.alarm raised.',
    }),
  })
  .openapi('AuditEvent');
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditPage = z
  .object({
    items: z.array(AuditEvent).openapi({ description: 'Newest first (descending seq)' }),
    nextCursor: z.string().nullable().openapi({ description: 'null on the last page' }),
  })
  .openapi('AuditPage');
export type AuditPage = z.infer<typeof AuditPage>;

export const AuditVerification = z
  .union([
    z.object({
      ok: z.literal(true),
      events: z.number().int(),
      lastSeq: z.string(),
      unsealed: z.number().int().openapi({
        description: 'Committed events not yet linked into the chain (MAC checked)',
      }),
    }),
    z.object({
      ok: z.literal(false),
      events: z.number().int().openapi({ description: 'Events verified before the first bad one' }),
      firstBadSeq: z.string(),
      firstBadId: Id.nullable(),
      problem: z.enum(['modified', 'inserted', 'deleted']),
      detail: z.string(),
    }),
  ])
  .openapi('AuditVerification');

/** At most this many rows in one CSV export (the newest); the response says when more exist. */
export const AUDIT_EXPORT_MAX_ROWS = 10_000;

export const CASE_NUMBER = /^TRT-[0-9]{4}-[0-9]{6,}$/;

const CaseSubject = {
  caseNumber: z
    .string()
    .regex(CASE_NUMBER, 'must be a case number such as TRT-2026-000001')
    .optional()
    .openapi({ example: 'TRT-2026-000001' }),
  caseId: Id.optional(),
};
const exactlyOneCase = (q: { caseNumber?: string | undefined; caseId?: string | undefined }) =>
  (q.caseNumber === undefined) !== (q.caseId === undefined);
const ONE_CASE = { path: ['caseNumber'], message: 'give either caseNumber or caseId' };

export const CaseReportQuery = z
  .object({ ...CaseSubject, limit: PageLimit, cursor: Cursor })
  .strict()
  .refine(exactlyOneCase, ONE_CASE);
export type CaseReportQuery = z.infer<typeof CaseReportQuery>;

/**
 * An export's period on occurredAt (from inclusive, to exclusive), as the
 * log's search takes it: to export, a part at a time, what one file's bound
 * leaves out.
 */
const Period = {
  from: Datetime.optional().openapi({ description: 'occurredAt ≥ from (inclusive)' }),
  to: Datetime.optional().openapi({ description: 'occurredAt < to (exclusive)' }),
};
const orderedPeriod = (q: { from?: string | undefined; to?: string | undefined }) =>
  !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to);
const TO_AFTER_FROM = { path: ['to'], message: 'must be later than from' };

export const CaseExportQuery = z
  .object({ ...CaseSubject, ...Period })
  .strict()
  .refine(exactlyOneCase, ONE_CASE)
  .refine(orderedPeriod, TO_AFTER_FROM);
export type CaseExportQuery = z.infer<typeof CaseExportQuery>;

export const UserReportQuery = z.object({ userId: Id, limit: PageLimit, cursor: Cursor }).strict();
export type UserReportQuery = z.infer<typeof UserReportQuery>;

export const UserExportQuery = z
  .object({ userId: Id, ...Period })
  .strict()
  .refine(orderedPeriod, TO_AFTER_FROM);
export type UserExportQuery = z.infer<typeof UserExportQuery>;

/** One event of an access report, with the names an auditor reads it by. */
export const AccessReportRow = AuditEvent.extend({
  actorName: z.string().nullable().openapi({
    description: 'The staff member, or the institution for its own system; null for anonymous',
  }),
  institutionName: z.string().nullable(),
}).openapi('AccessReportRow');
export type AccessReportRow = z.infer<typeof AccessReportRow>;

export const CaseAccessReport = z
  .object({
    case: z.object({ id: Id, caseNumber: z.string() }),
    items: z.array(AccessReportRow).openapi({ description: 'Newest first' }),
    nextCursor: z.string().nullable(),
  })
  .openapi('CaseAccessReport');
export type CaseAccessReport = z.infer<typeof CaseAccessReport>;

export const AuditStaffMember = z
  .object({
    id: Id,
    displayName: z.string(),
    role: UserRole,
    institutionId: Id,
    institutionName: z.string(),
    active: z.boolean(),
  })
  .openapi('AuditStaffMember');
export type AuditStaffMember = z.infer<typeof AuditStaffMember>;

export const AuditStaffList = z
  .object({ items: z.array(AuditStaffMember) })
  .openapi('AuditStaffList');
export type AuditStaffList = z.infer<typeof AuditStaffList>;

export const UserAccessReport = z
  .object({
    user: AuditStaffMember,
    items: z.array(AccessReportRow).openapi({ description: 'Newest first' }),
    nextCursor: z.string().nullable(),
  })
  .openapi('UserAccessReport');
export type UserAccessReport = z.infer<typeof UserAccessReport>;
