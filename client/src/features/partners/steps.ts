import type { Covers } from '../../api/covers';
import type {
  ReferralStatus,
  ReferralTransition,
  WithdrawalReason,
} from '../referrals/useReferrals';

/** What the receiving institution can do next, by status (the server's rule: security/policy/referrals). */
export type Step = 'acknowledged' | 'accepted' | 'declined' | 'in_progress' | 'completed';

export const NEXT_STEPS: Partial<Record<ReferralStatus, readonly Step[]>> = {
  sent: ['acknowledged'],
  acknowledged: ['accepted', 'declined'],
  accepted: ['in_progress'],
  in_progress: ['completed'],
};

export const DECLINE_REASONS = [
  'no_capacity',
  'out_of_scope',
  'person_declined',
  'person_unreachable',
  'other',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/** Compile-time proof that the list offers every decline reason the API accepts. */
export const LISTS_ARE_COMPLETE: [
  Covers<
    Exclude<NonNullable<ReferralTransition['reason']>, Exclude<WithdrawalReason, 'other'>>,
    typeof DECLINE_REASONS
  >,
] = [true];
