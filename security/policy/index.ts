export type { PolicyActor } from './actor';
export {
  accountChangeNeedsStepUp,
  canAdministerAccounts,
  refuseAccountChange,
  roleFitsInstitution,
  type AccountChangeRefusal,
} from './users';
export {
  CASE_ACTIONS,
  canHoldCases,
  canViewCase,
  caseAccess,
  mayActOnCase,
  type CaseAction,
  type ActorTeam,
  type CaseAccess,
  type CaseOwnership,
} from './cases';
export {
  CONSENT_PURPOSES,
  consentCoverage,
  consentStatus,
  DATA_CATEGORIES,
  needsApproval,
  referralNeeds,
  type ConsentFacts,
  type ConsentNeed,
  type ConsentPurpose,
  type ConsentScope,
  type ConsentStatus,
  type DataCategory,
  type Recipient,
} from './consent';
export {
  REFERRAL_STATUSES,
  referralSide,
  transitionRefusal,
  type ReferralSide,
  type ReferralStatus,
} from './referrals';
