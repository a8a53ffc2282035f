export { beginAudit, flushAudit, record, type AuditEntry } from './audit.recorder';
export { verifyAuditChain, type AuditVerification } from './audit.verify';
