import type { KeyEncryptionKeys } from '../../../security/crypto';
import type { Store } from '../../db/actor-transaction';
import { openCertificate, participantKey } from './certificate-crypto';
import type { CertificateContent } from './certificate-pdf';
import type { CertificateRow } from './training-certificates.repository';
import type { OwnTrainingCertificate, TrainingCertificate } from './training-certificates.schemas';
import { formatVerificationCode } from './verification-code';

/*
 * What the certificates' use cases share (certificate-issue.ts,
 * certificate-read.ts, certificate-revoke.ts, public-verification.ts).
 * Coordinators issue, list, download and revoke; the holder (the participant
 * linked to the signed-in account) lists and downloads their own; anyone
 * checks a code. Every read that shows a holder's name is audited, and so
 * is every change; the public verification counts its lookups per
 * certificate and day, and audits the first of each day (anonymous actor,
 * the certificate's id: never the code).
 */

export interface TrainingCertificatesDeps {
  store: Store;
  keyring: KeyEncryptionKeys;
  /** The public origin the verification address is printed under (PUBLIC_URL). */
  publicUrl: string;
}

/** The public page that checks a code: `<origin>/verificar/XXXX-XXXX-XXXX-XXXX`. */
export function verificationUrl(publicUrl: string, code: string): string {
  const base = publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`;
  return new URL(`verificar/${formatVerificationCode(code)}`, base).toString();
}

/** The name and code of a certificate, or null once its participant has been erased. */
export function openedRow(deps: TrainingCertificatesDeps, row: CertificateRow) {
  const key = participantKey(deps.keyring, row);
  return key ? openCertificate(key, row.id, row) : null;
}

export const certificateStatus = (revokedAt: Date | null) =>
  revokedAt === null ? ('valid' as const) : ('revoked' as const);

/** The holder's view: no revocation reason, no staff ids (built, not filtered, so none leak). */
export function toOwnCertificate(
  deps: TrainingCertificatesDeps,
  row: CertificateRow,
): OwnTrainingCertificate {
  const opened = openedRow(deps, row);
  return {
    id: row.id,
    programmeId: row.programme_id,
    participantId: row.participant_id,
    holderName: opened?.holderName ?? null,
    code: opened ? formatVerificationCode(opened.code) : null,
    verificationUrl: opened ? verificationUrl(deps.publicUrl, opened.code) : null,
    programmeName: row.programme_name,
    totalHours: Number(row.total_hours),
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    issuingInstitutions: row.issuing_institutions,
    issuedOn: row.issued_on,
    status: certificateStatus(row.revoked_at),
    revokedOn: row.revoked_on,
    issuedAt: row.issued_at.toISOString(),
  };
}

/** The coordinators' view: the holder's, plus who issued and who revoked it, when and why. */
export function toCertificate(
  deps: TrainingCertificatesDeps,
  row: CertificateRow,
): TrainingCertificate {
  return {
    ...toOwnCertificate(deps, row),
    issuedBy: row.issued_by,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    revokedBy: row.revoked_by,
    revocationReason: row.revocation_reason,
  };
}

/** What the PDF prints, from the frozen row and its opened name and code. */
export function pdfContent(
  deps: TrainingCertificatesDeps,
  row: CertificateRow,
  opened: { holderName: string; code: string },
): CertificateContent {
  return {
    holderName: opened.holderName,
    programmeName: row.programme_name,
    totalHours: row.total_hours,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    issuedOn: row.issued_on,
    issuingInstitutions: row.issuing_institutions,
    code: opened.code,
    verificationUrl: verificationUrl(deps.publicUrl, opened.code),
  };
}
