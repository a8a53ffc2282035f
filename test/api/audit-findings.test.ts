import { inActorTransaction, type DbActor } from '../../server/db/actor-transaction';
import { record } from '../../server/modules/audit';
import type {
  AccessReportRow,
  AuditEvent,
  AuditPage,
  CaseAccessReport,
  UserAccessReport,
} from '../../server/modules/audit/audit.schemas';
import { startTestApp, type TestApp } from '../helpers/app';
import { engine } from '../helpers/engine';
import { giveConsent, HEALTH, newCase, referralWorld, type Signed } from '../helpers/referrals';
import { auditEvents, signedIn } from '../helpers/users';

/**
 * What a security review of the auditors' console found, each pinned by a
 * test: an uncatalogued code must not take the log down; break-glass reviews
 * and review-queue reads belong in the case's report; exports take a period
 * and say how many rows they hold; lookups that find nothing, and searches of
 * one resource, leave a trace of what was asked.
 */
const CASE_REPORT = '/api/v1/audit/reports/case';
const CASE_EXPORT = '/api/v1/audit/reports/case/export';
const USER_REPORT = '/api/v1/audit/reports/user';
const USER_EXPORT = '/api/v1/audit/reports/user/export';

let t: TestApp;
let w: Awaited<ReturnType<typeof referralWorld>>;
let auditor: Signed;

beforeAll(async () => {
  t = await startTestApp();
  w = await referralWorld(t, 'Hallazgos');
  auditor = await signedIn(t, 'auditor');
});
afterAll(() => t.close());

const csvLines = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');

describe(`an event whose code is not in the catalogue (${engine})`, () => {
  let caseId: string;
  let odd: AuditEvent;

  beforeAll(async () => {
    caseId = await newCase(w.ana.client);
    const actor: DbActor = {
      id: w.ana.user.id,
      role: 'caseworker',
      institutionId: w.ana.user.institutionId,
    };
    // As a newer (or rolled-back) Amparo would write them: valid MACs, unknown codes.
    await inActorTransaction(t.database.store, actor, (trx) => {
      record(trx, {
        action: 'case.preview' as never,
        outcome: 'success',
        resourceType: 'case',
        resourceId: caseId,
      });
      record(trx, {
        action: 'case.read',
        purpose: 'curiosity' as never,
        outcome: 'success',
        resourceType: 'case',
        resourceId: caseId,
      });
      return Promise.resolve();
    });
  });

  it('the log answers, with the raw code and the events older than it', async () => {
    const res = await auditor.client.get(`/api/v1/audit?resourceType=case&resourceId=${caseId}`);
    expect(res.status).toBe(200);
    const items = (res.body as AuditPage).items;
    const found = items.find((e) => e.uncatalogued?.action === 'case.preview');
    expect(found).toMatchObject({ action: null, purpose: null, resourceId: caseId });
    expect(found?.uncatalogued).toEqual({ action: 'case.preview', purpose: null });
    expect(items.find((e) => e.uncatalogued?.purpose === 'curiosity')).toMatchObject({
      action: 'case.read',
      purpose: null,
      uncatalogued: { action: null, purpose: 'curiosity' },
    });
    // Older events are still there: the case's creation, before the odd ones.
    expect(items.map((e) => e.action)).toContain('case.create');
    odd = found as AuditEvent;

    const whole = await auditor.client.get('/api/v1/audit?limit=500');
    expect(whole.status).toBe(200);
    expect((whole.body as AuditPage).items.some((e) => e.action === 'auth.login')).toBe(true);
    // The read itself was recorded (a 500 used to roll it back).
    const reads = await auditEvents(t, { action: 'audit.read', resourceId: caseId });
    expect(reads.length).toBeGreaterThan(0);
  });

  it('both reports and both exports answer, the exports with the raw code marked', async () => {
    const report = await auditor.client.get(`${CASE_REPORT}?caseId=${caseId}`);
    expect(report.status).toBe(200);
    expect(
      (report.body as CaseAccessReport).items.some(
        (r) => r.uncatalogued?.action === 'case.preview',
      ),
    ).toBe(true);
    const user = await auditor.client.get(`${USER_REPORT}?userId=${w.ana.user.id}&limit=500`);
    expect(user.status).toBe(200);
    expect(
      (user.body as UserAccessReport).items.some((r) => r.uncatalogued?.purpose === 'curiosity'),
    ).toBe(true);
    for (const path of [
      `${CASE_EXPORT}?caseId=${caseId}`,
      `${USER_EXPORT}?userId=${w.ana.user.id}`,
    ]) {
      const csv = await auditor.client.get(path);
      expect([path, csv.status]).toEqual([path, 200]);
      const lines = csvLines(csv.text);
      expect(lines[0]).toMatch(/,"actor_id","catalogued"$/);
      const preview = lines.find((l) => l.includes('"case.preview"'));
      expect(preview).toMatch(/"false"$/);
      expect(lines.find((l) => l.includes('"curiosity"'))).toMatch(
        /"case\.read","curiosity".*"false"$/,
      );
      expect(
        lines.filter((l) => l.includes('"case.create"')).every((l) => l.endsWith('"true"')),
      ).toBe(true);
    }
  });

  it('raises one integrity alarm per event, by the system; the chain judges authenticity', async () => {
    await auditor.client.get(`/api/v1/audit?resourceType=case&resourceId=${caseId}`);
    const alarms = await auditEvents(t, { action: 'integrity.alarm', resourceId: odd.id });
    expect(alarms.map((a) => [a.actor_role, a.resource_type, a.purpose, a.outcome])).toEqual([
      ['system', 'audit_event', 'uncatalogued_code', 'error'],
    ]);
    const all = await auditEvents(t, { action: 'integrity.alarm' });
    expect(all.filter((a) => a.purpose === 'uncatalogued_code')).toHaveLength(2);
    // Written with a valid MAC, in the chain: the verification finds nothing to refuse.
    const verify = await auditor.client.get('/api/v1/audit/verify');
    expect(verify.status).toBe(200);
    expect(verify.body).toMatchObject({ ok: true });
  });
});

