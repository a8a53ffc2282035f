import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { inActorTransaction } from '../../server/db/actor-transaction';
import { urlFor, withKysely } from '../../server/db/provision-server';
import { startTestApp, type TestApp } from '../helpers/app';
import { adminUrl } from '../helpers/engine';
import {
  giveConsent,
  givenNow,
  inDays,
  newCase,
  referralWorld,
  type Signed,
} from '../helpers/referrals';
import { SessionClient } from '../helpers/session-client';
import { auditEvents, createTeam, signedIn } from '../helpers/users';

/**
 * Every consent endpoint: who may call it, what it refuses and why, what it
 * records; versions, four-eyes approval, expiry, and the append-only tables.
 */
let t: TestApp;
let w: Awaited<ReturnType<typeof referralWorld>>;
let caseId: string;
let coordinator: Signed;
let sol: Signed; // supervisor of another team
let otherTeamCaseId: string;

type Body = Record<string, unknown>;
type Consent = Body & { id: string; status: string; version: number };
const strip = (body: unknown) => ({ ...(body as object), requestId: undefined });
const SCOPE = [{ sectors: ['health'], categories: ['minimal', 'health'] }];
const consentBody = (extra: Body = {}) => ({
  givenBy: 'person',
  method: 'written',
  givenAt: givenNow(),
  purposes: ['service_referral', 'information_sharing'],
  scope: SCOPE,
  ...extra,
});
const consentsUrl = (id: string) => `/api/v1/cases/${id}/consents`;
const denials = async (actorId: string, resourceId: string) =>
  (await auditEvents(t, { action: 'access.denied', resourceId })).filter(
    (e) => e.actor_id === actorId,
  );
const listOf = async (who: Signed, id = caseId) => {
  const res = await who.client.get(consentsUrl(id));
  expect(res.status).toBe(200);
  return (res.body as { items: Consent[] }).items;
};
const statusOf = async (consentId: string) =>
  (await listOf(w.ana)).find((c) => c.id === consentId)?.status;

beforeAll(async () => {
  t = await startTestApp();
  w = await referralWorld(t, 'Consentimientos');
  caseId = await newCase(w.ana.client);
  coordinator = await signedIn(t, 'coordinator');
  const otherTeam = await createTeam(t, 'Equipo Consentimientos Ajeno');
  sol = await signedIn(t, 'supervisor', { teamId: otherTeam });
  otherTeamCaseId = await newCase(w.bruno.client);
}, 60_000);
afterAll(() => t.close());

