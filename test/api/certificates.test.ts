import { sql } from 'kysely';
import { inActorTransaction } from '../../server/db/actor-transaction';
import { startTestApp, type TestApp } from '../helpers/app';
import { leaks } from '../helpers/canary';
import { databaseDump } from '../helpers/database-dump';
import { cmsDecrypt, openssl, opensslCsr, opensslOk, RSA_2048, TempDir } from '../helpers/openssl';
import { giveConsent, newCase, referralId, type Signed } from '../helpers/referrals';
import { SessionClient } from '../helpers/session-client';
import { asSuperuser } from '../helpers/superuser';
import {
  auditEvents,
  createTeam,
  leadAgencyId,
  partnerInstitutionId,
  signedIn,
} from '../helpers/users';

let t: TestApp;
let admin: Signed;
let ana: Signed;
let doctor: Signed;
let hospital: string;
const dir = new TempDir();

type Issued = {
  certificate: { id: string; certificatePem: string; status: string };
  pkcs12?: string;
  caCertificatePem: string;
};
const issue = (body: object, institution = hospital) =>
  admin.client.post(`/api/v1/institutions/${institution}/certificates`, body);
const stepUp = async (who: Signed) =>
  who.client.post('/api/v1/auth/step-up', { code: await who.client.nextCode() });

beforeAll(async () => {
  t = await startTestApp();
  hospital = await partnerInstitutionId(t, 'Hospital Certificados');
  admin = await signedIn(t, 'admin');
  ana = await signedIn(t, 'caseworker', { teamId: await createTeam(t, 'Equipo Certificados') });
  doctor = await signedIn(t, 'partner', { institutionId: hospital });
}, 60_000);
afterAll(async () => {
  dir.remove();
  await t.close();
});

