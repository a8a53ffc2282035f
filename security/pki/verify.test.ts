import { createPrivateKey, generateKeyPairSync, randomUUID, X509Certificate } from 'node:crypto';
import {
  createCertificateAuthority,
  issueInstitutionCertificate,
  verifyIssuedBy,
  type CertificateAuthority,
  type IssuedCertificate,
} from './index';
import { CA_NAMES, opensslCsr, opensslOk, RSA_2048, TempDir } from '../../test/helpers/openssl';

const FISCALIA = 'Fiscalía Provincial de Pichincha';
const institutionId = randomUUID();
const now = new Date();
const dir = new TempDir();
let ca: CertificateAuthority;
let issued: IssuedCertificate;

beforeAll(() => {
  ca = createCertificateAuthority({ ...CA_NAMES, now });
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  issued = issueInstitutionCertificate(ca, {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    institutionId,
    institutionName: FISCALIA,
    now,
  });
});
afterAll(() => dir.remove());

/** A certificate signed with our CA key by openssl, with the given subject and extensions. */
function signedByOurKey(name: string, subject: string, extensions: string): string {
  const caKeyPem = createPrivateKey({ key: ca.privateKeyPkcs8Der, format: 'der', type: 'pkcs8' })
    .export({ type: 'pkcs8', format: 'pem' })
    .toString();
  const { csrPem } = opensslCsr(dir, name, RSA_2048);
  // prettier-ignore
  return opensslOk([
    'x509', '-req', '-in', dir.write(`${name}.csr`, csrPem),
    '-CA', dir.write('ca.pem', ca.certificatePem), '-CAkey', dir.write('ca.key', caKeyPem),
    '-set_serial', '0x5eed', '-days', '30', '-subj', subject,
    '-extfile', dir.write(`${name}.cnf`, `${extensions}\nauthorityKeyIdentifier = keyid\n`),
  ]).toString();
}

describe('verifyIssuedBy', () => {
  it('accepts our client certificate as PEM or DER and returns the institution id', () => {
    const der = new X509Certificate(issued.certificatePem).raw;
    for (const certificate of [issued.certificatePem, der]) {
      const result = verifyIssuedBy(certificate, ca.certificatePem, now);
      expect(result).toMatchObject({ ok: true, institutionId, serialNumber: issued.serialNumber });
    }
  });

  it('refuses a certificate from another CA with the same names', () => {
    const otherCa = createCertificateAuthority({ ...CA_NAMES, now });
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const impostor = issueInstitutionCertificate(otherCa, {
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      institutionId,
      institutionName: FISCALIA,
      now,
    });
    expect(new X509Certificate(impostor.certificatePem).issuer).toBe(
      new X509Certificate(issued.certificatePem).issuer,
    );
    expect(verifyIssuedBy(impostor.certificatePem, ca.certificatePem, now)).toEqual({
      ok: false,
      reason: 'not_issued_by_ca',
    });
  });

  it('refuses outside the validity period, to the second', () => {
    const check = (at: number) =>
      verifyIssuedBy(issued.certificatePem, ca.certificatePem, new Date(at));
    expect(check(issued.notAfter.getTime())).toMatchObject({ ok: true });
    expect(check(issued.notAfter.getTime() + 1000)).toEqual({ ok: false, reason: 'expired' });
    expect(check(issued.notBefore.getTime())).toMatchObject({ ok: true });
    expect(check(issued.notBefore.getTime() - 1000)).toEqual({
      ok: false,
      reason: 'not_yet_valid',
    });
  });

  it('refuses the CA certificate itself', () => {
    expect(verifyIssuedBy(ca.certificatePem, ca.certificatePem, now)).toEqual({
      ok: false,
      reason: 'not_client_certificate',
    });
  });

  it('refuses our certificates without clientAuth or without a UUID common name', () => {
    const serverOnly = signedByOurKey(
      'server',
      `/CN=${institutionId}/O=Servidor`,
      'basicConstraints = critical, CA:FALSE\nextendedKeyUsage = serverAuth',
    );
    const named = signedByOurKey(
      'named',
      '/CN=Fiscalía/O=Fiscalía',
      'basicConstraints = critical, CA:FALSE\nextendedKeyUsage = clientAuth',
    );
    const control = signedByOurKey(
      'control',
      `/CN=${institutionId}/O=Control`,
      'basicConstraints = critical, CA:FALSE\nextendedKeyUsage = clientAuth',
    );
    const reasonOf = (pem: string) => verifyIssuedBy(pem, ca.certificatePem, new Date());
    expect(reasonOf(control)).toMatchObject({ ok: true, institutionId });
    expect(reasonOf(serverOnly)).toEqual({ ok: false, reason: 'not_client_certificate' });
    expect(reasonOf(named)).toEqual({ ok: false, reason: 'not_client_certificate' });
  });

  it('reports garbage as malformed', () => {
    expect(verifyIssuedBy('garbage', ca.certificatePem, now)).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(
      verifyIssuedBy(Buffer.from([0x30, 0x03, 0x02, 0x01, 0x00]), ca.certificatePem, now),
    ).toEqual({ ok: false, reason: 'malformed' });
  });
});
