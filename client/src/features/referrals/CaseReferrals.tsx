import type { CaseDetail } from '../cases/useCase';

/** Contract for the case detail page: the case's referrals tab. Filled in by the referrals work. */
export function CaseReferrals(_props: { kase: CaseDetail }) {
  return null;
}
