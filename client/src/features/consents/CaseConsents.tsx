import type { CaseDetail } from '../cases/useCase';

/** Contract for the case detail page: the consents tab. Filled in by the consents work. */
export function CaseConsents(_props: { kase: CaseDetail }) {
  return null;
}
