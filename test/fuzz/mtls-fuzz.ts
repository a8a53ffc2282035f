import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import fc from 'fast-check';
import { issueInstitutionCertificate } from '../../security/pki';
import { inActorTransaction, SYSTEM_ACTOR } from '../../server/db/actor-transaction';
import { certificateAuthority } from '../../server/modules/certificates/certificate-authority';
import type { TestApp } from '../helpers/app';
import {
  startMtlsListener,
  type ClientCertificate,
  type MtlsListener,
} from '../helpers/mtls-client';
import { opensslCsr, opensslOk, RSA_2048, selfSignedFiles, TempDir } from '../helpers/openssl';
import { partnerInstitutionId, signedIn } from '../helpers/users';
import type { Answer } from './http-send';
import { judge, knownProblemCodes } from './oracle';
import { draftArbitrary, draftBody, operationsOf, type Draft } from './requests';
import { apiDocument } from './listen';
import type { SessionClient } from '../helpers/session-client';

type Kind = 'none' | 'selfSigned' | 'otherCa' | 'expired' | 'offTheBooks' | 'revoked' | 'valid';

/** What each kind of client must get: refused in the handshake, 401 problem+json, or served. */
const EXPECTED: Record<Kind, 'tls' | 'unauthenticated' | 'served'> = {
  none: 'tls',
  selfSigned: 'tls',
  otherCa: 'tls',
  expired: 'tls',
  offTheBooks: 'unauthenticated',
  revoked: 'unauthenticated',
  valid: 'served',
};

export interface MtlsFuzzResult {
  /** `kind:outcome` → count, e.g. `valid:404`, `selfSigned:tls_refused`. */
  outcomes: Record<string, number>;
  findings: string[];
}

function send(
  listener: MtlsListener,
  client: ClientCertificate | undefined,
  agent: Agent | undefined,
  draft: Pick<Draft, 'method' | 'target' | 'headers'> & { body?: Buffer; contentType?: string },
): Promise<Answer | 'tls_refused'> {
  return new Promise<Answer | 'tls_refused'>((resolve) => {
    const headers: Record<string, string | string[]> = {};
    if (draft.contentType) headers['Content-Type'] = draft.contentType;
    for (const [name, value] of draft.headers) headers[name] = value;
    if (draft.body) headers['Content-Length'] = String(draft.body.length);
    const req = request(
      {
        host: '127.0.0.1',
        port: listener.port,
        method: draft.method,
        path: draft.target,
        servername: 'localhost',
        ca: listener.serverCa,
        headers,
        ...(agent ? { agent } : { agent: false }),
        ...(client ?? {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
            parserRefusal: false,
          }),
        );
      },
    );
    // A refused handshake (or a request Node's parser would not take) ends the connection.
    req.on('error', () => resolve('tls_refused'));
    req.end(draft.body);
  }).catch(() => 'tls_refused' as const);
}

/**
 * The mutual-TLS listener under odd certificates and garbage: no
 * certificate, a self-signed one, one from another CA and an expired one are
 * refused in the handshake; one our CA signed but the API never recorded and
 * a revoked one get 401 problem+json; a valid one sends `count` generated
 * requests (referral operations, wrong methods, hostile bodies and headers),
 * never answered 5xx, and the listener still serves a normal request after.
 */
export async function runMtlsFuzz(
  t: TestApp,
  count: number,
  seed: number,
): Promise<MtlsFuzzResult> {
  const dir = new TempDir();
  const listener = await startMtlsListener(t, dir);
  const outcomes: Record<string, number> = {};
  const findings: string[] = [];
  const codes = knownProblemCodes();
  try {
    const institution = await partnerInstitutionId(t, 'Hospital Fuzz', 'health');
    const admin = (await signedIn(t, 'admin')).client;
    const clients = await makeClients(t, dir, admin, institution);
    const agent = new Agent({ keepAlive: true, maxSockets: 2 });
    const operations = operationsOf(apiDocument());
    const referralOps = operations.filter((op) => op.template.startsWith('/api/v1/referrals'));
    // Mostly the operations the listener serves; a few it does not (404).
    const arbitrary = draftArbitrary([...referralOps, ...referralOps, ...operations.slice(0, 10)], {
      components: apiDocument().components.schemas,
      idsFor: () => [],
      allIds: { uuids: [] },
    });
    const drafts = fc.sample(arbitrary, { seed, numRuns: count });
    const note = (kind: Kind, answer: Answer | 'tls_refused', what: string, method = 'GET') => {
      const outcome = answer === 'tls_refused' ? 'tls_refused' : String(answer.status);
      outcomes[`${kind}:${outcome}`] = (outcomes[`${kind}:${outcome}`] ?? 0) + 1;
      const expected = EXPECTED[kind];
      if (expected === 'tls' && answer !== 'tls_refused')
        findings.push(`${kind}: served ${outcome} ${what}`);
      if (answer === 'tls_refused') {
        if (expected !== 'tls' && kind !== 'valid')
          findings.push(`${kind}: refused in TLS ${what}`);
        return;
      }
      for (const f of judge(answer, { method, who: 'anonymous' }, codes, [])) {
        findings.push(`${kind}: ${f.kind} ${f.status} ${f.detail} ${what}`);
      }
      if (expected === 'unauthenticated' && answer.status !== 401)
        findings.push(`${kind}: ${answer.status} ${what}`);
    };
    const inbox = { method: 'GET', target: '/api/v1/referrals', headers: [] as [string, string][] };
    for (const kind of Object.keys(clients) as Kind[]) {
      for (let i = 0; i < 3; i += 1)
        note(kind, await send(listener, clients[kind], undefined, inbox), 'GET inbox');
      // The same kinds with a garbage request: the certificate decides first.
      const draft = drafts[0];
      if (draft && kind !== 'valid') {
        const answer = await send(listener, clients[kind], undefined, {
          ...draft,
          body: draftBody(draft),
        });
        note(kind, answer, draft.target, draft.method);
      }
    }
    for (const draft of drafts) {
      if (draft.raw) continue; // Node's https client writes only well-formed requests
      const answer = await send(listener, clients.valid, agent, {
        method: draft.method,
        target: draft.target,
        headers: draft.headers,
        body: draftBody(draft),
        contentType: draft.body?.contentType,
      });
      note('valid', answer, `${draft.method} ${draft.target.slice(0, 120)}`, draft.method);
    }
    agent.destroy();
    const after = await send(listener, clients.valid, undefined, inbox);
    if (after === 'tls_refused' || after.status !== 200) {
      findings.push(
        `the listener no longer serves a valid request: ${after === 'tls_refused' ? after : after.status}`,
      );
    }
  } finally {
    await listener.close();
    dir.remove();
  }
  return { outcomes, findings };
}

