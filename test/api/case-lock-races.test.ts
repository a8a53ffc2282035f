import { inActorTransaction, SYSTEM_ACTOR } from '../../server/db/actor-transaction';
import { startTestApp, type TestApp } from '../helpers/app';
import { engine } from '../helpers/engine';
import {
  giveConsent,
  newCase,
  refer,
  referralWorld,
  HEALTH,
  packageRows as packageRowsOf,
} from '../helpers/referrals';
import { SessionClient } from '../helpers/session-client';
import { auditEvents } from '../helpers/users';

/**
 * Use cases that must not interleave on one case take its row lock
 * (lockCase): referral creation shares it; consent revocation, a new consent
 * version and erasure take it for update. Each race below sends the two
 * requests at once, from two sessions of the same team, for many rounds, and
 * checks that the outcome is one of the serial ones. On the server engine the
 * requests really run at once (a pool of connections); on the embedded engine
 * (one connection) the same rounds still hold.
 */
let t: TestApp;
let w: Awaited<ReturnType<typeof referralWorld>>;

const ROUNDS = 15;

const codeOf = (res: { body: unknown }) => (res.body as { code?: string }).code;
type Listed = { id: string; status: string; packageAvailable: boolean };

beforeAll(async () => {
  t = await startTestApp();
  w = await referralWorld(t, 'Carrera');
}, 60_000);
afterAll(() => t.close());

const packageRows = (ids: string[]) => packageRowsOf(t, ids);
describe(`referral creation racing the revocation of its consent (${engine})`, () => {
  it(`never leaves a live package under a revoked consent, in ${ROUNDS} rounds`, async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const caseId = await newCase(w.ana.client);
      const consentId = (await giveConsent(w.ana.client, caseId, HEALTH)).id;

      // Two sessions of the same team: the requests are served in parallel.
      const [created, revoked] = await Promise.all([
        refer(w.ana.client, caseId, w.hospital, { categories: ['health'] }),
        w.sara.client.post(`/api/v1/consents/${consentId}/revoke`, { reason: 'person_withdrew' }),
      ]);

      const label = `round ${round}`;
      expect([label, revoked.status]).toEqual([label, 200]);
      expect([label, [201, 409].includes(created.status)]).toEqual([label, true]);
      const listed = await w.ana.client.get(`/api/v1/referrals?caseId=${caseId}`);
      expect(listed.status).toBe(200);
      const items = (listed.body as { items: Listed[] }).items;
      expect([label, items.length]).toEqual([label, created.status === 201 ? 1 : 0]);
      const live = items.filter(
        (r) => ['sent', 'acknowledged'].includes(r.status) && r.packageAvailable,
      );
      expect([label, live]).toEqual([label, []]);
      for (const item of items) {
        expect([label, item]).toEqual([
          label,
          expect.objectContaining({ status: 'withdrawn', packageAvailable: false }),
        ]);
      }
      expect([label, await packageRows(items.map((r) => r.id))]).toEqual([label, []]);
      const withdrawn = (revoked.body as { withdrawnReferrals: number }).withdrawnReferrals;
      if (created.status === 409) {
        expect(created.body).toMatchObject({ code: 'consent_missing' });
        expect([label, withdrawn]).toEqual([label, 0]);
      } else {
        // Created first: the revocation must have seen it.
        expect([label, withdrawn]).toEqual([label, 1]);
      }
    }
  }, 180_000);
});

