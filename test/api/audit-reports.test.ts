import type {
  AccessReportRow,
  AuditPage,
  AuditStaffList,
  CaseAccessReport,
  UserAccessReport,
} from '../../server/modules/audit/audit.schemas';
import { csvCell, toCsv } from '../../server/modules/audit/audit.csv';
import { startTestApp, type TestApp } from '../helpers/app';
import { canary, expectNoCanary } from '../helpers/canary';
import { engine } from '../helpers/engine';
import {
  giveConsent,
  HEALTH,
  newCase,
  referralId,
  referralWorld,
  revoke,
  type Signed,
} from '../helpers/referrals';
import { SessionClient } from '../helpers/session-client';
import { signedIn } from '../helpers/users';

const CASE_REPORT = '/api/v1/audit/reports/case';
const CASE_EXPORT = '/api/v1/audit/reports/case/export';
const USER_REPORT = '/api/v1/audit/reports/user';
const USER_EXPORT = '/api/v1/audit/reports/user/export';
const STAFF = '/api/v1/audit/staff';

let t: TestApp;
let w: Awaited<ReturnType<typeof referralWorld>>;
let auditor: Signed;
let caseId: string;
let caseNumber: string;
let otherCaseId: string;
let referral: string;
const planted = [canary('NOMBRE'), canary('ALIAS'), canary('NOTA')];
const [fullName = '', alias = '', note = ''] = planted;

beforeAll(async () => {
  t = await startTestApp();
  w = await referralWorld(t, 'Informe');
  auditor = await signedIn(t, 'auditor');
  caseId = await newCase(w.ana.client, { identity: { fullName, aliases: alias } });
  const read = await w.ana.client.get(`/api/v1/cases/${caseId}`);
  caseNumber = (read.body as { caseNumber: string }).caseNumber;
  await w.ana.client.post(`/api/v1/cases/${caseId}/notes`, { body: note });
  await w.ana.client.get(`/api/v1/cases/${caseId}/notes`);
  const consent = await giveConsent(w.ana.client, caseId, HEALTH);
  expect(consent.status).toBe('active');
  referral = await referralId(w.ana.client, caseId, w.hospital);
  expect((await w.doctor.client.get(`/api/v1/referrals/${referral}/package`)).status).toBe(200);
  // Break-glass by another team's caseworker, then a read of the case that way.
  await w.bruno.client.post('/api/v1/auth/step-up', { code: await w.bruno.client.nextCode() });
  const grant = await w.bruno.client.post(`/api/v1/cases/${caseId}/break-glass`, {
    justification: 'Emergencia médica: la persona ingresó en urgencias esta noche',
  });
  expect(grant.status).toBe(201);
  expect((await w.bruno.client.get(`/api/v1/cases/${caseId}`)).status).toBe(200);
  // Another case, read by the same people: never in this case's report.
  otherCaseId = await newCase(w.ana.client);
  await w.ana.client.get(`/api/v1/cases/${otherCaseId}`);
});
afterAll(() => t.close());

async function caseReport(query: Record<string, string>): Promise<CaseAccessReport> {
  const res = await auditor.client.get(`${CASE_REPORT}?${new URLSearchParams(query).toString()}`);
  expect(res.status).toBe(200);
  return res.body as CaseAccessReport;
}

async function lastAuditorEvent(action: string) {
  const res = await auditor.client.get(`/api/v1/audit?actorId=${auditor.user.id}&action=${action}`);
  return (res.body as AuditPage).items[0];
}

const pick = (rows: AccessReportRow[], action: string) => rows.filter((r) => r.action === action);

