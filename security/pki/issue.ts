import { createPublicKey, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { assertPositiveDays, type IssuingAuthority } from './certificate-authority';
import {
  DAY_MS,
  forgeCertificateFromPem,
  privateKeyFromPkcs8Der,
  signCertificate,
  utf8Name,
  wholeSeconds,
} from './forge-certificate';
import { forgePublicKey, INSTITUTION_KEY_BITS, randomSerialNumber } from './keys';
import { certificateSummary, parseValidityDate } from './summary';

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Tolerated clock skew between Amparo and the institution's systems. */
const BACKDATE_MS = 5 * 60 * 1000;
/** X.520 upper bound for organizationName. */
const MAX_ORGANIZATION_LENGTH = 64;

export interface InstitutionCertificateRequest {
  publicKeyPem: string;
  /** UUID; becomes the subject CN, which is how the server identifies a client. */
  institutionId: string;
  /** Subject O, for people reading the certificate; never used for identification. */
  institutionName: string;
  now: Date;
  /** Default 397 (the CA/Browser Forum maximum for TLS certificates). */
  validityDays?: number;
}

export interface IssuedCertificate {
  certificatePem: string;
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  fingerprintSha256: string;
}

export function issueInstitutionCertificate(
  ca: IssuingAuthority,
  request: InstitutionCertificateRequest,
): IssuedCertificate {
  const { publicKeyPem, institutionName, now, validityDays = 397 } = request;
  assertPositiveDays(validityDays);
  const institutionId = request.institutionId.toLowerCase();
  if (!UUID_PATTERN.test(institutionId)) throw new RangeError('institutionId must be a UUID');
  const nameLength = [...institutionName].length;
  if (nameLength === 0 || nameLength > MAX_ORGANIZATION_LENGTH) {
    throw new RangeError(`institutionName must have 1 to ${MAX_ORGANIZATION_LENGTH} characters`);
  }
  assertRsaKey(publicKeyPem);

  const caKey = privateKeyFromPkcs8Der(ca.privateKeyPkcs8Der);
  const caX509 = new X509Certificate(ca.certificatePem);
  if (!caX509.ca) throw new Error('the issuing certificate is not a CA');
  if (!caX509.publicKey.equals(createPublicKey(caKey))) {
    throw new Error('the CA private key does not match the CA certificate');
  }
  const caNotAfter = parseValidityDate(caX509.validTo);
  const notBefore = wholeSeconds(new Date(now.getTime() - BACKDATE_MS));
  const requestedEnd = new Date(notBefore.getTime() + validityDays * DAY_MS);
  const notAfter = requestedEnd > caNotAfter ? caNotAfter : requestedEnd;
  if (notAfter.getTime() <= now.getTime()) throw new Error('the CA has expired');

  const caCertificate = forgeCertificateFromPem(ca.certificatePem);
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forgePublicKey(publicKeyPem);
  certificate.serialNumber = randomSerialNumber();
  certificate.validity.notBefore = notBefore;
  certificate.validity.notAfter = notAfter;
  certificate.setSubject(utf8Name({ commonName: institutionId, organization: institutionName }));
  certificate.setIssuer(caCertificate.subject.attributes);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', clientAuth: true },
    // `keyIdentifier: true` would make forge use the subject's own key id.
    { name: 'authorityKeyIdentifier', keyIdentifier: subjectKeyIdentifierOf(caCertificate) },
    { name: 'subjectKeyIdentifier' },
  ]);

  const certificatePem = signCertificate(certificate, caKey);
  const { serialNumber, fingerprintSha256 } = certificateSummary(certificatePem);
  return { certificatePem, serialNumber, notBefore, notAfter, fingerprintSha256 };
}

function assertRsaKey(publicKeyPem: string): void {
  const key = createPublicKey(publicKeyPem);
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (key.asymmetricKeyType !== 'rsa' || bits < INSTITUTION_KEY_BITS) {
    throw new RangeError(`institution keys must be RSA of at least ${INSTITUTION_KEY_BITS} bits`);
  }
}

/** The CA's subjectKeyIdentifier as a forge binary string. */
function subjectKeyIdentifierOf(caCertificate: forge.pki.Certificate): string {
  const extension: unknown = caCertificate.getExtension('subjectKeyIdentifier');
  if (
    typeof extension === 'object' &&
    extension !== null &&
    'subjectKeyIdentifier' in extension &&
    typeof extension.subjectKeyIdentifier === 'string'
  ) {
    return forge.util.hexToBytes(extension.subjectKeyIdentifier);
  }
  throw new Error('the CA certificate has no subjectKeyIdentifier');
}
