export { beginAudit, flushAudit, record, type AuditEntry } from './audit.recorder';
export { sealPending } from './audit.sealer';
export { verifyAuditChain, type AuditVerification } from './audit.verify';