describe(`a new consent version racing the revocation of the one it supersedes (${engine})`, () => {
  it(`lets exactly one of them happen, in ${ROUNDS} rounds`, async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const caseId = await newCase(w.ana.client);
      const v1 = (await giveConsent(w.ana.client, caseId, HEALTH)).id;
      const [revoked, versioned] = await Promise.all([
        w.sara.client.post(`/api/v1/consents/${v1}/revoke`, { reason: 'person_withdrew' }),
        w.ana.client.post(`/api/v1/cases/${caseId}/consents`, {
          givenBy: 'person',
          method: 'written',
          givenAt: new Date(Date.now() - 60_000).toISOString(),
          purposes: ['service_referral', 'information_sharing'],
          scope: HEALTH,
          supersedes: v1,
        }),
      ]);
      const label = `round ${round}`;
      const answers = [
        [revoked.status, codeOf(revoked)],
        [versioned.status, codeOf(versioned)],
      ];
      const consents = await w.ana.client.get(`/api/v1/cases/${caseId}/consents`);
      const statuses = (consents.body as { items: { id: string; status: string }[] }).items.map(
        (c) => c.status,
      );
      const referral = await refer(w.ana.client, caseId, w.hospital, { categories: ['health'] });
      if (revoked.status === 200) {
        // Revoked first: a revoked consent gets no new version; nothing to refer under.
        expect([label, answers]).toEqual([
          label,
          [
            [200, undefined],
            [409, 'consent_revoked'],
          ],
        ]);
        expect([label, statuses]).toEqual([label, ['revoked']]);
        expect([label, referral.status]).toEqual([label, 409]);
      } else {
        // Versioned first: the old version can no longer be revoked on its own.
        expect([label, answers]).toEqual([
          label,
          [
            [409, 'consent_superseded'],
            [201, undefined],
          ],
        ]);
        expect([label, statuses.sort()]).toEqual([label, ['active', 'superseded']]);
        expect([label, referral.status]).toEqual([label, 201]);
      }
    }
  }, 180_000);
});

describe(`referral creation racing the erasure of its case (${engine})`, () => {
  it(`leaves no open package of an erased case and answers no 500, in ${ROUNDS} rounds`, async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const caseId = await newCase(w.ana.client);
      await giveConsent(w.ana.client, caseId, HEALTH);
      await w.sara.client.post('/api/v1/auth/step-up', { code: await w.sara.client.nextCode() });
      const [created, erased] = await Promise.all([
        refer(w.ana.client, caseId, w.hospital, { categories: ['health'] }),
        w.sara.client.post(`/api/v1/cases/${caseId}/erase`, { reason: 'created_in_error' }),
      ]);
      const label = `round ${round}`;
      expect([label, erased.status, codeOf(erased)]).toEqual([label, 200, undefined]);
      expect(await auditEvents(t, { action: 'case.erase', resourceId: caseId })).toHaveLength(1);
      if (created.status !== 201) {
        // Erased first: nothing left to disclose.
        expect([label, created.status, codeOf(created)]).toEqual([label, 409, 'case_erased']);
        continue;
      }
      // Created first: the erasure saw the referral and closed its package.
      const id = (created.body as { id: string }).id;
      const seen = await w.doctor.client.get(`/api/v1/referrals/${id}`);
      expect([label, seen.body]).toEqual([
        label,
        expect.objectContaining({ packageAvailable: false, packageClosedReason: 'case_erased' }),
      ]);
      const pkg = await w.doctor.client.get(`/api/v1/referrals/${id}/package`);
      expect([label, pkg.status, codeOf(pkg)]).toEqual([label, 409, 'package_closed']);
      expect([label, await packageRows([id])]).toEqual([label, []]);
    }
  }, 180_000);
});

describe(`first opens of one package at once (${engine})`, () => {
  it('all answer the package (no deadlock between readers), and the first open is kept once', async () => {
    const caseId = await newCase(w.ana.client);
    await giveConsent(w.ana.client, caseId, HEALTH);
    const sent = await refer(w.ana.client, caseId, w.hospital);
    const id = (sent.body as { id: string }).id;
    const url = `/api/v1/referrals/${id}/package`;
    // Separate sessions of the partner (signed in one after the other: codes are single-use),
    // so that the reads really run at once.
    const readers = [w.doctor.client];
    for (let i = 0; i < 3; i++) readers.push(await partnerSession());
    const answers = await Promise.all(
      readers.flatMap((client) => [client.get(url), client.get(url)]),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    const opened = await inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
      trx
        .selectFrom('referrals')
        .select('opened_at')
        .where('id', '=', id)
        .executeTakeFirstOrThrow(),
    );
    expect(opened.opened_at).toBeInstanceOf(Date);
    expect(await auditEvents(t, { action: 'referral.package.read', resourceId: id })).toHaveLength(
      answers.length,
    );
  });
});

async function partnerSession() {
  const client = new SessionClient(t.app, t.clock);
  client.totpSecret = w.doctor.client.totpSecret;
  await client.signIn(w.doctor.user.email, w.doctor.user.password);
  return client;
}
