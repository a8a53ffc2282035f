import { Cursor, Page, PositionTime } from '../../http/pagination';
import { Id, z } from '../../http/zod';
import {
  AGE_BANDS,
  CASE_STATUSES,
  CONTROL_METHODS,
  EXPLOITATION_TYPES,
  GENDERS,
  MIGRANT_STATUSES,
  RECRUITMENT_METHODS,
  RISK_LEVELS,
  STATUS_DETERMINERS,
  TRAFFICKING_STATUSES,
  VULNERABILITY_GROUPS,
} from './cases.vocabularies';

const text = (max: number) => z.string().trim().min(1).max(max);
const codes = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .array(z.enum(values))
    .max(values.length)
    .refine((list) => new Set(list).size === list.length, { message: 'Each code at most once' })
    .default([]);

/** Identifying data: every field here is encrypted with the case's own key. */
export const CaseIdentity = z
  .object({
    fullName: text(200),
    aliases: text(500).optional(),
    dateOfBirth: z.iso.date().optional(),
    documentType: text(60).optional(),
    documentNumber: text(60).optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{6,40}$/, 'must be a phone number')
      .optional(),
    email: z.email().max(254).optional(),
    address: text(500).optional(),
    emergencyContact: text(500).optional(),
    narrative: text(20_000).optional(),
    healthNotes: text(10_000).optional(),
    legalNotes: text(10_000).optional(),
    educationNotes: text(10_000).optional(),
  })
  .strict()
  .openapi('CaseIdentity');
export type CaseIdentity = z.infer<typeof CaseIdentity>;

/** Non-identifying attributes, in clear for workflow and statistics (HTCDS codes). */
export const CaseAttributes = z
  .object({
    sex: z.enum(GENDERS),
    ageAtIdentification: z.number().int().min(0).max(120).optional(),
    nationality: z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code')
      .optional(),
    migrantStatus: z.enum(MIGRANT_STATUSES).optional(),
    province: text(100).optional(),
    canton: text(100).optional(),
    traffickingStatus: z.enum(TRAFFICKING_STATUSES),
    statusDeterminedBy: z.enum(STATUS_DETERMINERS).optional(),
    exploitationTypes: codes(EXPLOITATION_TYPES),
    recruitmentMethods: codes(RECRUITMENT_METHODS),
    controlMethods: codes(CONTROL_METHODS),
    vulnerabilityGroups: codes(VULNERABILITY_GROUPS),
    identifyingAgencyId: Id.optional(),
    // The column holds 35 characters (a longer tag was a 500: its check constraint).
    language: z
      .string()
      .max(35)
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 language tag')
      .optional(),
  })
  .strict()
  .openapi('CaseAttributes');
export type CaseAttributes = z.infer<typeof CaseAttributes>;

export const IntakeCase = z
  .object({
    identifiedOn: z.iso.date(),
    riskLevel: z.enum(RISK_LEVELS),
    identity: CaseIdentity,
    attributes: CaseAttributes,
  })
  .strict()
  .openapi('IntakeCase');
export type IntakeCase = z.infer<typeof IntakeCase>;

