import type { ColumnType, Generated } from 'kysely';
import type { ReferralStatus } from '../../security/policy';

/** Tables of consent, referrals and the PKI for partner institutions (migrations 0012–0014). */
/** Consents (0012). */
export interface ConsentsTable {
  id: string;
  case_id: string;
  version: number;
  supersedes_id: string | null;
  given_by: 'person' | 'guardian' | 'best_interest';
  method: 'written' | 'verbal_witnessed' | 'digital';
  given_at: Date;
  valid_until: Date | null;
  purposes: string[];
  /** JSON text on the way in; parsed by the driver on the way out. */
  scope: ColumnType<unknown, string, never>;
  evidence_attachment_id: string | null;
  recorded_by: string;
  created_at: ColumnType<Date, never, never>;
}

export interface ConsentEventsTable {
  id: Generated<string>;
  consent_id: string;
  kind: 'approved' | 'revoked';
  reason: string | null;
  actor_id: string;
  created_at: ColumnType<Date, never, never>;
}

export type { ReferralStatus };

/** Why a disclosure package is gone (migration 0015). */
export const PACKAGE_CLOSED_REASONS = [
  'consent_revoked',
  'withdrawn',
  'declined',
  'expired',
  'case_erased',
  'retention_ended',
  'closed_by_sender',
] as const;
export type PackageClosedReason = (typeof PACKAGE_CLOSED_REASONS)[number];

export interface ReferralsTable {
  id: string;
  case_id: string;
  institution_id: string;
  services: string[];
  urgency: 'routine' | 'priority' | 'urgent';
  categories: string[];
  acknowledge_by: Date;
  status: Generated<ReferralStatus>;
  decline_reason: string | null;
  vital_interest_override: Generated<boolean>;
  override_justification_enc: Buffer | null;
  opened_at: Date | null;
  package_closed_at: Date | null;
  package_closed_reason: PackageClosedReason | null;
  /** The case's team when the referral was sent: set by a trigger (0016), never changed. */
  sender_team_id: Generated<string>;
  created_by: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface ReferralConsentsTable {
  referral_id: string;
  consent_id: string;
}

export interface ReferralKeysTable {
  referral_id: string;
  case_id: string;
  kek_version: number;
  wrapped_key: Buffer;
  created_at: ColumnType<Date, never, never>;
  rewrapped_at: Date | null;
}

export interface ReferralPackagesTable {
  referral_id: string;
  content_enc: Buffer;
  created_at: ColumnType<Date, never, never>;
}

export interface ReferralEventsTable {
  id: Generated<string>;
  referral_id: string;
  from_status: ReferralStatus | null;
  to_status: ReferralStatus;
  actor_kind: 'user' | 'institution_system' | 'system';
  actor_id: string | null;
  reason: string | null;
  outcome_enc: Buffer | null;
  feedback_enc: Buffer | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

/** The internal certificate authority and institution certificates (migration 0014). */
export interface CertificateAuthorityTable {
  id: Generated<number>;
  certificate_pem: string;
  serial_number: string;
  not_after: Date;
  kek_version: number;
  wrapped_key: Buffer;
  created_at: ColumnType<Date, never, never>;
  rewrapped_at: Date | null;
}

export interface InstitutionCertificatesTable {
  id: string;
  institution_id: string;
  serial_number: string;
  fingerprint_sha256: string;
  certificate_pem: string;
  origin: 'csr' | 'generated';
  not_before: Date;
  not_after: Date;
  issued_by: string;
  created_at: ColumnType<Date, never, never>;
  revoked_at: Date | null;
  revoked_by: string | null;
  revocation_reason: string | null;
}
