export { ConsentOverrideReview, overrideReviews } from './override-reviews';
export type { ReferralsDeps } from './referral-access';
export { exportPackage, readPackage, readReferral } from './referral-reads';
export { revocationEffects, transitionReferral } from './referral-transitions';
export { ReferralIdParams, ReferralListQuery, ReferralTransition } from './referrals.schemas';
export { findReferrals } from './referrals.service';
export { closeCompletedPackages, expireUnacknowledgedReferrals } from './referral-expiry';
export { erasureEffects } from './package-closure';