/** What list views show: nothing identifying, so browsing decrypts nothing. */
export const CaseSummary = z
  .object({
    id: Id,
    caseNumber: z.string(),
    status: z.enum(CASE_STATUSES),
    riskLevel: z.enum(RISK_LEVELS),
    sex: z.enum(GENDERS),
    ageBand: z.enum(AGE_BANDS),
    teamId: Id,
    assignedTo: Id.nullable(),
    identifiedOn: z.iso.date(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
    erased: z.boolean(),
  })
  .openapi('CaseSummary');
export type CaseSummary = z.infer<typeof CaseSummary>;

/** Why an age is corrected (a code: it goes into the audit event). */
export const AGE_CORRECTION_REASONS = [
  'document_verified',
  'age_assessment',
  'data_entry_error',
] as const;

/** A correction that would make a minor an adult, until another supervisor decides on it. */
export const PendingAgeCorrection = z
  .object({
    ageAtIdentification: z.number().int(),
    reason: z.enum(AGE_CORRECTION_REASONS),
    requestedBy: Id,
    requestedAt: z.iso.datetime(),
  })
  .openapi('PendingAgeCorrection');

export const CaseDetail = CaseSummary.extend({
  attributes: CaseAttributes,
  /** Null once the case has been erased (its key destroyed). */
  identity: CaseIdentity.nullable(),
  pendingAgeCorrection: PendingAgeCorrection.nullable(),
}).openapi('CaseDetail');
export type CaseDetail = z.infer<typeof CaseDetail>;

/** What an age-correction step answers: the case without its identifying data (nothing decrypted). */
export const CaseRecord = CaseDetail.omit({ identity: true }).openapi('CaseRecord');
export type CaseRecord = z.infer<typeof CaseRecord>;

/** The warning says that a possible duplicate exists and whom to ask, never its content. */
export const PossibleDuplicate = z
  .object({
    field: z.enum(['documentNumber', 'phone']),
    team: z.object({ id: Id, name: z.string() }),
    /** Only when the person may see that case. */
    caseId: Id.optional(),
    caseNumber: z.string().optional(),
  })
  .openapi('PossibleDuplicate');
export type PossibleDuplicate = z.infer<typeof PossibleDuplicate>;

export const IntakeResult = z
  .object({ case: CaseDetail, possibleDuplicates: z.array(PossibleDuplicate) })
  .openapi('IntakeResult');

export const CaseIdParams = z.object({ id: Id }).strict();

const CasePosition = z.object({ createdAt: PositionTime, id: Id }).strict();

export const CaseListQuery = Cursor(CasePosition)
  .extend({
    status: z.enum(CASE_STATUSES).optional(),
    riskLevel: z.enum(RISK_LEVELS).optional(),
    /** `me`: assigned to me; `team`: my team's (what I may see of it). Default: all I may see. */
    assigned: z.enum(['me', 'team']).optional(),
  })
  .strict();
export type CaseListQuery = z.infer<typeof CaseListQuery>;

export const CasePage = Page(CaseSummary).openapi('CasePage');

/** Reasons are codes (non-identifying): they go into the audit event as its purpose. */
export const STATUS_REASONS = [
  'assessment_done',
  'services_in_progress',
  'services_completed',
  'referred_elsewhere',
  'lost_contact',
  'declined_services',
  'relocated',
  'reopened',
  'other',
] as const;

export const UpdateCase = z
  .object({
    /** The version this change was made from: a stale one is refused with 409. */
    version: z.number().int().min(1),
    riskLevel: z.enum(RISK_LEVELS).optional(),
    identity: CaseIdentity.partial().strict().optional(),
    attributes: CaseAttributes.partial().strict().optional(),
    status: z.enum(CASE_STATUSES).optional(),
    statusReason: z.enum(STATUS_REASONS).optional(),
  })
  .strict()
  .refine((change) => (change.status === undefined) === (change.statusReason === undefined), {
    message: 'status and statusReason go together',
    path: ['statusReason'],
  })
  .openapi('UpdateCase');
export type UpdateCase = z.infer<typeof UpdateCase>;

export const AssignCase = z.object({ assignedTo: Id }).strict().openapi('AssignCase');
export type AssignCase = z.infer<typeof AssignCase>;

export const RequestAgeCorrection = z
  .object({
    /** The version the request was made from: a stale one is refused with 409. */
    version: z.number().int().min(1),
    ageAtIdentification: z.number().int().min(0).max(120),
    reason: z.enum(AGE_CORRECTION_REASONS),
  })
  .strict()
  .openapi('RequestAgeCorrection');
export type RequestAgeCorrection = z.infer<typeof RequestAgeCorrection>;

export const DecideAgeCorrection = z
  .object({
    decision: z.enum(['approve', 'reject']),
    /** The version the decider read, with the request it shows (409 stale_version otherwise). */
    version: z.number().int().min(1),
  })
  .strict()
  .openapi('DecideAgeCorrection');
export type DecideAgeCorrection = z.infer<typeof DecideAgeCorrection>;

export const ERASURE_REASONS = [
  'person_request',
  'legal_obligation',
  'data_minimisation',
  'duplicate_record',
  'created_in_error',
] as const;

export const EraseCase = z
  .object({ reason: z.enum(ERASURE_REASONS) })
  .strict()
  .openapi('EraseCase');
export type EraseCase = z.infer<typeof EraseCase>;

/** Notes are identifying free text: encrypted, append-only. */
export const NewCaseNote = z
  .object({ body: z.string().trim().min(1).max(20_000) })
  .strict()
  .openapi('NewCaseNote');
export type NewCaseNote = z.infer<typeof NewCaseNote>;

export const CaseNote = z
  .object({ id: Id, authorId: Id, createdAt: z.iso.datetime(), body: z.string() })
  .openapi('CaseNote');
export type CaseNote = z.infer<typeof CaseNote>;

/** Notes page newest first: `?limit=` (default 50, at most 200) `&cursor=`. */
export const CaseNoteListQuery = Cursor(
  z.object({ createdAt: PositionTime, id: Id }).strict(),
).strict();
export type CaseNoteListQuery = z.infer<typeof CaseNoteListQuery>;

export const CaseNotePage = Page(CaseNote).openapi('CaseNotePage');

export const BreakGlassRequest = z
  .object({ justification: z.string().trim().min(20).max(2_000) })
  .strict()
  .openapi('BreakGlassRequest');
export type BreakGlassRequest = z.infer<typeof BreakGlassRequest>;

export const BreakGlassGrant = z
  .object({ grantId: Id, caseId: Id, expiresAt: z.iso.datetime() })
  .openapi('BreakGlassGrant');

export const BreakGlassReview = z
  .object({
    kind: z.literal('break_glass'),
    grantId: Id,
    caseId: Id,
    caseNumber: z.string(),
    userId: Id,
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    active: z.boolean(),
    /** Null once the case has been erased. */
    justification: z.string().nullable(),
  })
  .openapi('BreakGlassReview');
export type BreakGlassReview = z.infer<typeof BreakGlassReview>;

export const CaseAttachment = z
  .object({
    id: Id,
    /** Identifying (it often names the person): encrypted at rest, sent as X-Attachment-Name. */
    filename: z.string(),
    contentType: z.enum(['application/pdf', 'image/png', 'image/jpeg']),
    sizeBytes: z.number().int(),
    uploadedBy: Id,
    createdAt: z.iso.datetime(),
  })
  .openapi('CaseAttachment');
export type CaseAttachment = z.infer<typeof CaseAttachment>;

export const AttachmentParams = z.object({ id: Id, attachmentId: Id }).strict();

/** The file name travels percent-encoded in a header: never in the URL. */
export const AttachmentHeaders = z.object({
  'content-type': z.enum(['application/pdf', 'image/png', 'image/jpeg']),
  'x-attachment-name': z
    .string()
    .min(1)
    .max(600)
    .transform((value, ctx) => {
      try {
        const name = decodeURIComponent(value).trim();
        if (name.length > 0 && name.length <= 200 && !/[\\/\p{Cc}]/u.test(name)) return name;
      } catch {
        // not percent-encoding: reported below
      }
      ctx.addIssue({
        code: 'custom',
        message: 'Must be a percent-encoded file name (1–200 characters)',
      });
      return z.NEVER;
    }),
});