async function makeClients(
  t: TestApp,
  dir: TempDir,
  admin: SessionClient,
  institution: string,
): Promise<Record<Kind, ClientCertificate | undefined>> {
  const issueFromCsr = async (name: string) => {
    const { csrPem, keyFile } = opensslCsr(dir, name, RSA_2048);
    await admin.post('/api/v1/auth/step-up', { code: await admin.nextCode() });
    const res = await admin.post(`/api/v1/institutions/${institution}/certificates`, {
      mode: 'csr',
      csr: csrPem,
    });
    const issued = res.body as { certificate: { id: string; certificatePem: string } };
    return {
      id: issued.certificate.id,
      client: { cert: issued.certificate.certificatePem, key: readFileSync(keyFile, 'utf8') },
    };
  };
  const offTheBooks = async (name: string, now: Date, validityDays?: number) => {
    const { keyFile } = opensslCsr(dir, name, RSA_2048);
    const publicKeyPem = opensslOk(['pkey', '-in', keyFile, '-pubout']).toString();
    const issued = await inActorTransaction(t.database.store, SYSTEM_ACTOR, async (trx) =>
      issueInstitutionCertificate(await certificateAuthority(trx, t.keyring, new Date()), {
        publicKeyPem,
        institutionId: institution,
        institutionName: 'Hospital Fuzz',
        now,
        validityDays,
      }),
    );
    return { cert: issued.certificatePem, key: readFileSync(keyFile, 'utf8') };
  };
  selfSignedFiles(dir.file('self.pem'), dir.file('self.key'), `/CN=${institution}`);
  // Another CA, and a certificate it signs for the same institution.
  selfSignedFiles(dir.file('other-ca.pem'), dir.file('other-ca.key'), '/CN=Amparo CA interna', [
    '-addext',
    'basicConstraints=critical,CA:TRUE',
  ]);
  const { keyFile: otherKey } = opensslCsr(dir, 'other-leaf', RSA_2048);
  opensslOk([
    'req',
    '-new',
    '-key',
    otherKey,
    '-subj',
    `/CN=${institution}`,
    '-out',
    dir.file('other-leaf.csr'),
  ]);
  opensslOk([
    'x509',
    '-req',
    '-in',
    dir.file('other-leaf.csr'),
    '-CA',
    dir.file('other-ca.pem'),
    '-CAkey',
    dir.file('other-ca.key'),
    '-CAcreateserial',
    '-days',
    '1',
    '-out',
    dir.file('other-leaf.pem'),
  ]);
  const valid = await issueFromCsr('valid');
  const revoked = await issueFromCsr('revoked');
  await admin.post('/api/v1/auth/step-up', { code: await admin.nextCode() });
  await admin.post(`/api/v1/certificates/${revoked.id}/revoke`, { reason: 'key_compromise' });
  return {
    none: undefined,
    selfSigned: {
      cert: readFileSync(dir.file('self.pem'), 'utf8'),
      key: readFileSync(dir.file('self.key'), 'utf8'),
    },
    otherCa: {
      cert: readFileSync(dir.file('other-leaf.pem'), 'utf8'),
      key: readFileSync(otherKey, 'utf8'),
    },
    expired: await offTheBooks('expired', new Date(Date.now() - 3 * 86_400_000), 1),
    offTheBooks: await offTheBooks('unrecorded', new Date()),
    revoked: revoked.client,
    valid: valid.client,
  };
}