describe('who may call the consent endpoints', () => {
  it('answers 401 without a session', async () => {
    const anonymous = new SessionClient(t.app, t.clock);
    await anonymous.refreshCsrf();
    const id = randomUUID();
    expect((await anonymous.get(consentsUrl(caseId))).status).toBe(401);
    expect((await anonymous.post(consentsUrl(caseId), consentBody())).status).toBe(401);
    expect((await anonymous.post(`/api/v1/consents/${id}/approve`, {})).status).toBe(401);
    const revoke = await anonymous.post(`/api/v1/consents/${id}/revoke`, { reason: 'other' });
    expect(revoke.status).toBe(401);
  });

  it('answers 403 to partners and coordinators, each denial audited', async () => {
    const consent = await giveConsent(w.ana.client, caseId, SCOPE);
    const calls = [
      {
        template: 'GET:/api/v1/cases/:id/consents',
        send: (c: SessionClient) => c.get(consentsUrl(caseId)),
      },
      {
        template: 'POST:/api/v1/cases/:id/consents',
        send: (c: SessionClient) => c.post(consentsUrl(caseId), consentBody()),
      },
      {
        template: 'POST:/api/v1/consents/:id/approve',
        send: (c: SessionClient) => c.post(`/api/v1/consents/${consent.id}/approve`, {}),
      },
      {
        template: 'POST:/api/v1/consents/:id/revoke',
        send: (c: SessionClient) =>
          c.post(`/api/v1/consents/${consent.id}/revoke`, { reason: 'other' }),
      },
    ];
    for (const who of [w.doctor, coordinator]) {
      for (const call of calls) {
        const res = await call.send(who.client);
        expect([call.template, who.user.role, res.status]).toEqual([
          call.template,
          who.user.role,
          403,
        ]);
        expect(res.body).toMatchObject({ code: 'forbidden' });
        expect(await denials(who.user.id, call.template)).toEqual([
          expect.objectContaining({ outcome: 'denied', actor_role: who.user.role }),
        ]);
      }
    }
    expect(await statusOf(consent.id)).toBe('active');
  });

  it("answers another team's case or consent with the 404 of a missing one, audited", async () => {
    const missing = randomUUID();
    const consent = await giveConsent(w.ana.client, caseId, SCOPE);

    const list = await w.bruno.client.get(consentsUrl(caseId));
    const listMissing = await w.bruno.client.get(consentsUrl(missing));
    expect([list.status, listMissing.status]).toEqual([404, 404]);
    expect(strip(list.body)).toEqual(strip(listMissing.body));

    const create = await w.bruno.client.post(consentsUrl(caseId), consentBody());
    const createMissing = await w.bruno.client.post(consentsUrl(missing), consentBody());
    expect([create.status, createMissing.status]).toEqual([404, 404]);
    expect(strip(create.body)).toEqual(strip(createMissing.body));
    expect(await denials(w.bruno.user.id, caseId)).toHaveLength(2);

    const revoke = await w.bruno.client.post(`/api/v1/consents/${consent.id}/revoke`, {
      reason: 'other',
    });
    const revokeMissing = await w.bruno.client.post(`/api/v1/consents/${missing}/revoke`, {
      reason: 'other',
    });
    expect([revoke.status, revokeMissing.status]).toEqual([404, 404]);
    expect(strip(revoke.body)).toEqual(strip(revokeMissing.body));

    const approve = await sol.client.post(`/api/v1/consents/${consent.id}/approve`, {});
    const approveMissing = await sol.client.post(`/api/v1/consents/${missing}/approve`, {});
    expect([approve.status, approveMissing.status]).toEqual([404, 404]);
    expect(strip(approve.body)).toEqual(strip(approveMissing.body));

    expect(await denials(w.bruno.user.id, consent.id)).toEqual([
      expect.objectContaining({ outcome: 'denied', resource_type: 'consent' }),
    ]);
    expect(await denials(sol.user.id, consent.id)).toEqual([
      expect.objectContaining({ outcome: 'denied', resource_type: 'consent' }),
    ]);
    // Nothing to audit about an id that names nothing.
    expect(await auditEvents(t, { action: 'access.denied', resourceId: missing })).toEqual([]);
    // And the other team's consent endpoints changed nothing.
    expect(await statusOf(consent.id)).toBe('active');
    expect((await listOf(w.ana)).some((c) => c.recordedBy === w.bruno.user.id)).toBe(false);
    // Bruno's own case is his: the same endpoints work for him there.
    expect((await w.bruno.client.get(consentsUrl(otherTeamCaseId))).status).toBe(200);
  });
});