describe(`break-glass reviews in the case's report (${engine})`, () => {
  it('holds the review, and the queue read, as events of the case', async () => {
    const caseId = await newCase(w.ana.client);
    await w.bruno.client.post('/api/v1/auth/step-up', { code: await w.bruno.client.nextCode() });
    const grant = await w.bruno.client.post(`/api/v1/cases/${caseId}/break-glass`, {
      justification: 'Emergencia médica: la persona ingresó en urgencias esta noche',
    });
    expect(grant.status).toBe(201);
    const grantId = (grant.body as { grantId: string }).grantId;
    const queue = await w.sara.client.get('/api/v1/reviews');
    expect(queue.status).toBe(200);
    const ack = await w.sara.client.post(`/api/v1/reviews/break_glass/${grantId}/acknowledge`, {
      outcome: 'not_justified',
    });
    expect(ack.status).toBe(200);

    const report = await auditor.client.get(`${CASE_REPORT}?caseId=${caseId}&limit=500`);
    expect(report.status).toBe(200);
    const rows = (report.body as CaseAccessReport).items;
    const by = (action: string) => rows.filter((r: AccessReportRow) => r.action === action);
    expect(by('review.acknowledge')).toEqual([
      expect.objectContaining({
        actorId: w.sara.user.id,
        resourceType: 'case_access_grant',
        resourceId: grantId,
        purpose: 'not_justified',
      }),
    ]);
    expect(by('review.read')).toEqual([
      expect.objectContaining({
        actorId: w.sara.user.id,
        resourceType: 'case',
        resourceId: caseId,
      }),
    ]);
    const csv = await auditor.client.get(`${CASE_EXPORT}?caseId=${caseId}`);
    expect(csv.text).toContain('"review.acknowledge"');

    const sara = await auditor.client.get(`${USER_REPORT}?userId=${w.sara.user.id}&limit=500`);
    const actions = (sara.body as UserAccessReport).items
      .filter((r) => r.resourceId === grantId || r.resourceId === caseId)
      .map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['review.acknowledge', 'review.read']));
  });
});

