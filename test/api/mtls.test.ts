import { readFileSync } from 'node:fs';
import { issueInstitutionCertificate } from '../../security/pki';
import { inActorTransaction, SYSTEM_ACTOR } from '../../server/db/actor-transaction';
import { certificateAuthority } from '../../server/modules/certificates/certificate-authority';
import { startTestApp, type TestApp } from '../helpers/app';
import {
  mtlsRequest,
  startMtlsListener,
  type ClientCertificate,
  type MtlsListener,
} from '../helpers/mtls-client';
import { opensslCsr, opensslOk, RSA_2048, selfSignedFiles, TempDir } from '../helpers/openssl';
import { giveConsent, newCase, referralId, type Signed } from '../helpers/referrals';
import { auditEvents, createTeam, partnerInstitutionId, signedIn } from '../helpers/users';

/**
 * The mutual-TLS listener end to end: certificates issued in the test by the
 * API (from a CSR made by openssl), a real HTTPS server, a real TLS client.
 */
let t: TestApp;
let listener: MtlsListener;
let admin: Signed;
let ana: Signed;
let shelter: string;
let other: string;
const dir = new TempDir();

type Client = ClientCertificate;

const call = (client: Client | undefined, method: string, path: string, body?: object) =>
  mtlsRequest(listener, client, method, path, body);

/** A self-signed certificate and its key, made by openssl (not from our CA). */
function selfSigned(name: string, subject: string, extra: string[] = []): Client {
  const key = dir.file(`${name}.key`);
  const cert = dir.file(`${name}.pem`);
  selfSignedFiles(cert, key, subject, extra);
  return { cert: readFileSync(cert, 'utf8'), key: readFileSync(key, 'utf8') };
}

/** Signed with our CA's key but never recorded by the API (as a thief of the CA key could). */
async function issuedOffTheBooks(name: string, now: Date, validityDays?: number): Promise<Client> {
  const { keyFile } = opensslCsr(dir, name, RSA_2048);
  const publicKeyPem = opensslOk(['pkey', '-in', keyFile, '-pubout']).toString();
  const issued = await inActorTransaction(t.database.store, SYSTEM_ACTOR, async (trx) =>
    issueInstitutionCertificate(await certificateAuthority(trx, t.keyring, new Date()), {
      publicKeyPem,
      institutionId: shelter,
      institutionName: 'Casa de acogida mTLS',
      now,
      validityDays,
    }),
  );
  return { cert: issued.certificatePem, key: readFileSync(keyFile, 'utf8') };
}

async function issueFromCsr(name: string, institutionId: string) {
  const { csrPem, keyFile } = opensslCsr(dir, name, RSA_2048);
  await admin.client.post('/api/v1/auth/step-up', { code: await admin.client.nextCode() });
  const res = await admin.client.post(`/api/v1/institutions/${institutionId}/certificates`, {
    mode: 'csr',
    csr: csrPem,
  });
  const issued = res.body as { certificate: { id: string; certificatePem: string } };
  return {
    id: issued.certificate.id,
    client: { cert: issued.certificate.certificatePem, key: readFileSync(keyFile, 'utf8') },
  };
}

beforeAll(async () => {
  t = await startTestApp();
  admin = await signedIn(t, 'admin');
  ana = await signedIn(t, 'caseworker', { teamId: await createTeam(t, 'Equipo mTLS') });
  shelter = await partnerInstitutionId(t, 'Casa de acogida mTLS', 'shelter');
  other = await partnerInstitutionId(t, 'Otra casa mTLS', 'shelter');
  listener = await startMtlsListener(t, dir);
}, 60_000);
afterAll(async () => {
  await listener.close();
  dir.remove();
  await t.close();
});

describe('mutual TLS for institution systems', () => {
  it('lets an institution system work its inbox with its certificate, audited as itself', async () => {
    const caseId = await newCase(ana.client);
    await giveConsent(ana.client, caseId, [{ sectors: ['shelter'], categories: ['minimal'] }]);
    const id = await referralId(ana.client, caseId, shelter, { services: ['shelter'] });
    const elsewhere = await referralId(ana.client, caseId, other, { services: ['shelter'] });
    const system = await issueFromCsr('shelter-system', shelter);

    const inbox = await call(system.client, 'GET', '/api/v1/referrals');
    expect(inbox.status).toBe(200);
    const ids = (inbox.body as { items: { id: string }[] }).items.map((r) => r.id);
    expect(ids).toContain(id);
    expect(ids).not.toContain(elsewhere);

    const pkg = await call(system.client, 'GET', `/api/v1/referrals/${id}/package`);
    expect(pkg.status).toBe(200);
    expect(pkg.body).toMatchObject({
      categories: ['minimal'],
      content: { minimal: { services: ['shelter'] } },
    });
    const ack = await call(system.client, 'POST', `/api/v1/referrals/${id}/transitions`, {
      to: 'acknowledged',
    });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ status: 'acknowledged' });
    const history = (ack.body as { history: { actorKind: string; actorId: string }[] }).history;
    expect(history.at(-1)).toEqual(
      expect.objectContaining({ actorKind: 'institution_system', actorId: system.id }),
    );
    expect(await auditEvents(t, { action: 'referral.package.read', resourceId: id })).toEqual([
      expect.objectContaining({ actor_role: 'institution_system', actor_id: system.id }),
    ]);

    expect((await call(system.client, 'GET', `/api/v1/referrals/${elsewhere}`)).status).toBe(404);
    expect((await call(system.client, 'GET', `/api/v1/cases/${caseId}`)).status).toBe(404);
  });

  it('refuses a connection without a certificate, from another CA, or expired', async () => {
    await expect(call(undefined, 'GET', '/api/v1/referrals')).rejects.toThrow();

    const stranger = selfSigned('stranger', `/CN=${shelter}`);
    await expect(call(stranger, 'GET', '/api/v1/referrals')).rejects.toThrow();

    const old = await issuedOffTheBooks('expired', new Date(Date.now() - 3 * 86_400_000), 1);
    await expect(call(old, 'GET', '/api/v1/referrals')).rejects.toThrow();
  });

  it('refuses a revoked certificate (401, audited) and one the CA issued but we never recorded', async () => {
    const system = await issueFromCsr('revoked-system', shelter);
    expect((await call(system.client, 'GET', '/api/v1/referrals')).status).toBe(200);
    await admin.client.post(`/api/v1/certificates/${system.id}/revoke`, {
      reason: 'key_compromise',
    });
    const refused = await call(system.client, 'GET', '/api/v1/referrals');
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ code: 'unauthenticated' });
    expect(await auditEvents(t, { action: 'access.denied', resourceId: system.id })).toEqual([
      expect.objectContaining({ purpose: 'certificate_revoked', actor_role: 'institution_system' }),
    ]);

    const ghost = await issuedOffTheBooks('unrecorded', new Date());
    expect((await call(ghost, 'GET', '/api/v1/referrals')).status).toBe(401);
  });
});
