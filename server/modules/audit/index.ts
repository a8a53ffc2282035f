export {
  auditAnchorLogger,
  checkAnchor,
  formatAnchor,
  parseAnchor,
  AUDIT_ANCHOR_MESSAGE,
  type AnchorCheck,
  type AuditAnchor,
  type AuditAnchorLogger,
} from './audit.anchor';
export { beginAudit, flushAudit, record, type AuditEntry } from './audit.recorder';
export { sealPending } from './audit.sealer';
export { verifyAuditChain, type AuditVerification } from './audit.verify';
export {
  AUDIT_ACTIONS,
  AUDIT_PURPOSES,
  isAuditAction,
  isAuditPurpose,
  knownPurpose,
  type AuditAction,
  type AuditPurpose,
} from './audit.vocabulary';
