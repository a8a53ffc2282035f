import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { certificateSummary, createCertificateAuthority, type CertificateAuthority } from './index';
import { CA_NAMES, opensslOk, TempDir } from '../../test/helpers/openssl';

const now = new Date('2026-03-01T10:20:30.456Z');
let ca: CertificateAuthority;
let x509: X509Certificate;
const dir = new TempDir();

beforeAll(() => {
  ca = createCertificateAuthority({ ...CA_NAMES, now });
  x509 = new X509Certificate(ca.certificatePem);
});
afterAll(() => dir.remove());

describe('createCertificateAuthority', () => {
  it('makes a self-signed CA certificate that verifies with its own key', () => {
    expect(x509.ca).toBe(true);
    expect(x509.checkIssued(x509)).toBe(true);
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(x509.publicKey.asymmetricKeyDetails?.modulusLength).toBe(3072);
  });

  it('returns the private key of the certificate as PKCS#8 DER', () => {
    const key = createPrivateKey({ key: ca.privateKeyPkcs8Der, format: 'der', type: 'pkcs8' });
    expect(createPublicKey(key).equals(x509.publicKey)).toBe(true);
  });

  it('keeps accented names and reports serial and expiry as in the certificate', () => {
    expect(x509.subject).toBe('CN=Amparo CA interna\nO=Fundación Amparo');
    expect(x509.issuer).toBe(x509.subject);
    expect(ca.serialNumber).toMatch(/^[4-7][0-9a-f]{31}$/);
    expect(x509.serialNumber.toLowerCase()).toBe(ca.serialNumber);
    expect(ca.notAfter.toISOString()).toBe('2036-02-27T10:20:30.000Z');
    expect(certificateSummary(ca.certificatePem)).toMatchObject({
      serialNumber: ca.serialNumber,
      notBefore: new Date('2026-03-01T10:20:30.000Z'),
      notAfter: ca.notAfter,
      subjectCommonName: 'Amparo CA interna',
    });
  });

  it('has critical CA constraints, key usage for signing certificates and CRLs, and an SKI', () => {
    const text = opensslOk([
      'x509',
      '-noout',
      '-text',
      '-in',
      dir.write('ca.pem', ca.certificatePem),
    ])
      .toString()
      .replace(/\s+/g, ' ');
    expect(text).toContain('X509v3 Basic Constraints: critical CA:TRUE, pathlen:0');
    expect(text).toContain('X509v3 Key Usage: critical Certificate Sign, CRL Sign');
    expect(text).toContain('X509v3 Subject Key Identifier:');
    expect(text).toContain('Signature Algorithm: sha256WithRSAEncryption');
  });

  it('uses a fresh serial number each time and honours validityDays', () => {
    const other = createCertificateAuthority({ ...CA_NAMES, now, validityDays: 30 });
    expect(other.serialNumber).not.toBe(ca.serialNumber);
    expect(other.notAfter.getTime() - now.getTime()).toBeLessThan(30 * 86_400_000);
    expect(other.notAfter.getTime() - now.getTime()).toBeGreaterThan(30 * 86_400_000 - 1000);
    expect(() => createCertificateAuthority({ ...CA_NAMES, now, validityDays: 0 })).toThrow(
      RangeError,
    );
  });
});