describe('institution certificates', () => {
  it('issues from a CSR, chained to the internal CA (openssl verify), audited', async () => {
    const { csrPem } = opensslCsr(dir, 'hospital', RSA_2048);
    await stepUp(admin);
    const res = await issue({ mode: 'csr', csr: csrPem });
    expect(res.status).toBe(201);
    const issued = res.body as Issued;
    expect(issued.certificate).toMatchObject({
      status: 'active',
      origin: 'csr',
      institutionId: hospital,
    });
    expect(issued.pkcs12).toBeUndefined();
    const ca = dir.write('ca.pem', issued.caCertificatePem);
    const cert = dir.write('hospital.pem', issued.certificate.certificatePem);
    expect(opensslOk(['verify', '-CAfile', ca, cert]).toString()).toContain('OK');
    expect(
      await auditEvents(t, { action: 'certificate.issue', resourceId: issued.certificate.id }),
    ).toEqual([expect.objectContaining({ purpose: 'csr', actor_id: admin.user.id })]);
    const list = await admin.client.get(`/api/v1/institutions/${hospital}/certificates`);
    expect((list.body as { items: { id: string }[] }).items.map((c) => c.id)).toContain(
      issued.certificate.id,
    );
  });

  it('generates a key once, in a PKCS#12 that opens only with its password', async () => {
    const password = 'Contraseña-no'.replace('ñ', 'n') + '-segura-2026';
    await stepUp(admin);
    const res = await issue({ mode: 'generate', password });
    expect(res.status).toBe(201);
    const bundle = dir.write('bundle.p12', Buffer.from((res.body as Issued).pkcs12!, 'base64'));
    const opened = openssl(['pkcs12', '-in', bundle, '-nodes', '-passin', 'env:P12'], {
      P12: password,
    });
    expect(opened.status).toBe(0);
    expect(opened.stdout.toString()).toContain('PRIVATE KEY');
    const wrong = openssl(['pkcs12', '-in', bundle, '-nodes', '-passin', 'env:P12'], {
      P12: 'otra-clave-1234',
    });
    expect(wrong.status).not.toBe(0);
    expect(leaks(t.logs.join('\n'), password)).toBe(false);
    const dump = await databaseDump(t);
    expect(dump).toContain('certificate.issue');
    expect(leaks(dump, password)).toBe(false);
  });

  it('answers 401, 403 (audited), step-up, 400 naming the field, 404 and 409', async () => {
    const anonymous = new SessionClient(t.app, t.clock);
    await anonymous.refreshCsrf();
    expect((await anonymous.post(`/api/v1/institutions/${hospital}/certificates`, {})).status).toBe(
      401,
    );
    const denied = await ana.client.post(`/api/v1/institutions/${hospital}/certificates`, {
      mode: 'generate',
      password: 'clave-suficiente-larga',
    });
    expect(denied.status).toBe(403);
    expect(
      (await auditEvents(t, { action: 'access.denied' })).some(
        (e) =>
          e.actor_id === ana.user.id &&
          e.resource_id === 'POST:/api/v1/institutions/:id/certificates',
      ),
    ).toBe(true);
    t.clock.advance(10 * 60);
    const noStepUp = await issue({ mode: 'generate', password: 'clave-suficiente-larga' });
    expect(noStepUp.body).toMatchObject({ code: 'step_up_required' });
    await stepUp(admin);
    const garbage = await issue({ mode: 'csr', csr: 'no es un CSR' });
    expect(garbage.status).toBe(400);
    expect(garbage.body).toMatchObject({ errors: [{ path: 'body.csr', code: 'malformed' }] });
    const shortPassword = await issue({ mode: 'generate', password: 'corta' });
    expect(shortPassword.body).toMatchObject({
      errors: [expect.objectContaining({ path: 'body.password' })],
    });
    const missing = await issue(
      { mode: 'generate', password: 'clave-suficiente-larga' },
      '00000000-0000-4000-8000-000000000000',
    );
    expect(missing.status).toBe(404);
    const lead = await issue(
      { mode: 'generate', password: 'clave-suficiente-larga' },
      await leadAgencyId(t),
    );
    expect(lead.status).toBe(409);
  });

  it('revokes once, audited', async () => {
    await stepUp(admin);
    const issued = (await issue({ mode: 'generate', password: 'clave-para-revocar' }))
      .body as Issued;
    const path = `/api/v1/certificates/${issued.certificate.id}/revoke`;
    const res = await admin.client.post(path, { reason: 'key_compromise' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'revoked', revocationReason: 'key_compromise' });
    expect((await admin.client.post(path, { reason: 'other' })).status).toBe(409);
    expect(
      await auditEvents(t, { action: 'certificate.revoke', resourceId: issued.certificate.id }),
    ).toEqual([expect.objectContaining({ purpose: 'key_compromise' })]);
    // Not even an admin's own SQL can swap the certificate or undo the revocation.
    const adminActor = {
      id: admin.user.id,
      role: 'admin' as const,
      institutionId: admin.user.institutionId,
    };
    for (const change of ["certificate_pem = 'x'", 'revoked_at = null, revoked_by = null']) {
      const attempt = inActorTransaction(t.database.store, adminActor, (trx) =>
        sql
          .raw(
            `update institution_certificates set ${change} where id = '${issued.certificate.id}'`,
          )
          .execute(trx),
      );
      await expect(attempt).rejects.toThrow('only revoked, once');
    }
  });
});