describe('recording consent', () => {
  it('records a consent and lists it, both audited', async () => {
    const kase = await newCase(w.ana.client);
    const validUntil = inDays(90);
    const body = consentBody({
      method: 'verbal_witnessed',
      validUntil,
      purposes: ['service_referral', 'information_sharing', 'follow_up_contact'],
      scope: [
        { sectors: ['health', 'justice'], categories: ['minimal', 'health', 'legal'] },
        { institutionIds: [w.escuela], categories: ['minimal', 'education'] },
      ],
    });
    const res = await w.ana.client.post(consentsUrl(kase), body);
    expect(res.status).toBe(201);
    const consent = res.body as Consent;
    expect(consent).toMatchObject({
      caseId: kase,
      version: 1,
      supersedes: null,
      givenBy: 'person',
      method: 'verbal_witnessed',
      validUntil: new Date(validUntil).toISOString(),
      purposes: ['service_referral', 'information_sharing', 'follow_up_contact'],
      scope: [
        {
          sectors: ['health', 'justice'],
          institutionIds: [],
          categories: ['minimal', 'health', 'legal'],
        },
        { sectors: [], institutionIds: [w.escuela], categories: ['minimal', 'education'] },
      ],
      evidenceAttachmentId: null,
      recordedBy: w.ana.user.id,
      status: 'active',
      approvedBy: null,
      revokedAt: null,
    });
    expect(await auditEvents(t, { action: 'consent.create', resourceId: kase })).toEqual([
      expect.objectContaining({
        actor_id: w.ana.user.id,
        outcome: 'success',
        resource_type: 'case',
      }),
    ]);

    expect(await listOf(w.sara, kase)).toEqual([consent]);
    expect(await auditEvents(t, { action: 'consent.list', resourceId: kase })).toEqual([
      expect.objectContaining({ actor_id: w.sara.user.id, purpose: 'view' }),
    ]);
  });

  it('takes a signed form as evidence, only an attachment of the same case', async () => {
    const kase = await newCase(w.ana.client);
    const form = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('Formulario firmado')]);
    const upload = await w.ana.client.upload(`/api/v1/cases/${kase}/attachments`, form, {
      'Content-Type': 'application/pdf',
      'X-Attachment-Name': 'consentimiento.pdf',
    });
    expect(upload.status).toBe(201);
    const attachmentId = (upload.body as { id: string }).id;
    const res = await w.ana.client.post(
      consentsUrl(kase),
      consentBody({ evidenceAttachmentId: attachmentId }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ evidenceAttachmentId: attachmentId });

    const elsewhere = await w.ana.client.post(
      consentsUrl(caseId),
      consentBody({ evidenceAttachmentId: attachmentId }),
    );
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body).toMatchObject({
      errors: [expect.objectContaining({ path: 'body.evidenceAttachmentId' })],
    });
  });

  it.each<[string, Body, string]>([
    ['no purposes', { purposes: [] }, 'body.purposes'],
    ['an unknown purpose', { purposes: ['marketing'] }, 'body.purposes.0'],
    ['a repeated purpose', { purposes: ['statistics', 'statistics'] }, 'body.purposes'],
    ['validUntil before givenAt', { validUntil: new Date(0).toISOString() }, 'body.validUntil'],
    ['an unknown key', { color: 'blue' }, 'body'],
    ['an unknown giver', { givenBy: 'neighbour' }, 'body.givenBy'],
    ['an unknown method', { method: 'telepathy' }, 'body.method'],
    ['a date that is not one', { givenAt: 'ayer' }, 'body.givenAt'],
    [
      'a scope without categories',
      { scope: [{ sectors: ['health'], categories: [] }] },
      'body.scope.0.categories',
    ],
    ['a scope naming nobody', { scope: [{ categories: ['minimal'] }] }, 'body.scope.0.sectors'],
    [
      'an unknown sector',
      { scope: [{ sectors: ['space'], categories: ['minimal'] }] },
      'body.scope.0.sectors.0',
    ],
    [
      'an unknown category',
      { scope: [{ sectors: ['health'], categories: ['dna'] }] },
      'body.scope.0.categories.0',
    ],
    [
      'an unknown scope key',
      { scope: [{ sectors: ['health'], categories: ['minimal'], x: 1 }] },
      'body.scope.0',
    ],
    ['a supersedes that is not a uuid', { supersedes: 'v1' }, 'body.supersedes'],
  ])('answers 400 naming the field for %s', async (_label, change, path) => {
    const res = await w.ana.client.post(consentsUrl(caseId), consentBody(change));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'validation_failed' });
    expect((res.body as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual([path]);
  });

  it('refuses a consent given in the future, and a case id that is not a uuid', async () => {
    const future = await w.ana.client.post(
      consentsUrl(caseId),
      consentBody({ givenAt: inDays(1) }),
    );
    expect(future.status).toBe(400);
    expect(future.body).toMatchObject({
      errors: [expect.objectContaining({ path: 'body.givenAt', code: 'in_future' })],
    });
    const badId = await w.ana.client.get(consentsUrl('not-a-uuid'));
    expect(badId.status).toBe(400);
    expect(badId.body).toMatchObject({ errors: [expect.objectContaining({ path: 'params.id' })] });
    const badConsent = await w.ana.client.post('/api/v1/consents/nope/revoke', { reason: 'other' });
    expect(badConsent.status).toBe(400);
    const badReason = await w.ana.client.post(`/api/v1/consents/${randomUUID()}/revoke`, {
      reason: 'changed_mind',
    });
    expect(badReason.status).toBe(400);
    expect(badReason.body).toMatchObject({
      errors: [expect.objectContaining({ path: 'body.reason' })],
    });
    const approveWithBody = await w.sara.client.post(`/api/v1/consents/${randomUUID()}/approve`, {
      ok: true,
    });
    expect(approveWithBody.status).toBe(400);
  });

  it("refuses a minor's own consent, naming givenBy", async () => {
    const minor = await newCase(w.ana.client, { age: 15 });
    const res = await w.ana.client.post(consentsUrl(minor), consentBody());
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      errors: [expect.objectContaining({ path: 'body.givenBy', code: 'minor_needs_guardian' })],
    });
    expect(await listOf(w.ana, minor)).toEqual([]);
    const guardian = await w.ana.client.post(
      consentsUrl(minor),
      consentBody({ givenBy: 'guardian' }),
    );
    expect(guardian.status).toBe(201);
    expect(guardian.body).toMatchObject({ status: 'pending_approval' });
  });
});

