import { randomUUID } from 'node:crypto';
import {
  createCertificateAuthority,
  envelopeForRecipient,
  issueInstitutionCertificate,
  parseCsr,
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

const dir = new TempDir();
let ca: CertificateAuthority;

interface Institution {
  certFile: string;
  certificatePem: string;
  keyFile: string;
}
let fiscalia: Institution;
let defensoria: Institution;

function institution(name: string, institutionName: string): Institution {
  const { csrPem, keyFile } = opensslCsr(dir, name, RSA_2048);
  const { certificatePem } = issueInstitutionCertificate(ca, {
    ...parseCsr(csrPem),
    institutionId: randomUUID(),
    institutionName,
    now: new Date(),
  });
  return { certFile: dir.write(`${name}.pem`, certificatePem), certificatePem, keyFile };
}

const content = Buffer.from(
  JSON.stringify({
    referral: randomUUID(),
    categories: ['situación migratoria', 'salud', 'protección'],
    narrative: 'Víctima acompañada a la Fiscalía; pidió reserva de identidad. '.repeat(60),
  }),
  'utf8',
);

beforeAll(() => {
  ca = createCertificateAuthority({ ...CA_NAMES, now: new Date() });
  fiscalia = institution('fiscalia', 'Fiscalía Provincial de Pichincha');
  defensoria = institution('defensoria', 'Defensoría del Pueblo');
});
afterAll(() => dir.remove());

function decrypt(packageFile: string, recipient: Institution, keyFile = recipient.keyFile) {
  // prettier-ignore
  return openssl([
    'cms', '-decrypt', '-inform', 'DER', '-in', packageFile,
    '-recip', recipient.certFile, '-inkey', keyFile,
  ]);
}

describe('envelopeForRecipient', () => {
  it('makes a package that openssl cms decrypts with the institution key, byte for byte', () => {
    expect(content.length).toBeGreaterThan(3000);
    const packageFile = dir.write(
      'package.p7m',
      envelopeForRecipient(content, fiscalia.certificatePem),
    );
    const result = decrypt(packageFile, fiscalia);
    expect(result.stderr).toBe('');
    expect(result.stdout.equals(content)).toBe(true);
  });

  it('is EnvelopedData for one recipient by issuer and serial, RSA key transport, AES-256-CBC', () => {
    const envelope = envelopeForRecipient(content, fiscalia.certificatePem);
    const file = dir.write('structure.p7m', envelope);
    const printed = opensslOk([
      'cms',
      '-cmsout',
      '-print',
      '-inform',
      'DER',
      '-in',
      file,
    ]).toString();
    expect(printed).toContain('contentType: pkcs7-envelopedData');
    expect(printed).toContain('issuerAndSerialNumber');
    expect(printed).toContain('algorithm: rsaEncryption');
    expect(printed).toContain('contentType: pkcs7-data');
    expect(printed).toContain('algorithm: aes-256-cbc');
    expect(envelope.includes(Buffer.from('situación'))).toBe(false);
  });

  it('cannot be opened by another institution', () => {
    const packageFile = dir.write(
      'private.p7m',
      envelopeForRecipient(content, fiscalia.certificatePem),
    );
    const asOther = decrypt(packageFile, defensoria);
    expect(asOther.status).not.toBe(0);
    expect(asOther.stdout.includes(Buffer.from('Fiscalía'))).toBe(false);
    const withOtherKey = decrypt(packageFile, fiscalia, defensoria.keyFile);
    expect(withOtherKey.stdout.equals(content)).toBe(false);
    expect(withOtherKey.stdout.includes(Buffer.from('Fiscalía'))).toBe(false);
  });

  it('uses a fresh content key each time', () => {
    const first = envelopeForRecipient(content, fiscalia.certificatePem);
    const second = envelopeForRecipient(content, fiscalia.certificatePem);
    expect(first.equals(second)).toBe(false);
  });
});
