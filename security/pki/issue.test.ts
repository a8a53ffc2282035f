import { generateKeyPairSync, randomUUID, X509Certificate } from 'node:crypto';
import {
  createCertificateAuthority,
  CsrRejectedError,
  issueInstitutionCertificate,
  parseCsr,
  verifyIssuedBy,
  type CertificateAuthority,
} from './index';
import {
  CA_NAMES,
  openssl,
  opensslCsr,
  opensslOk,
  RSA_2048,
  TempDir,
} from '../../test/helpers/openssl';

const FISCALIA = 'Fiscalía Provincial de Pichincha';
const dir = new TempDir();
let ca: CertificateAuthority;
let caFile: string;

beforeAll(() => {
  ca = createCertificateAuthority({ ...CA_NAMES, now: new Date() });
  caFile = dir.write('ca.pem', ca.certificatePem);
});
afterAll(() => dir.remove());

function rejection(csrPem: string): string | undefined {
  try {
    parseCsr(csrPem);
  } catch (error) {
    if (error instanceof CsrRejectedError) return error.reason;
    throw error;
  }
  return undefined;
}

describe('parseCsr and issueInstitutionCertificate', () => {
  it('issues from an openssl CSR a certificate that openssl and verifyIssuedBy accept', () => {
    const { csrPem } = opensslCsr(dir, 'fiscalia', RSA_2048);
    const csr = parseCsr(csrPem);
    expect(csr.subjectCommonName).toBe('Sistema de la Fiscalía');
    const institutionId = randomUUID();
    const now = new Date();
    const issued = issueInstitutionCertificate(ca, {
      publicKeyPem: csr.publicKeyPem,
      institutionId,
      institutionName: FISCALIA,
      now,
    });
    const certFile = dir.write('fiscalia.pem', issued.certificatePem);
    const verified = openssl(['verify', '-CAfile', caFile, '-purpose', 'sslclient', certFile]);
    expect(verified.stdout.toString()).toBe(`${certFile}: OK\n`);
    expect(verifyIssuedBy(issued.certificatePem, ca.certificatePem, now)).toEqual({
      ok: true,
      institutionId,
      serialNumber: issued.serialNumber,
      fingerprintSha256: issued.fingerprintSha256,
      notAfter: issued.notAfter,
    });

    const x509 = new X509Certificate(issued.certificatePem);
    expect(x509.subject).toBe(`CN=${institutionId}\nO=${FISCALIA}`);
    expect(x509.issuer).toBe('CN=Amparo CA interna\nO=Fundación Amparo');
    expect(x509.ca).toBe(false);
    expect(x509.serialNumber.toLowerCase()).toBe(issued.serialNumber);
    expect(x509.fingerprint256.replaceAll(':', '').toLowerCase()).toBe(issued.fingerprintSha256);
    const fiveMinutes = 5 * 60 * 1000;
    expect(now.getTime() - issued.notBefore.getTime()).toBeGreaterThanOrEqual(fiveMinutes);
    expect(now.getTime() - issued.notBefore.getTime()).toBeLessThan(fiveMinutes + 1000);
    expect(issued.notAfter.getTime() - issued.notBefore.getTime()).toBe(397 * 86_400_000);
  });

  it('writes the client extensions with the CA key id as authority key id', () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const issued = issueInstitutionCertificate(ca, {
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      institutionId: randomUUID(),
      institutionName: FISCALIA,
      now: new Date(),
    });
    const text = (file: string) =>
      opensslOk(['x509', '-noout', '-text', '-in', file]).toString().replace(/\s+/g, ' ');
    const caText = text(caFile);
    const caKeyId = /Subject Key Identifier: ([0-9A-F:]+)/.exec(caText)?.[1];
    expect(caKeyId).toBeDefined();
    const certText = text(dir.write('extensions.pem', issued.certificatePem));
    expect(certText).toContain('X509v3 Basic Constraints: critical CA:FALSE');
    expect(certText).toContain('X509v3 Key Usage: critical Digital Signature, Key Encipherment');
    expect(certText).toContain('X509v3 Extended Key Usage: TLS Web Client Authentication');
    expect(certText).toMatch(new RegExp(`Authority Key Identifier: (keyid:)?${caKeyId} `));
    expect(certText).not.toContain(`Subject Key Identifier: ${caKeyId}`);
  });

  it('never issues beyond the CA expiry', () => {
    const now = new Date();
    const shortCa = createCertificateAuthority({ ...CA_NAMES, now, validityDays: 10 });
    const { csrPem } = opensslCsr(dir, 'short', RSA_2048);
    const issued = issueInstitutionCertificate(shortCa, {
      ...parseCsr(csrPem),
      institutionId: randomUUID(),
      institutionName: FISCALIA,
      now,
    });
    expect(issued.notAfter).toEqual(shortCa.notAfter);
  });

  it('refuses bad institution ids, names and keys', () => {
    const base = { institutionId: randomUUID(), institutionName: FISCALIA, now: new Date() };
    const key = (modulusLength: number) =>
      generateKeyPairSync('rsa', { modulusLength })
        .publicKey.export({ type: 'spki', format: 'pem' })
        .toString();
    const rsa2048 = key(2048);
    expect(() =>
      issueInstitutionCertificate(ca, {
        ...base,
        publicKeyPem: rsa2048,
        institutionId: 'fiscalia',
      }),
    ).toThrow('institutionId must be a UUID');
    expect(() =>
      issueInstitutionCertificate(ca, { ...base, publicKeyPem: rsa2048, institutionName: '' }),
    ).toThrow(RangeError);
    expect(() => issueInstitutionCertificate(ca, { ...base, publicKeyPem: key(1024) })).toThrow(
      'institution keys must be RSA',
    );
  });
});

describe('parseCsr refusals', () => {
  it('refuses a CSR whose signature was tampered with', () => {
    const { csrPem } = opensslCsr(dir, 'tampered', RSA_2048);
    const der = opensslOk(['req', '-in', dir.write('tampered.csr', csrPem), '-outform', 'DER']);
    der[der.length - 10] = (der[der.length - 10] as number) ^ 0x01;
    const tampered = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`;
    expect(rejection(tampered)).toBe('bad_signature');
  });

  it('refuses garbage as malformed, without echoing it', () => {
    expect(rejection('not a certificate request')).toBe('malformed');
    const junk = `-----BEGIN CERTIFICATE REQUEST-----\n${Buffer.from('Fiscalía secret').toString('base64')}\n-----END CERTIFICATE REQUEST-----`;
    expect(rejection(junk)).toBe('malformed');
    expect(() => parseCsr(junk)).toThrow('the certificate request could not be read');
  });

  it('refuses RSA keys under 2048 bits', () => {
    expect(rejection(opensslCsr(dir, 'weak', ['-newkey', 'rsa:1024']).csrPem)).toBe('weak_key');
  });

  it('refuses EC keys, which forge cannot put in a certificate', () => {
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'];
    expect(rejection(opensslCsr(dir, 'ec', ec).csrPem)).toBe('unsupported_key');
  });

  it('refuses signatures other than sha256WithRSAEncryption', () => {
    const { csrPem } = opensslCsr(dir, 'sha512', RSA_2048, ['-sha512']);
    expect(rejection(csrPem)).toBe('unsupported_algorithm');
  });
});
