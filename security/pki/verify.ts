import { X509Certificate } from 'node:crypto';
import { UUID_PATTERN } from './issue';
import { certificateSummary } from './summary';

const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';

export type VerificationFailure =
  'not_issued_by_ca' | 'expired' | 'not_yet_valid' | 'not_client_certificate' | 'malformed';

export type VerificationResult =
  | {
      ok: true;
      /** Lower-case UUID from the subject CN. */
      institutionId: string;
      serialNumber: string;
      fingerprintSha256: string;
      notAfter: Date;
    }
  | { ok: false; reason: VerificationFailure };

/**
 * Whether `certificate` is an institution client certificate issued by our
 * CA and valid at `now`. Only Node's native X.509 code is used (issuer name
 * and key identifiers, then the signature); forge's chain check is not
 * trusted. Revocation is NOT checked here: the caller must look the serial
 * number up in the database and refuse revoked or unknown certificates.
 */
export function verifyIssuedBy(
  certificate: string | Buffer,
  caCertificatePem: string,
  now: Date,
): VerificationResult {
  const ca = new X509Certificate(caCertificatePem);
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(certificate);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (!x509.checkIssued(ca) || !x509.verify(ca.publicKey)) {
    return { ok: false, reason: 'not_issued_by_ca' };
  }
  const summary = certificateSummary(x509);
  if (now < summary.notBefore) return { ok: false, reason: 'not_yet_valid' };
  if (now > summary.notAfter) return { ok: false, reason: 'expired' };

  // Node 20 names the extended key usage list `keyUsage`; undefined when absent.
  const extendedKeyUsage = x509.keyUsage ?? [];
  const commonName = summary.subjectCommonName;
  if (
    x509.ca ||
    !extendedKeyUsage.includes(CLIENT_AUTH) ||
    commonName === undefined ||
    !UUID_PATTERN.test(commonName)
  ) {
    return { ok: false, reason: 'not_client_certificate' };
  }
  return {
    ok: true,
    institutionId: commonName.toLowerCase(),
    serialNumber: summary.serialNumber,
    fingerprintSha256: summary.fingerprintSha256,
    notAfter: summary.notAfter,
  };
}