describe(`access reports (${engine})`, () => {
  describe('who may ask', () => {
    const paths = () => [
      `${CASE_REPORT}?caseId=${caseId}`,
      `${CASE_EXPORT}?caseId=${caseId}`,
      `${USER_REPORT}?userId=${w.doctor.user.id}`,
      `${USER_EXPORT}?userId=${w.doctor.user.id}`,
      STAFF,
    ];

    it('answers 401 without a session', async () => {
      for (const path of paths()) {
        const res = await new SessionClient(t.app, t.clock).get(path);
        expect([path, res.status]).toEqual([path, 401]);
      }
    });

    it('answers 403 to every other role, and audits the denial', async () => {
      for (const who of [w.ana, w.sara, w.doctor]) {
        for (const path of paths()) {
          const res = await who.client.get(path);
          expect([path, res.status, res.body.code]).toEqual([path, 403, 'forbidden']);
        }
      }
      const res = await auditor.client.get(
        `/api/v1/audit?actorId=${w.doctor.user.id}&action=access.denied`,
      );
      const templates = (res.body as AuditPage).items.map((e) => e.resourceId);
      expect(templates).toEqual(
        expect.arrayContaining([
          'GET:/api/v1/audit/reports/case',
          'GET:/api/v1/audit/reports/case/export',
          'GET:/api/v1/audit/reports/user',
          'GET:/api/v1/audit/reports/user/export',
          'GET:/api/v1/audit/staff',
        ]),
      );
    });

    it('answers 400 naming the field', async () => {
      const cases: [string, string][] = [
        [CASE_REPORT, 'query.caseNumber'],
        [`${CASE_REPORT}?caseNumber=TRT-1`, 'query.caseNumber'],
        [`${CASE_REPORT}?caseNumber=${caseNumber}&caseId=${caseId}`, 'query.caseNumber'],
        [`${CASE_REPORT}?caseId=nope`, 'query.caseId'],
        [`${CASE_REPORT}?caseId=${caseId}&cursor=zz`, 'query.cursor'],
        [`${CASE_REPORT}?caseId=${caseId}&limit=0`, 'query.limit'],
        [`${CASE_EXPORT}?caseId=${caseId}&limit=5`, 'query'],
        [USER_REPORT, 'query.userId'],
        [`${USER_EXPORT}?userId=x`, 'query.userId'],
      ];
      for (const [path, field] of cases) {
        const res = await auditor.client.get(path);
        expect([path, res.status]).toEqual([path, 400]);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        const paths = (res.body.errors as { path: string }[]).map((e) => e.path);
        expect([path, paths.some((p) => p.startsWith(field))]).toEqual([path, true]);
      }
    });

    it('answers 404 for a case or user that does not exist', async () => {
      const none = '00000000-0000-4000-8000-000000000000';
      expect((await auditor.client.get(`${CASE_REPORT}?caseNumber=TRT-1999-000001`)).status).toBe(
        404,
      );
      expect((await auditor.client.get(`${CASE_EXPORT}?caseId=${none}`)).status).toBe(404);
      expect((await auditor.client.get(`${USER_REPORT}?userId=${none}`)).status).toBe(404);
    });
  });

  describe("a case's report", () => {
    it('finds the case by number or id and holds its reads, disclosures and break-glass', async () => {
      const byNumber = await caseReport({ caseNumber, limit: '500' });
      const byId = await caseReport({ caseId, limit: '500' });
      expect(byNumber.case).toEqual({ id: caseId, caseNumber });
      // The first report is itself on the case (audit.report): the second one shows it on top.
      expect(byId.items[0]).toMatchObject({ action: 'audit.report', actorId: auditor.user.id });
      expect(byId.items.slice(1).map((r) => r.id)).toEqual(byNumber.items.map((r) => r.id));
      const rows = byId.items;

      expect(pick(rows, 'referral.package.read')).toEqual([
        expect.objectContaining({
          actorId: w.doctor.user.id,
          actorName: 'Test partner',
          actorRole: 'partner',
          institutionName: 'Hospital Informe',
          resourceType: 'referral',
          resourceId: referral,
          purpose: 'disclosure',
        }),
      ]);
      expect(pick(rows, 'case.break_glass')).toEqual([
        expect.objectContaining({ actorId: w.bruno.user.id, purpose: 'break_glass' }),
      ]);
      expect(pick(rows, 'case.read').map((r) => [r.actorId, r.purpose])).toEqual(
        expect.arrayContaining([
          [w.bruno.user.id, 'break_glass'],
          [w.ana.user.id, 'view'],
        ]),
      );
      for (const action of ['case.note.read', 'referral.disclose', 'consent.create']) {
        expect([action, pick(rows, action).length > 0]).toEqual([action, true]);
      }
      expect(rows.every((r) => r.resourceType !== 'case' || r.resourceId === caseId)).toBe(true);
      expect(JSON.stringify(rows)).not.toContain(otherCaseId);
      expectNoCanary(planted, { report: JSON.stringify(byNumber) });

      expect(await lastAuditorEvent('audit.report')).toMatchObject({
        actorId: auditor.user.id,
        resourceType: 'case',
        resourceId: caseId,
        outcome: 'success',
      });
    });

    it('pages with a cursor, newest first, without repeats', async () => {
      const all = (await caseReport({ caseId, limit: '500' })).items;
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: Record<string, string> = { caseId, limit: '3' };
        if (cursor) query.cursor = cursor;
        const page = await caseReport(query);
        seen.push(...page.items.map((r) => r.id));
        cursor = page.nextCursor;
      } while (cursor !== null && seen.length < 1_000);
      // Reading the report writes audit.report on the case: new rows appear at the top only.
      expect(seen.slice(-all.length)).toEqual(all.map((r) => r.id).slice(-seen.length));
      expect(new Set(seen).size).toBe(seen.length);
    });

    it('exports CSV: a download, a header row, no content, the export audited', async () => {
      const res = await auditor.client.get(`${CASE_EXPORT}?caseNumber=${caseNumber}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      const disposition = String(res.headers['content-disposition']);
      expect(disposition).toMatch(/^attachment; filename="amparo-access-report-case-[\d-]+\.csv"$/);
      expect(disposition).not.toContain(caseNumber);
      expect(res.headers['amparo-export-truncated']).toBe('false');
      const text = res.text;
      const lines = text
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n');
      expect(lines[0]).toBe(
        '"occurred_at","seq","actor_name","actor_role","institution_name","action","purpose",' +
          '"outcome","resource_type","resource_id","event_id","actor_id","catalogued"',
      );
      const packageRow = lines.find((l) => l.includes('"referral.package.read"'));
      expect(packageRow).toContain('"Test partner","partner","Hospital Informe"');
      expect(lines.some((l) => l.includes('"case.break_glass"'))).toBe(true);
      expect(text).not.toContain(otherCaseId);
      expectNoCanary(planted, { csv: text, disposition });
      expect(await lastAuditorEvent('audit.export')).toMatchObject({
        resourceType: 'case',
        resourceId: caseId,
      });
    });

    it('still answers for an erased case', async () => {
      const erasedId = await newCase(w.ana.client, { identity: { fullName: canary('BORRADO') } });
      await w.ana.client.get(`/api/v1/cases/${erasedId}`);
      await w.sara.client.post('/api/v1/auth/step-up', { code: await w.sara.client.nextCode() });
      const erased = await w.sara.client.post(`/api/v1/cases/${erasedId}/erase`, {
        reason: 'person_request',
      });
      expect(erased.status).toBe(200);
      const report = await caseReport({ caseId: erasedId });
      expect(report.items.map((r) => r.action)).toEqual(
        expect.arrayContaining(['case.erase', 'case.read', 'case.create']),
      );
      const csv = await auditor.client.get(`${CASE_EXPORT}?caseId=${erasedId}`);
      expect(csv.status).toBe(200);
      expect(csv.text).toContain('"case.erase"');
    });
  });

  describe('meeting the rest of Amparo', () => {
    it("a revocation's consequences are in the case's report: the consent and the closed package", async () => {
      const revokedCase = await newCase(w.ana.client);
      const consent = await giveConsent(w.ana.client, revokedCase, HEALTH);
      const sent = await referralId(w.ana.client, revokedCase, w.hospital);
      expect((await revoke(w.ana, consent.id)).status).toBe(200);
      const rows = (await caseReport({ caseId: revokedCase })).items;
      expect(pick(rows, 'consent.revoke')).toEqual([
        expect.objectContaining({
          resourceType: 'consent',
          resourceId: consent.id,
          purpose: 'person_withdrew',
        }),
      ]);
      expect(pick(rows, 'referral.package.close')).toEqual([
        expect.objectContaining({ resourceId: sent, purpose: 'consent_revoked' }),
      ]);
    });

    it('a disabled account keeps its name and its report', async () => {
      const admin = await signedIn(t, 'admin');
      const leaver = await signedIn(t, 'caseworker', { teamId: w.teamId });
      // Not assigned to them, no team access: a 404, audited as a refused attempt.
      expect((await leaver.client.get(`/api/v1/cases/${caseId}`)).status).toBe(404);
      expect(
        (await admin.client.patch(`/api/v1/users/${leaver.user.id}`, { active: false })).status,
      ).toBe(200);
      const staff = (await auditor.client.get(STAFF)).body as AuditStaffList;
      expect(staff.items.find((p) => p.id === leaver.user.id)).toMatchObject({ active: false });
      const res = await auditor.client.get(`${USER_REPORT}?userId=${leaver.user.id}`);
      expect(res.status).toBe(200);
      const report = res.body as UserAccessReport;
      expect(report.user).toMatchObject({ active: false, displayName: 'Test caseworker' });
      expect(report.items.map((r) => [r.action, r.outcome, r.resourceId])).toEqual([
        ['access.denied', 'denied', caseId],
      ]);
    });
  });

  describe("a user's report", () => {
    it('lists the staff to choose from, without an email', async () => {
      const res = await auditor.client.get(STAFF);
      expect(res.status).toBe(200);
      const items = (res.body as AuditStaffList).items;
      expect(items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            id: w.doctor.user.id,
            displayName: 'Test partner',
            role: 'partner',
            institutionName: 'Hospital Informe',
            active: true,
          }),
        ]),
      );
      expect(JSON.stringify(res.body)).not.toContain(w.doctor.user.email);
    });

    it('holds what the user opened, and only theirs', async () => {
      const res = await auditor.client.get(`${USER_REPORT}?userId=${w.doctor.user.id}`);
      expect(res.status).toBe(200);
      const report = res.body as UserAccessReport;
      expect(report.user).toMatchObject({
        id: w.doctor.user.id,
        institutionName: 'Hospital Informe',
      });
      expect(report.items.every((r) => r.actorId === w.doctor.user.id)).toBe(true);
      expect(pick(report.items, 'referral.package.read')).toEqual([
        expect.objectContaining({ resourceId: referral, purpose: 'disclosure' }),
      ]);
      expectNoCanary(planted, { report: JSON.stringify(report) });
      expect(await lastAuditorEvent('audit.report')).toMatchObject({
        resourceType: 'user',
        resourceId: w.doctor.user.id,
      });

      const bruno = await auditor.client.get(`${USER_REPORT}?userId=${w.bruno.user.id}`);
      const actions = (bruno.body as UserAccessReport).items.map((r) => r.action);
      expect(actions).toEqual(expect.arrayContaining(['case.break_glass', 'case.read']));
    });

    it('exports CSV, audited', async () => {
      const res = await auditor.client.get(`${USER_EXPORT}?userId=${w.bruno.user.id}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(String(res.headers['content-disposition'])).toMatch(
        /^attachment; filename="amparo-access-report-user-[\d-]+\.csv"$/,
      );
      expect(res.text).toContain('"case.break_glass"');
      expectNoCanary(planted, { csv: res.text });
      expect(await lastAuditorEvent('audit.export')).toMatchObject({
        resourceType: 'user',
        resourceId: w.bruno.user.id,
      });
    });
  });

  describe('the log filters by purpose', () => {
    it('finds the break-glass reads', async () => {
      const res = await auditor.client.get('/api/v1/audit?purpose=break_glass&action=case.*');
      expect(res.status).toBe(200);
      const items = (res.body as AuditPage).items;
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((e) => e.purpose === 'break_glass')).toBe(true);
      const bad = await auditor.client.get('/api/v1/audit?purpose=curiosity');
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].path).toBe('query.purpose');
    });
  });
});

