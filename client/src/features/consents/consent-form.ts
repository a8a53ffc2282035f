import { z } from '../../ui/form/zod';
import { dayToEndInstant, dayToPastInstant, today } from './dates';
import type { Consent, ConsentScope, NewConsent } from './useConsents';

const PURPOSES = [
  'service_referral',
  'information_sharing',
  'statistics',
  'follow_up_contact',
] as const;
const CATEGORIES = [
  'minimal',
  'identity',
  'contact',
  'situation',
  'health',
  'legal',
  'education',
] as const;
const SECTORS = [
  'justice',
  'health',
  'social_protection',
  'education',
  'labour',
  'migration',
  'shelter',
  'legal_aid',
  'other',
] as const;

/** One line of the paper form's scope table: who may receive which data. */
const ScopeRow = z
  .object({
    recipientKind: z.enum(['sector', 'institution'], { message: 'required' }),
    sector: z.enum(SECTORS).optional(),
    institutionId: z.string().optional(),
    categories: z.array(z.enum(CATEGORIES)).min(1, 'choose_category'),
  })
  .superRefine((row, ctx) => {
    if (row.recipientKind === 'sector' && !row.sector) {
      ctx.addIssue({ code: 'custom', path: ['sector'], message: 'required' });
    }
    if (row.recipientKind === 'institution' && !row.institutionId) {
      ctx.addIssue({ code: 'custom', path: ['institutionId'], message: 'required' });
    }
  });
export type ScopeRowValues = z.infer<typeof ScopeRow>;

export const ConsentFormSchema = z
  .object({
    givenBy: z.enum(['person', 'guardian', 'best_interest'], { message: 'required' }),
    method: z.enum(['written', 'verbal_witnessed', 'digital'], { message: 'required' }),
    givenAt: z
      .string({ message: 'required' })
      .min(1, 'required')
      .refine((day) => day <= today(), 'in_future'),
    validUntil: z.string().optional(),
    purposes: z.array(z.enum(PURPOSES)).min(1, 'choose_purpose'),
    scope: z.array(ScopeRow).max(20),
    supersedes: z.string().optional(),
  })
  .superRefine((form, ctx) => {
    if (form.validUntil && form.givenAt && form.validUntil < form.givenAt) {
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'valid_until_before' });
    }
    const shares = form.purposes.some(
      (p) => p === 'service_referral' || p === 'information_sharing',
    );
    if (shares && form.scope.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['scope'], message: 'scope_needed' });
    }
  });
export type ConsentFormValues = z.infer<typeof ConsentFormSchema>;

/** The fields the server's field errors can point at (`body.<name>`). */
export const CONSENT_FIELDS = [
  'givenBy',
  'method',
  'givenAt',
  'validUntil',
  'purposes',
  'scope',
  'supersedes',
] as const;

/** The "not a new version" choice of the form. */
export const NO_SUPERSEDES = 'none';

export const emptyScopeRow = (): ScopeRowValues => ({
  recipientKind: 'sector',
  categories: ['minimal'],
});

export function toNewConsent(form: ConsentFormValues, now = new Date()): NewConsent {
  const scope: ConsentScope[] = form.scope.map((row) => ({
    sectors: row.recipientKind === 'sector' && row.sector ? [row.sector] : [],
    institutionIds:
      row.recipientKind === 'institution' && row.institutionId ? [row.institutionId] : [],
    categories: row.categories,
  }));
  return {
    givenBy: form.givenBy,
    method: form.method,
    givenAt: dayToPastInstant(form.givenAt, now),
    ...(form.validUntil ? { validUntil: dayToEndInstant(form.validUntil) } : {}),
    purposes: form.purposes,
    scope,
    ...(form.supersedes && form.supersedes !== NO_SUPERSEDES
      ? { supersedes: form.supersedes }
      : {}),
  };
}

/** A new version starts as a copy of the one it replaces (one row per sector or institution). */
export function fromConsent(consent: Consent): ConsentFormValues {
  const rows: ScopeRowValues[] = consent.scope.flatMap((scope) => [
    ...scope.sectors.map((sector) => ({
      recipientKind: 'sector' as const,
      sector,
      categories: [...scope.categories],
    })),
    ...scope.institutionIds.map((institutionId) => ({
      recipientKind: 'institution' as const,
      institutionId,
      categories: [...scope.categories],
    })),
  ]);
  return {
    givenBy: consent.givenBy,
    method: consent.method,
    givenAt: today(),
    purposes: [...consent.purposes],
    scope: rows,
    supersedes: consent.id,
  };
}