describe('versions', () => {
  it('records a change as a new version; the old one stays, superseded, and only once', async () => {
    const kase = await newCase(w.ana.client);
    const first = await giveConsent(w.ana.client, kase, SCOPE);
    const wider = [{ sectors: ['health', 'justice'], categories: ['minimal', 'health'] }];
    const second = await w.ana.client.post(
      consentsUrl(kase),
      consentBody({ scope: wider, supersedes: first.id }),
    );
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ version: 2, supersedes: first.id, status: 'active' });
    const items = await listOf(w.ana, kase);
    expect(items.map((c) => [c.version, c.status])).toEqual([
      [1, 'superseded'],
      [2, 'active'],
    ]);
    expect(items[0]).toMatchObject({
      id: first.id,
      scope: [expect.objectContaining({ sectors: ['health'] })],
    });

    const again = await w.ana.client.post(consentsUrl(kase), consentBody({ supersedes: first.id }));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'consent_superseded' });
    const third = await w.ana.client.post(
      consentsUrl(kase),
      consentBody({ supersedes: (second.body as Consent).id }),
    );
    expect(third.body).toMatchObject({ version: 3 });
    expect((await listOf(w.ana, kase)).map((c) => c.status)).toEqual([
      'superseded',
      'superseded',
      'active',
    ]);
  });

  it('refuses to supersede a consent of another case, or a revoked one', async () => {
    const kase = await newCase(w.ana.client);
    const elsewhere = await giveConsent(w.ana.client, caseId, SCOPE);
    const wrongCase = await w.ana.client.post(
      consentsUrl(kase),
      consentBody({ supersedes: elsewhere.id }),
    );
    expect(wrongCase.status).toBe(400);
    expect(wrongCase.body).toMatchObject({
      errors: [expect.objectContaining({ path: 'body.supersedes' })],
    });
    const own = await giveConsent(w.ana.client, kase, SCOPE);
    const revoked = await w.ana.client.post(`/api/v1/consents/${own.id}/revoke`, {
      reason: 'person_withdrew',
    });
    expect(revoked.status).toBe(200);
    const afterRevoke = await w.ana.client.post(
      consentsUrl(kase),
      consentBody({ supersedes: own.id }),
    );
    expect(afterRevoke.status).toBe(409);
    expect(afterRevoke.body).toMatchObject({ code: 'consent_revoked' });
    expect(await listOf(w.ana, kase)).toHaveLength(1);
  });
});

describe('approval', () => {
  const approve = (who: Signed, id: string) =>
    who.client.post(`/api/v1/consents/${id}/approve`, {});

  it('needs a second supervisor of the team for a guardian or best-interest consent', async () => {
    for (const givenBy of ['guardian', 'best_interest']) {
      const res = await w.sara.client.post(consentsUrl(caseId), consentBody({ givenBy }));
      expect(res.status).toBe(201);
      const consent = res.body as Consent;
      expect(consent.status).toBe('pending_approval');

      const own = await approve(w.sara, consent.id);
      expect(own.status).toBe(409);
      expect(own.body).toMatchObject({ code: 'four_eyes' });
      const caseworker = await approve(w.ana, consent.id);
      expect(caseworker.status).toBe(403);
      expect(await denials(w.ana.user.id, 'POST:/api/v1/consents/:id/approve')).not.toEqual([]);
      expect(await statusOf(consent.id)).toBe('pending_approval');

      const approved = await approve(w.sofia, consent.id);
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({
        id: consent.id,
        status: 'active',
        approvedBy: w.sofia.user.id,
        approvedAt: expect.any(String),
      });
      expect(await auditEvents(t, { action: 'consent.approve', resourceId: consent.id })).toEqual([
        expect.objectContaining({ actor_id: w.sofia.user.id, outcome: 'success' }),
      ]);
      const twice = await approve(w.sofia, consent.id);
      expect(twice.status).toBe(409);
      expect(twice.body).toMatchObject({ code: 'consent_closed' });
    }
  });

  it('refuses a supervisor of another team who reached the case by break-glass (403)', async () => {
    const res = await w.sara.client.post(consentsUrl(caseId), consentBody({ givenBy: 'guardian' }));
    const consent = res.body as Consent;
    await sol.client.post('/api/v1/auth/step-up', { code: await sol.client.nextCode() });
    const glass = await sol.client.post(`/api/v1/cases/${caseId}/break-glass`, {
      justification: 'Emergencia nocturna: la supervisora del equipo no responde',
    });
    expect(glass.status).toBe(201);
    expect((await sol.client.get(consentsUrl(caseId))).status).toBe(200);
    const refused = await approve(sol, consent.id);
    expect(refused.status).toBe(403);
    expect(await denials(sol.user.id, consent.id)).not.toEqual([]);
    expect(await statusOf(consent.id)).toBe('pending_approval');
  });

  it('lets a supervisor approve what a caseworker recorded', async () => {
    const recorded = await w.ana.client.post(
      consentsUrl(caseId),
      consentBody({ givenBy: 'guardian' }),
    );
    const approved = await approve(w.sara, (recorded.body as Consent).id);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'active', approvedBy: w.sara.user.id });
  });

  it("needs none for a person's own consent (409), nor after revocation", async () => {
    const consent = await giveConsent(w.ana.client, caseId, SCOPE);
    const res = await approve(w.sara, consent.id);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'approval_not_needed' });

    const guardian = await w.ana.client.post(
      consentsUrl(caseId),
      consentBody({ givenBy: 'guardian' }),
    );
    const id = (guardian.body as Consent).id;
    await w.ana.client.post(`/api/v1/consents/${id}/revoke`, { reason: 'guardian_withdrew' });
    const late = await approve(w.sara, id);
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'consent_closed' });
    expect(await statusOf(id)).toBe('revoked');
    expect(await auditEvents(t, { action: 'consent.approve', resourceId: id })).toEqual([]);
  });
});

