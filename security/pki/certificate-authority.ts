import forge from 'node-forge';
import { CA_KEY_BITS, forgePublicKey, generateRsaKeyPair, randomSerialNumber } from './keys';
import { DAY_MS, signCertificate, utf8Name, wholeSeconds } from './forge-certificate';

export interface CertificateAuthorityOptions {
  commonName: string;
  organization: string;
  now: Date;
  /** Default 3650 (about ten years). */
  validityDays?: number;
}

/** What the server stores; the private key must be kept encrypted at rest. */
export interface CertificateAuthority {
  certificatePem: string;
  /** Unencrypted PKCS#8 DER. */
  privateKeyPkcs8Der: Buffer;
  serialNumber: string;
  notAfter: Date;
}

/** The parts of a CA that issuing needs. */
export type IssuingAuthority = Pick<CertificateAuthority, 'certificatePem' | 'privateKeyPkcs8Der'>;

export function createCertificateAuthority(
  options: CertificateAuthorityOptions,
): CertificateAuthority {
  const { commonName, organization, now, validityDays = 3650 } = options;
  assertPositiveDays(validityDays);
  const { privateKey, publicKey } = generateRsaKeyPair(CA_KEY_BITS);
  const serialNumber = randomSerialNumber();
  const notBefore = wholeSeconds(now);
  const notAfter = new Date(notBefore.getTime() + validityDays * DAY_MS);

  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forgePublicKey(publicKey);
  certificate.serialNumber = serialNumber;
  certificate.validity.notBefore = notBefore;
  certificate.validity.notAfter = notAfter;
  const name = utf8Name({ commonName, organization });
  certificate.setSubject(name);
  certificate.setIssuer(name);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);

  return {
    certificatePem: signCertificate(certificate, privateKey),
    privateKeyPkcs8Der: privateKey.export({ type: 'pkcs8', format: 'der' }),
    serialNumber,
    notAfter,
  };
}

export function assertPositiveDays(days: number): void {
  if (!Number.isInteger(days) || days < 1)
    throw new RangeError('validityDays must be a positive integer');
}
