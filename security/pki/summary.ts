import { X509Certificate } from 'node:crypto';

export interface CertificateSummary {
  /** Lower-case hex, as issued. */
  serialNumber: string;
  /** SHA-256 of the DER, lower-case hex without colons. */
  fingerprintSha256: string;
  notBefore: Date;
  notAfter: Date;
  subjectCommonName: string | undefined;
}

/** What the server stores about a certificate, read with Node's native X.509 parser. */
export function certificateSummary(
  certificate: string | Buffer | X509Certificate,
): CertificateSummary {
  const x509 =
    certificate instanceof X509Certificate ? certificate : new X509Certificate(certificate);
  return {
    serialNumber: x509.serialNumber.toLowerCase(),
    fingerprintSha256: x509.fingerprint256.replaceAll(':', '').toLowerCase(),
    notBefore: parseValidityDate(x509.validFrom),
    notAfter: parseValidityDate(x509.validTo),
    subjectCommonName: subjectCommonName(x509),
  };
}

/** Node 20 gives "Jan  1 00:00:00 2035 GMT" (validToDate only arrived in Node 22). */
export function parseValidityDate(text: string): Date {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new Error('unreadable certificate date');
  return date;
}

/**
 * The single CN of the subject, or undefined when there is none or more than
 * one. Node prints one "key=value" per line and escapes special characters,
 * so a value cannot smuggle in a second line.
 */
export function subjectCommonName(x509: X509Certificate): string | undefined {
  const values = x509.subject
    .split('\n')
    .filter((line) => line.startsWith('CN='))
    .map((line) => line.slice(3));
  return values.length === 1 ? values[0] : undefined;
}
