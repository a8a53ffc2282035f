import { Id, z } from '../../http/zod';

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

/** An exact action code (as the table's CHECK allows), or a prefix ending in `.*`. */
const ACTION_FILTER = /^[a-z_]+(\.[a-z_]+){0,3}$|^[a-z_]+(\.[a-z_]+){0,2}\.\*$/;
const Datetime = z.iso.datetime({ offset: true });

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
    from: Datetime.optional().openapi({ description: 'occurredAt ≥ from (inclusive)' }),
    to: Datetime.optional().openapi({ description: 'occurredAt < to (exclusive)' }),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(AUDIT_PAGE_MAX)
      .default(AUDIT_PAGE_DEFAULT)
      .openapi({ description: `Page size, 1–${AUDIT_PAGE_MAX}` }),
    cursor: z
      .string()
      .refine((cursor) => decodeSeqCursor(cursor) !== undefined, 'must be a nextCursor value')
      .optional()
      .openapi({ description: 'The nextCursor of the previous page (opaque)' }),
  })
  .strict()
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    path: ['to'],
    message: 'must be later than from',
  });
export type AuditQuery = z.infer<typeof AuditQuery>;

/** An audit event as auditors see it: what happened, never the chain's hashes. */
export const AuditEvent = z
  .object({
    seq: z.string().regex(/^\d+$/).openapi({ description: 'Chain position (a 64-bit integer)' }),
    id: Id,
    occurredAt: z.iso.datetime(),
    actorId: Id.nullable(),
    actorRole: z.string(),
    institutionId: Id.nullable(),
    action: z.string().openapi({ example: 'auth.login' }),
    resourceType: z.string().nullable(),
    resourceId: z.string().nullable(),
    purpose: z.string().nullable(),
    outcome: AuditOutcome,
    requestId: z.string().nullable(),
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
