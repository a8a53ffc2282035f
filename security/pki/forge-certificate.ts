import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import forge from 'node-forge';

/**
 * Helpers around forge's certificate builder. forge is only used to lay out
 * the ASN.1; signing is done with Node's native crypto, so private keys are
 * never turned into forge (JavaScript big-integer) objects.
 */

// The typings declare valueTagClass as asn1.Class, but forge reads it as the
// universal tag number of the value (asn1.Type).
const UTF8_STRING = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class;

export interface NameParts {
  commonName: string;
  organization: string;
}

/**
 * Both values as UTF8String. forge's default is PrintableString, which
 * cannot hold accents ("Fiscalía") and forge does not check that.
 */
export function utf8Name({ commonName, organization }: NameParts): forge.pki.CertificateField[] {
  return [
    { shortName: 'CN', value: commonName, valueTagClass: UTF8_STRING },
    { shortName: 'O', value: organization, valueTagClass: UTF8_STRING },
  ];
}

/**
 * forge's parser leaves UTF8String values as raw UTF-8 bytes, but its
 * encoder UTF-8-encodes them again: a parsed certificate's names would come
 * out double-encoded (e.g. in an issued certificate's issuer, or a CMS
 * recipient's issuerAndSerialNumber). Decode them once after parsing.
 */
export function forgeCertificateFromPem(pem: string): forge.pki.Certificate {
  const certificate = forge.pki.certificateFromPem(pem);
  for (const name of [certificate.subject, certificate.issuer]) {
    for (const attribute of name.attributes) {
      if (attribute.valueTagClass === UTF8_STRING && typeof attribute.value === 'string') {
        attribute.value = forge.util.decodeUtf8(attribute.value);
      }
    }
  }
  return certificate;
}

// Exists at run time (forge's own sign() uses it) but is missing from the typings.
const { getTBSCertificate } = forge.pki as unknown as {
  getTBSCertificate(this: void, certificate: forge.pki.Certificate): forge.asn1.Asn1;
};

/** Signs with sha256WithRSAEncryption using a native key; returns the PEM. */
export function signCertificate(certificate: forge.pki.Certificate, issuerKey: KeyObject): string {
  const oid = forge.pki.oids.sha256WithRSAEncryption as string;
  certificate.signatureOid = oid;
  certificate.siginfo.algorithmOid = oid;
  certificate.tbsCertificate = getTBSCertificate(certificate);
  const tbs = Buffer.from(forge.asn1.toDer(certificate.tbsCertificate).getBytes(), 'binary');
  certificate.signature = sign('sha256', tbs, issuerKey).toString('binary');
  return forge.pki.certificateToPem(certificate);
}

export function privateKeyFromPkcs8Der(der: Buffer): KeyObject {
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}

/** X.509 encodes whole seconds; truncating first keeps returned dates equal to the certificate's. */
export function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

export const DAY_MS = 24 * 60 * 60 * 1000;
