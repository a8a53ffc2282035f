import type { CaseDetail } from '../useCase';

/**
 * Contract for the case detail page: the supervisor's actions on a case
 * (assign or reassign, erase). Filled in by the supervision work.
 */
export function SupervisorActions(_props: { kase: CaseDetail }) {
  return null;
}