describe('packages for partner systems (CMS EnvelopedData)', () => {
  it('exports the package so that openssl cms -decrypt opens it with the institution key', async () => {
    const clinic = await partnerInstitutionId(t, 'Clínica Envolvente');
    const nurse = await signedIn(t, 'partner', { institutionId: clinic });
    const caseId = await newCase(ana.client, {
      identity: { healthNotes: 'Diagnóstico reservado ñandú' },
    });
    await giveConsent(ana.client, caseId, [
      { institutionIds: [clinic], categories: ['minimal', 'health'] },
    ]);
    const id = await referralId(ana.client, caseId, clinic, { categories: ['health'] });

    const none = await nurse.client.get(`/api/v1/referrals/${id}/package.p7m`);
    expect(none.status).toBe(409);
    expect(none.body).toMatchObject({ code: 'no_certificate' });

    const { csrPem, keyFile } = opensslCsr(dir, 'clinic', RSA_2048);
    await stepUp(admin);
    const issued = (await issue({ mode: 'csr', csr: csrPem }, clinic)).body as Issued;
    const certFile = dir.write('clinic.pem', issued.certificate.certificatePem);

    const res = await nurse.client.download(`/api/v1/referrals/${id}/package.p7m`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/pkcs7-mime');
    const envelope = dir.write('package.p7m', res.body as Buffer);
    // Encrypted: neither the note nor its UTF-8 bytes appear in the envelope or the log.
    const bytes = (res.body as Buffer).toString('latin1');
    expect(bytes).not.toContain(Buffer.from('Diagnóstico reservado ñandú').toString('latin1'));
    expect(leaks(t.logs.join('\n'), 'Diagnóstico reservado ñandú')).toBe(false);
    const opened = cmsDecrypt(envelope, certFile, keyFile);
    expect(opened.status).toBe(0);
    const decrypted = opened.stdout;
    const json = await nurse.client.get(`/api/v1/referrals/${id}/package`);
    expect(JSON.parse(decrypted.toString('utf8'))).toEqual(json.body);
    expect(decrypted.toString('utf8')).toContain('Diagnóstico reservado ñandú');
    expect(await auditEvents(t, { action: 'referral.package.export', resourceId: id })).toEqual([
      expect.objectContaining({ purpose: 'disclosure', actor_id: nurse.user.id }),
    ]);

    const other = opensslCsr(dir, 'other', RSA_2048);
    const wrongKey = cmsDecrypt(envelope, certFile, other.keyFile);
    // With RSA PKCS#1 v1.5 key transport, OpenSSL answers a wrong key with a
    // random content key (the Bleichenbacher countermeasure): about 1 run in
    // 256 the CBC padding of the garbage happens to be valid and it exits 0.
    // What must never happen is the package coming out.
    expect(wrongKey.stdout.toString('latin1')).not.toContain('Diagnóstico');
    expect(wrongKey.stdout.equals(decrypted)).toBe(false);

    await admin.client.post(`/api/v1/certificates/${issued.certificate.id}/revoke`, {
      reason: 'superseded',
    });
    const revoked = await nurse.client.get(`/api/v1/referrals/${id}/package.p7m`);
    expect(revoked.body).toMatchObject({ code: 'no_certificate' });
    expect((await doctor.client.get(`/api/v1/referrals/${id}/package.p7m`)).status).toBe(404);
  });
});

describe('the current certificate of an institution', () => {
  it('is the last issued even when two share their validity dates (issued within one second)', async () => {
    const lab = await partnerInstitutionId(t, 'Laboratorio Gemelo');
    const tech = await signedIn(t, 'partner', { institutionId: lab });
    const caseId = await newCase(ana.client);
    await giveConsent(ana.client, caseId, [{ institutionIds: [lab], categories: ['minimal'] }]);
    const id = await referralId(ana.client, caseId, lab);

    const older = opensslCsr(dir, 'lab-older', RSA_2048);
    const newer = opensslCsr(dir, 'lab-newer', RSA_2048);
    await stepUp(admin);
    const first = (await issue({ mode: 'csr', csr: older.csrPem }, lab)).body as Issued;
    const second = (await issue({ mode: 'csr', csr: newer.csrPem }, lab)).body as Issued;
    // As if both had been issued in the same second: identical validity dates.
    await asSuperuser(
      t.database,
      `update institution_certificates
         set not_before = date_trunc('second', now()) - interval '1 minute',
             not_after = date_trunc('second', now()) + interval '365 days'
       where id in ('${first.certificate.id}', '${second.certificate.id}')`,
    );

    const res = await tech.client.download(`/api/v1/referrals/${id}/package.p7m`);
    expect(res.status).toBe(200);
    const envelope = dir.write('lab.p7m', res.body as Buffer);
    const newerCert = dir.write('lab-newer.pem', second.certificate.certificatePem);
    const olderCert = dir.write('lab-older.pem', first.certificate.certificatePem);
    expect(cmsDecrypt(envelope, newerCert, newer.keyFile).status).toBe(0);
    expect(cmsDecrypt(envelope, olderCert, older.keyFile).status).not.toBe(0);
  });
});