describe('CSV cells', () => {
  it('neutralises what a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    for (const start of ['+', '-', '@', '\uFF1D']) {
      expect(csvCell(`${start}1`)).toBe(`"'${start}1"`);
    }
    // After spaces or invisible format characters, still a formula to a spreadsheet.
    expect(csvCell(' -4')).toBe(`"' -4"`);
    expect(csvCell('\u200B=2+2')).toBe(`"'\u200B=2+2"`);
    expect(csvCell('Ana')).toBe('"Ana"');
    expect(csvCell(null)).toBe('""');
    expect(toCsv(['a', 'b'], [['1', 'x,y']])).toBe('\uFEFF"a","b"\r\n"1","x,y"\r\n');
  });

  it('keeps one record on one line: control characters become spaces, then neutralised', () => {
    expect(csvCell('Ana\r\n=1+1')).toBe('"Ana  =1+1"');
    expect(csvCell('\r\n=1+1')).toBe(`"'  =1+1"`);
    expect(csvCell('\t=1')).toBe(`"' =1"`);
    expect(csvCell('a\u0000b\u0085c')).toBe('"a b c"');
    const csv = toCsv(['name'], [['Ana\r\nLópez'], ['Luis\nPaz']]);
    expect(csv.split('\r\n')).toEqual(['\uFEFF"name"', '"Ana  López"', '"Luis Paz"', '']);
  });
});
