import forge from 'node-forge';
import { type IssuingAuthority } from './certificate-authority';
import { forgeCertificateFromPem } from './forge-certificate';
import { issueInstitutionCertificate, type IssuedCertificate } from './issue';
import { forgePrivateKey, generateRsaKeyPair, INSTITUTION_KEY_BITS } from './keys';

export interface InstitutionBundleRequest {
  institutionId: string;
  institutionName: string;
  now: Date;
  /** Printable ASCII, at least 12 characters (see assertBundlePassword). */
  password: string;
  validityDays?: number;
}

export interface InstitutionBundle {
  certificate: IssuedCertificate;
  /** PKCS#12 with the private key, its certificate and the CA certificate. */
  pkcs12Der: Buffer;
}

/**
 * PBKDF2 iterations for the key and the MAC. forge runs both in JavaScript
 * (its PBKDF2 only goes native for a SHA-1 PRF), about 10 ms per 1,000.
 */
const ITERATIONS = 10_000;
const MIN_PASSWORD_LENGTH = 12;

/**
 * Generates a key pair, issues its certificate and returns both once, as a
 * password-protected PKCS#12. The private key is not returned otherwise and
 * not kept.
 *
 * The layout opens with OpenSSL 3 without `-legacy`: the key bag is PBES2
 * (PBKDF2 with HMAC-SHA-256, AES-256-CBC) and the MAC is HMAC-SHA-1 (forge
 * cannot do another), which OpenSSL's default provider accepts. The
 * certificates are in a plain (unencrypted) bag, as forge always does:
 * certificates are public, and no RC2/3DES is involved.
 */
export function generateInstitutionBundle(
  ca: IssuingAuthority,
  request: InstitutionBundleRequest,
): InstitutionBundle {
  const { password, ...certificateRequest } = request;
  assertBundlePassword(password);
  const { privateKey, publicKey } = generateRsaKeyPair(INSTITUTION_KEY_BITS);
  const certificate = issueInstitutionCertificate(ca, {
    ...certificateRequest,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  });

  // Not in the typings' option list, but forge passes it to PBES2.
  const options = {
    algorithm: 'aes256' as const,
    prfAlgorithm: 'sha256',
    count: ITERATIONS,
    saltSize: 16,
    generateLocalKeyId: true,
    friendlyName: request.institutionName,
  };
  const asn1 = forge.pkcs12.toPkcs12Asn1(
    forgePrivateKey(privateKey),
    [
      forgeCertificateFromPem(certificate.certificatePem),
      forgeCertificateFromPem(ca.certificatePem),
    ],
    password,
    options,
  );
  return { certificate, pkcs12Der: Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary') };
}

/**
 * Printable ASCII only. forge feeds the password to PBKDF2 as a "binary"
 * string (one byte per character) where OpenSSL uses its UTF-8 bytes: beyond
 * ASCII the two disagree and the key would not decrypt.
 */
export function assertBundlePassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH || !/^[\x20-\x7e]+$/.test(password)) {
    throw new RangeError(
      `the bundle password must be at least ${MIN_PASSWORD_LENGTH} printable ASCII characters`,
    );
  }
}
