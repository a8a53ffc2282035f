export { revocationEffects } from './referral-transitions';
export type { ReferralsDeps } from './referral-access';
export { ConsentOverrideReview, overrideReviews } from './override-reviews';
