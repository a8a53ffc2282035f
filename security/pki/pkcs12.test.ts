import {
  createPrivateKey,
  createPublicKey,
  randomBytes,
  randomUUID,
  X509Certificate,
} from 'node:crypto';
import {
  createCertificateAuthority,
  generateInstitutionBundle,
  verifyIssuedBy,
  type CertificateAuthority,
  type InstitutionBundle,
} from './index';
import { CA_NAMES, openssl, TempDir } from '../../test/helpers/openssl';

const password = randomBytes(18).toString('base64url');
const institutionId = randomUUID();
const institutionName = 'Fiscalía Provincial de Pichincha';
const now = new Date();
const dir = new TempDir();
let ca: CertificateAuthority;
let bundle: InstitutionBundle;
let bundleFile: string;

beforeAll(() => {
  ca = createCertificateAuthority({ ...CA_NAMES, now });
  bundle = generateInstitutionBundle(ca, { institutionId, institutionName, now, password });
  bundleFile = dir.write('bundle.p12', bundle.pkcs12Der);
});
afterAll(() => dir.remove());

/** Only the default provider: proves the bundle needs no `-legacy`. */
function pkcs12(args: string[], pass: string) {
  const base = ['pkcs12', '-provider', 'default', '-in', bundleFile, '-passin', 'env:P12_PASSWORD'];
  return openssl([...base, ...args], { P12_PASSWORD: pass });
}

const PEM_BLOCK = /-----BEGIN ([A-Z ]+)-----[\s\S]+?-----END \1-----/g;

describe('generateInstitutionBundle', () => {
  it('opens with OpenSSL 3 without -legacy: a key matching the certificate, and the CA', () => {
    const result = pkcs12(['-nodes'], password);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const blocks = [...result.stdout.toString().matchAll(PEM_BLOCK)].map((match) => match[0]);
    const keys = blocks.filter((block) => block.includes('PRIVATE KEY'));
    const certificates = blocks
      .filter((block) => block.startsWith('-----BEGIN CERTIFICATE-----'))
      .map((pem) => new X509Certificate(pem));
    expect(keys).toHaveLength(1);
    expect(certificates.map((cert) => cert.fingerprint256)).toEqual([
      new X509Certificate(bundle.certificate.certificatePem).fingerprint256,
      new X509Certificate(ca.certificatePem).fingerprint256,
    ]);
    const publicKey = createPublicKey(createPrivateKey(keys[0] as string));
    expect(publicKey.equals((certificates[0] as X509Certificate).publicKey)).toBe(true);
    // OpenSSL 3.0 prints BMPString names one byte per character, so only the ASCII part is compared.
    expect(result.stdout.toString()).toContain('Provincial de Pichincha');
  });

  it('uses PBES2 with AES-256 for the key', () => {
    const info = pkcs12(['-info', '-noout'], password);
    expect(info.status).toBe(0);
    expect(info.stderr).toContain(
      'Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 10000, PRF hmacWithSHA256',
    );
    expect(info.stderr).toContain('MAC: sha1, Iteration 10000');
  });

  it('does not open with a wrong password', () => {
    const result = pkcs12(['-nodes'], `${password}x`);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('Mac verify error');
    expect(result.stdout.toString()).not.toContain('PRIVATE KEY');
  });

  it('returns a certificate the CA verifies and nothing else besides the bundle', () => {
    expect(Object.keys(bundle).sort()).toEqual(['certificate', 'pkcs12Der']);
    expect(verifyIssuedBy(bundle.certificate.certificatePem, ca.certificatePem, now)).toMatchObject(
      {
        ok: true,
        institutionId,
        serialNumber: bundle.certificate.serialNumber,
      },
    );
  });

  it('refuses short or non-ASCII passwords', () => {
    const request = { institutionId, institutionName, now };
    expect(() => generateInstitutionBundle(ca, { ...request, password: 'corta' })).toThrow(
      RangeError,
    );
    expect(() =>
      generateInstitutionBundle(ca, { ...request, password: 'contraseña-muy-larga' }),
    ).toThrow('printable ASCII');
  });
});
