import { CONSENT_PURPOSES, DATA_CATEGORIES } from '../../../security/policy';
import { Cursor, Page, PositionTime } from '../../http/pagination';
import { Id, z } from '../../http/zod';
import { InstitutionSector } from '../institutions';

const unique = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .refine((items) => new Set(items).size === items.length, 'must not repeat a value');

export const DataCategory = z.enum(DATA_CATEGORIES).openapi('DataCategory');
export const ConsentPurpose = z.enum(CONSENT_PURPOSES).openapi('ConsentPurpose');

/** These sectors and/or named institutions may receive these categories. */
export const ConsentScope = z
  .object({
    sectors: unique(InstitutionSector, 9).default([]),
    institutionIds: unique(Id, 50).default([]),
    categories: unique(DataCategory, DATA_CATEGORIES.length).min(1),
  })
  .strict()
  .refine((s) => s.sectors.length + s.institutionIds.length > 0, {
    message: 'Name at least one sector or institution',
    path: ['sectors'],
  })
  .openapi('ConsentScope');
export type ConsentScope = z.infer<typeof ConsentScope>;

export const GIVERS = ['person', 'guardian', 'best_interest'] as const;
export const METHODS = ['written', 'verbal_witnessed', 'digital'] as const;

export const NewConsent = z
  .object({
    givenBy: z.enum(GIVERS),
    method: z.enum(METHODS),
    givenAt: z.iso.datetime({ offset: true }),
    validUntil: z.iso.datetime({ offset: true }).optional(),
    purposes: unique(ConsentPurpose, CONSENT_PURPOSES.length).min(1),
    scope: z.array(ConsentScope).max(20).default([]),
    evidenceAttachmentId: Id.optional(),
    /** The consent this one replaces: a change is a new version, never an edit. */
    supersedes: Id.optional(),
  })
  .strict()
  .refine((c) => !c.validUntil || Date.parse(c.validUntil) > Date.parse(c.givenAt), {
    message: 'Must be later than givenAt',
    path: ['validUntil'],
  })
  .openapi('NewConsent');
export type NewConsent = z.infer<typeof NewConsent>;

export const CONSENT_STATUSES = [
  'active',
  'pending_approval',
  'revoked',
  'superseded',
  'expired',
  'not_valid_for_minor',
] as const;

export const Consent = z
  .object({
    id: Id,
    caseId: Id,
    version: z.number().int(),
    supersedes: Id.nullable(),
    givenBy: z.enum(GIVERS),
    method: z.enum(METHODS),
    givenAt: z.iso.datetime(),
    validUntil: z.iso.datetime().nullable(),
    purposes: z.array(ConsentPurpose),
    scope: z.array(ConsentScope),
    evidenceAttachmentId: Id.nullable(),
    recordedBy: Id,
    createdAt: z.iso.datetime(),
    status: z.enum(CONSENT_STATUSES),
    approvedBy: Id.nullable(),
    approvedAt: z.iso.datetime().nullable(),
    revokedBy: Id.nullable(),
    revokedAt: z.iso.datetime().nullable(),
    revocationReason: z.string().nullable(),
  })
  .openapi('Consent');
export type Consent = z.infer<typeof Consent>;

export const REVOCATION_REASONS = [
  'person_withdrew',
  'guardian_withdrew',
  'recorded_in_error',
  'other',
] as const;

export const RevokeConsent = z
  .object({ reason: z.enum(REVOCATION_REASONS) })
  .strict()
  .openapi('RevokeConsent');
export type RevokeConsent = z.infer<typeof RevokeConsent>;

export const ApproveConsent = z.object({}).strict().openapi('ApproveConsent');

export const Revocation = z
  .object({
    consent: Consent,
    withdrawnReferrals: z.number().int(),
    closedPackages: z.number().int(),
  })
  .openapi('ConsentRevocation');
export type Revocation = z.infer<typeof Revocation>;

export const CaseConsentsParams = z.object({ id: Id }).strict();
export const ConsentIdParams = z.object({ id: Id }).strict();

/** `?status=pending_approval`: the approval queue of the supervisor's team (the only list for now). */
export const ConsentListQuery = Cursor(z.object({ createdAt: PositionTime, id: Id }).strict())
  .extend({ status: z.enum(['pending_approval']) })
  .strict();
export type ConsentListQuery = z.infer<typeof ConsentListQuery>;

/** A consent in the approval queue, with its case's number and whether this supervisor may approve it. */
export const PendingConsent = Consent.extend({
  caseNumber: z.string(),
  /** False when this supervisor recorded it: another must approve (four eyes). */
  mayApprove: z.boolean(),
}).openapi('PendingConsent');
export type PendingConsent = z.infer<typeof PendingConsent>;

export const PendingConsentPage = Page(PendingConsent).openapi('PendingConsentPage');