describe('revocation', () => {
  it('revokes once, with the reason, audited', async () => {
    const consent = await giveConsent(w.ana.client, caseId, SCOPE);
    const res = await w.ana.client.post(`/api/v1/consents/${consent.id}/revoke`, {
      reason: 'person_withdrew',
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      consent: expect.objectContaining({
        id: consent.id,
        status: 'revoked',
        revokedBy: w.ana.user.id,
        revokedAt: expect.any(String),
        revocationReason: 'person_withdrew',
      }),
      withdrawnReferrals: 0,
      closedPackages: 0,
    });
    expect(await auditEvents(t, { action: 'consent.revoke', resourceId: consent.id })).toEqual([
      expect.objectContaining({
        actor_id: w.ana.user.id,
        purpose: 'person_withdrew',
        outcome: 'success',
        resource_type: 'consent',
      }),
    ]);
    const again = await w.sara.client.post(`/api/v1/consents/${consent.id}/revoke`, {
      reason: 'other',
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'consent_revoked' });
    expect(await statusOf(consent.id)).toBe('revoked');
  });
});

describe('the consent tables', () => {
  const anaActor = () => ({ id: w.ana.user.id, role: 'caseworker' as const, institutionId: null });
  const asApp = (statement: string) =>
    inActorTransaction(t.database.store, anaActor(), (trx) => sql.raw(statement).execute(trx));

  /** As the tables' owner would: past the grants and row-level security, not past triggers. */
  async function asSuperuserWithTriggers(statement: string): Promise<void> {
    if (!adminUrl) {
      try {
        await sql.raw(`reset role; ${statement}`).execute(t.database.db);
      } finally {
        await sql.raw('set role amparo_app').execute(t.database.db);
      }
      return;
    }
    const database = new URL(t.database.urls!.app).pathname.slice(1);
    await withKysely(urlFor(adminUrl, new URL(adminUrl).username, database), (admin) =>
      sql.raw(`set search_path = amparo; ${statement}`).execute(admin),
    );
  }

  it('never lets a consent or its events be changed or deleted', async () => {
    const consent = await giveConsent(w.ana.client, caseId, SCOPE);
    await w.ana.client.post(`/api/v1/consents/${consent.id}/revoke`, { reason: 'other' });
    const where = `where id = '${consent.id}'`;
    const events = `where consent_id = '${consent.id}'`;
    for (const statement of [
      `update consents set method = 'digital' ${where}`,
      `delete from consents ${where}`,
      `update consent_events set reason = 'recorded_in_error' ${events}`,
      `delete from consent_events ${events}`,
    ]) {
      await expect(asApp(statement)).rejects.toThrow(/permission denied/);
      await expect(asSuperuserWithTriggers(statement)).rejects.toThrow(/is append-only/);
    }
    expect(await statusOf(consent.id)).toBe('revoked');
    const listed = (await listOf(w.ana)).find((c) => c.id === consent.id);
    expect(listed).toMatchObject({ method: 'written', revocationReason: 'other' });
  });
});

// Last: it moves the app's clock.
describe('expiry', () => {
  it('shows a consent past its validUntil as expired', async () => {
    const kase = await newCase(w.ana.client);
    const soon = new Date(t.clock.now().getTime() + 3_600_000).toISOString();
    const consent = await giveConsent(w.ana.client, kase, SCOPE, { validUntil: soon });
    expect(consent.status).toBe('active');
    t.clock.advance(2 * 3600);
    expect((await listOf(w.ana, kase)).map((c) => c.status)).toEqual(['expired']);
  });
});