describe(`exports for a period (${engine})`, () => {
  let caseId: string;
  beforeAll(async () => {
    caseId = await newCase(w.ana.client);
    await giveConsent(w.ana.client, caseId, HEALTH);
  });

  it('take from and to, and say how many rows the file holds', async () => {
    const all = await auditor.client.get(`${CASE_EXPORT}?caseId=${caseId}`);
    expect(all.status).toBe(200);
    const rows = csvLines(all.text).length - 1;
    expect(rows).toBeGreaterThan(1);
    expect(all.headers['amparo-export-rows']).toBe(String(rows));
    expect(all.headers['amparo-export-truncated']).toBe('false');

    // occurredAt is the wall clock (the recorder's), not the test clock.
    const now = Date.now();
    const later = new Date(now + 86_400_000).toISOString();
    const earlier = new Date(now - 86_400_000).toISOString();
    for (const base of [
      `${CASE_EXPORT}?caseId=${caseId}`,
      `${USER_EXPORT}?userId=${w.ana.user.id}`,
    ]) {
      const none = await auditor.client.get(`${base}&from=${encodeURIComponent(later)}`);
      expect([base, none.status, none.headers['amparo-export-rows']]).toEqual([base, 200, '0']);
      expect(csvLines(none.text)).toHaveLength(1);
      const before = await auditor.client.get(`${base}&to=${encodeURIComponent(earlier)}`);
      expect(before.headers['amparo-export-rows']).toBe('0');
      const within = await auditor.client.get(
        `${base}&from=${encodeURIComponent(earlier)}&to=${encodeURIComponent(later)}`,
      );
      expect(Number(within.headers['amparo-export-rows'])).toBeGreaterThan(0);
    }
  });

  it('answer 400 naming the field for a bad or reversed period', async () => {
    const now = new Date().toISOString();
    const cases: [string, string][] = [
      [`${CASE_EXPORT}?caseId=${caseId}&from=yesterday`, 'query.from'],
      [`${USER_EXPORT}?userId=${w.ana.user.id}&to=2026-13-01`, 'query.to'],
      [
        `${CASE_EXPORT}?caseId=${caseId}&from=${encodeURIComponent(now)}&to=${encodeURIComponent(now)}`,
        'query.to',
      ],
      [`${CASE_REPORT}?caseId=${caseId}&from=${encodeURIComponent(now)}`, 'query'],
    ];
    for (const [path, field] of cases) {
      const res = await auditor.client.get(path);
      expect([path, res.status]).toEqual([path, 400]);
      const paths = (res.body.errors as { path: string }[]).map((e) => e.path);
      expect([path, paths]).toEqual([path, [field]]);
    }
  });
});

describe(`what an auditor asked for is traceable (${engine})`, () => {
  it('a case number that finds nothing is recorded as a refused report', async () => {
    const numbers = ['TRT-1999-000071', 'TRT-1999-000072'];
    for (const number of numbers) {
      expect((await auditor.client.get(`${CASE_REPORT}?caseNumber=${number}`)).status).toBe(404);
    }
    expect((await auditor.client.get(`${CASE_EXPORT}?caseNumber=TRT-1999-000073`)).status).toBe(
      404,
    );
    for (const number of [...numbers, 'TRT-1999-000073']) {
      const rows = await auditEvents(t, { resourceId: number });
      expect(rows.map((r) => [r.action, r.outcome, r.resource_type, r.actor_id])).toEqual([
        [
          number.endsWith('3') ? 'audit.export' : 'audit.report',
          'denied',
          'case_number',
          auditor.user.id,
        ],
      ]);
    }
    const none = '00000000-0000-4000-8000-00000000abcd';
    expect((await auditor.client.get(`${CASE_REPORT}?caseId=${none}`)).status).toBe(404);
    expect((await auditor.client.get(`${USER_EXPORT}?userId=${none}`)).status).toBe(404);
    const misses = await auditEvents(t, { resourceId: none });
    expect(misses.map((r) => [r.action, r.outcome, r.resource_type])).toEqual([
      ['audit.report', 'denied', 'case'],
      ['audit.export', 'denied', 'user'],
    ]);
  });

  it("a search of one resource's events names it on its audit.read", async () => {
    const caseId = await newCase(w.ana.client);
    const res = await auditor.client.get(`/api/v1/audit?resourceType=case&resourceId=${caseId}`);
    expect(res.status).toBe(200);
    const reads = await auditEvents(t, { action: 'audit.read', resourceId: caseId });
    expect(reads.map((r) => [r.actor_id, r.resource_type, r.resource_id, r.outcome])).toEqual([
      [auditor.user.id, 'case', caseId, 'success'],
    ]);
    // A search without a resource filter names none.
    await auditor.client.get('/api/v1/audit?action=auth.*');
    const last = (await auditEvents(t, { action: 'audit.read' })).at(-1);
    expect([last?.resource_type, last?.resource_id]).toEqual([null, null]);
  });
});
