/** The services a referral asks for (PRODUCT.md). */
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

export const URGENCIES = ['routine', 'priority', 'urgent'] as const;

export { REFERRAL_STATUSES, type ReferralStatus } from '../../../security/policy';

/** Reason codes, so that no free text about the person lands in clear. */
export const DECLINE_REASONS = [
  'no_capacity',
  'out_of_scope',
  'person_declined',
  'person_unreachable',
  'other',
] as const;
export const WITHDRAWAL_REASONS = [
  'need_met_elsewhere',
  'person_request',
  'sent_in_error',
  'other',
] as const;
