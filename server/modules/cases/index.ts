export {
  assertMayAct,
  auditPurpose,
  caseResource,
  lockedCase,
  visibleCase,
  withCase,
  withCaseKey,
  type VisibleCase,
} from './case-key-access';
export { findAttachment } from './case-attachments.repository';
export { decryptIdentity } from './case-crypto';
export { identityColumnsOf, toAttributes, type CaseRow } from './cases.repository';
export type { CasesDeps } from './cases.service';
export { isMinorBand } from './cases.vocabularies';
export { breakGlassReviews, caseKeysWithin, type CaseKeys } from './case-break-glass';
export { findActorTeam } from './cases.repository';
export { endGrant } from './case-access.repository';
export { BreakGlassReview } from './cases.schemas';
export type { ErasureEffects } from './case-erasure';
