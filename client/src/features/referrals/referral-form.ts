import type { Covers } from '../../api/covers';
import { z } from '../../ui/form/zod';
import { dayToEndInstant, today } from '../consents/dates';
import type { NewReferral } from './useReferrals';

export const REFERRAL_SERVICES = [
  'medical_care',
  'mental_health_psychosocial',
  'legal_assistance',
  'protection_measures',
  'criminal_complaint',
  'shelter',
  'education_reintegration',
  'vocational_training_livelihood',
  'family_tracing',
  'migration_regularisation',
  'repatriation_support',
  'interpretation',
] as const;
/** Minimal data always goes with a referral; these are the further categories to choose from. */
export const EXTRA_CATEGORIES = [
  'identity',
  'contact',
  'situation',
  'health',
  'legal',
  'education',
] as const;
export const URGENCIES = ['routine', 'priority', 'urgent'] as const;

/** Compile-time proof that the lists offer every code the API accepts (types generated from it). */
export const LISTS_ARE_COMPLETE: [
  Covers<NewReferral['services'][number], typeof REFERRAL_SERVICES>,
  Covers<
    Exclude<NonNullable<NewReferral['categories']>[number], 'minimal'>,
    typeof EXTRA_CATEGORIES
  >,
  Covers<NewReferral['urgency'], typeof URGENCIES>,
] = [true, true, true];

export const ReferralFormSchema = z.object({
  institutionId: z.string({ message: 'required' }).min(1, 'required'),
  services: z.array(z.enum(REFERRAL_SERVICES)).min(1, 'choose_service'),
  categories: z.array(z.enum(EXTRA_CATEGORIES)),
  urgency: z.enum(URGENCIES, { message: 'required' }),
  acknowledgeBy: z
    .string({ message: 'required' })
    .min(1, 'required')
    .refine((day) => day >= today(), 'in_past'),
});
export type ReferralFormValues = z.infer<typeof ReferralFormSchema>;

export const REFERRAL_FIELDS = [
  'institutionId',
  'services',
  'categories',
  'urgency',
  'acknowledgeBy',
] as const;

export function toNewReferral(
  caseId: string,
  form: ReferralFormValues,
  justification?: string,
): NewReferral {
  return {
    caseId,
    institutionId: form.institutionId,
    services: form.services,
    urgency: form.urgency,
    acknowledgeBy: dayToEndInstant(form.acknowledgeBy),
    categories: ['minimal', ...form.categories],
    ...(justification ? { vitalInterestOverride: { justification } } : {}),
  };
}

/** What the API's 409 `consent_missing` says is not covered (its `missingConsent` extension). */
export interface MissingNeed {
  purpose: 'service_referral' | 'information_sharing' | 'statistics' | 'follow_up_contact';
  category: 'minimal' | 'identity' | 'contact' | 'situation' | 'health' | 'legal' | 'education';
}

export function missingNeeds(body: Record<string, unknown>): MissingNeed[] {
  const value = body.missingConsent;
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is MissingNeed =>
      typeof item === 'object' &&
      item !== null &&
      typeof (item as MissingNeed).purpose === 'string' &&
      typeof (item as MissingNeed).category === 'string',
  );
}
