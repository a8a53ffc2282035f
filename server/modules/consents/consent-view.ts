import { consentStatus, type ConsentFacts, type ConsentScope } from '../../../security/policy';
import type { ConsentRow } from './consents.repository';
import type { Consent } from './consents.schemas';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function factsOf(row: ConsentRow): ConsentFacts {
  return {
    id: row.id,
    givenBy: row.given_by,
    validUntil: row.valid_until,
    purposes: row.purposes as ConsentFacts['purposes'],
    scope: row.scope as ConsentScope[],
    approved: row.approved_at !== null,
    revoked: row.revoked_at !== null,
    superseded: row.superseded,
  };
}

export function toConsent(row: ConsentRow, minor: boolean, now: Date): Consent {
  const facts = factsOf(row);
  return {
    id: row.id,
    caseId: row.case_id,
    version: row.version,
    supersedes: row.supersedes_id,
    givenBy: row.given_by,
    method: row.method,
    givenAt: row.given_at.toISOString(),
    validUntil: iso(row.valid_until),
    purposes: facts.purposes as Consent['purposes'],
    scope: facts.scope as Consent['scope'],
    evidenceAttachmentId: row.evidence_attachment_id,
    recordedBy: row.recorded_by,
    createdAt: row.created_at.toISOString(),
    status: consentStatus(facts, minor, now),
    approvedBy: row.approved_by,
    approvedAt: iso(row.approved_at),
    revokedBy: row.revoked_by,
    revokedAt: iso(row.revoked_at),
    revocationReason: row.revocation_reason,
  };
}
