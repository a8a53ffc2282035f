import { DATA_CATEGORIES } from '../../../security/policy';
import { PACKAGE_CLOSED_REASONS } from '../../db/schema.partners';
import { Cursor, Page, PositionTime } from '../../http/pagination';
import { Id, z } from '../../http/zod';
import {
  DECLINE_REASONS,
  REFERRAL_SERVICES,
  REFERRAL_STATUSES,
  URGENCIES,
  WITHDRAWAL_REASONS,
} from './referrals.vocabularies';

const unique = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .refine((items) => new Set(items).size === items.length, 'must not repeat a value');

export const NewReferral = z
  .object({
    caseId: Id,
    institutionId: Id,
    services: unique(z.enum(REFERRAL_SERVICES), REFERRAL_SERVICES.length).min(1),
    urgency: z.enum(URGENCIES),
    acknowledgeBy: z.iso.datetime({ offset: true }),
    /** `minimal` always goes; list the further categories to include. */
    categories: unique(z.enum(DATA_CATEGORIES), DATA_CATEGORIES.length).default(['minimal']),
    /** Vital interest: sent without covering consent. Needs step-up; reviewed by a supervisor. */
    vitalInterestOverride: z
      .object({ justification: z.string().trim().min(20).max(2000) })
      .strict()
      .optional(),
  })
  .strict()
  .openapi('NewReferral');
export type NewReferral = z.infer<typeof NewReferral>;

export const ReferralHistoryEntry = z
  .object({
    from: z.enum(REFERRAL_STATUSES).nullable(),
    to: z.enum(REFERRAL_STATUSES),
    actorKind: z.enum(['user', 'institution_system', 'system']),
    actorId: Id.nullable(),
    reason: z.string().nullable(),
    outcome: z.string().nullable(),
    feedback: z.string().nullable(),
    at: z.iso.datetime(),
  })
  .openapi('ReferralHistoryEntry');
export type ReferralHistoryEntry = z.infer<typeof ReferralHistoryEntry>;

/** What both sides see. The sender also sees which case; the partner never does. */
export const Referral = z
  .object({
    id: Id,
    institutionId: Id,
    services: z.array(z.enum(REFERRAL_SERVICES)),
    urgency: z.enum(URGENCIES),
    categories: z.array(z.enum(DATA_CATEGORIES)),
    acknowledgeBy: z.iso.datetime(),
    status: z.enum(REFERRAL_STATUSES),
    overdue: z.boolean(),
    declineReason: z.string().nullable(),
    vitalInterestOverride: z.boolean(),
    openedAt: z.iso.datetime().nullable(),
    packageAvailable: z.boolean(),
    /** Why the package is gone: the referral ended, consent was revoked, the case erased. */
    packageClosedReason: z.enum(PACKAGE_CLOSED_REASONS).nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    caseId: Id.optional(),
    createdBy: Id.optional(),
    history: z.array(ReferralHistoryEntry).optional(),
  })
  .openapi('Referral');
export type Referral = z.infer<typeof Referral>;

export const ReferralPosition = z.object({ createdAt: PositionTime, id: Id }).strict();
export type ReferralPosition = z.infer<typeof ReferralPosition>;

export const ReferralListQuery = Cursor(ReferralPosition)
  .extend({
    box: z.enum(['inbox', 'sent']).optional(),
    overdue: z.enum(['true', 'false']).optional(),
    status: z.enum(REFERRAL_STATUSES).optional(),
    caseId: Id.optional(),
  })
  .strict();
export type ReferralListQuery = z.infer<typeof ReferralListQuery>;
export const ReferralPage = Page(Referral).openapi('ReferralPage');

export const ReferralTransition = z
  .object({
    to: z.enum(REFERRAL_STATUSES),
    reason: z.enum([...DECLINE_REASONS, ...WITHDRAWAL_REASONS]).optional(),
    outcome: z.string().trim().min(1).max(2000).optional(),
    feedback: z.string().trim().min(1).max(4000).optional(),
  })
  .strict()
  .superRefine((t, ctx) => {
    const need = (ok: boolean, path: string, message: string) => {
      if (!ok) ctx.addIssue({ code: 'custom', path: [path], message });
    };
    need(t.to !== 'declined' || includes(DECLINE_REASONS, t.reason), 'reason', 'A decline reason');
    need(
      t.to !== 'withdrawn' || t.reason === undefined || includes(WITHDRAWAL_REASONS, t.reason),
      'reason',
      'Not a withdrawal reason',
    );
    need(t.to !== 'completed' || t.outcome !== undefined, 'outcome', 'Completion needs an outcome');
    need(t.to === 'completed' || t.outcome === undefined, 'outcome', 'Only with completed');
    need(t.to === 'completed' || t.feedback === undefined, 'feedback', 'Only with completed');
  })
  .openapi('ReferralTransition');
export type ReferralTransition = z.infer<typeof ReferralTransition>;

function includes(values: readonly string[], value: string | undefined): boolean {
  return value !== undefined && values.includes(value);
}

/** The disclosure package as the partner reads it. */
export const DisclosurePackage = z
  .object({
    referralId: Id,
    institutionId: Id,
    createdAt: z.iso.datetime(),
    categories: z.array(z.enum(DATA_CATEGORIES)),
    content: z.record(z.string(), z.record(z.string(), z.unknown())),
  })
  .openapi('DisclosurePackage');
export type DisclosurePackage = z.infer<typeof DisclosurePackage>;

export const ReferralIdParams = z.object({ id: Id }).strict();
