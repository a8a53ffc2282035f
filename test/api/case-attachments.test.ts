import { sql } from 'kysely';
import { inActorTransaction, SYSTEM_ACTOR } from '../../server/db/actor-transaction';
import { startTestApp, type TestApp } from '../helpers/app';
import { canary, leaks } from '../helpers/canary';
import { SessionClient } from '../helpers/session-client';
import { auditEvents, createTeam, signedIn, type SeededUser } from '../helpers/users';

type Signed = { user: SeededUser; client: SessionClient };
let t: TestApp;
let ana: Signed;
let bruno: Signed;
let caseId: string;
const secretText = canary('DOCUMENTO');
const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n', 'latin1'), Buffer.from(secretText, 'utf8')]);
const fileName = `${canary('ARCHIVO')}.pdf`;
const headers = (over: Record<string, string> = {}) => ({
  'Content-Type': 'application/pdf',
  'X-Attachment-Name': encodeURIComponent(fileName),
  ...over,
});

beforeAll(async () => {
  t = await startTestApp();
  ana = await signedIn(t, 'caseworker', { teamId: await createTeam(t, 'Equipo Archivos') });
  bruno = await signedIn(t, 'caseworker', { teamId: await createTeam(t, 'Equipo Lejano') });
  const created = await ana.client.post('/api/v1/cases', {
    identifiedOn: '2026-11-20',
    riskLevel: 'medium',
    identity: { fullName: 'Persona con archivos' },
    attributes: { sex: 'Female', traffickingStatus: 'Possible' },
  });
  caseId = (created.body as { case: { id: string } }).case.id;
});
afterAll(() => t.close());

describe('case attachments', () => {
  const url = () => `/api/v1/cases/${caseId}/attachments`;

  it('stores a file encrypted and gives it back, each step audited', async () => {
    const res = await ana.client.upload(url(), pdf, headers());
    expect(res.status).toBe(201);
    const attachment = res.body as { id: string };
    expect(res.body).toMatchObject({
      filename: fileName,
      contentType: 'application/pdf',
      sizeBytes: pdf.length,
    });

    const list = await ana.client.get(url());
    expect((list.body as { items: unknown[] }).items).toEqual([
      expect.objectContaining({ filename: fileName }),
    ]);
    const file = await ana.client.get(`${url()}/${attachment.id}`);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toMatch(/^application\/pdf/);
    expect(file.headers['content-disposition']).toBe('attachment');
    expect(Buffer.from(file.body as Buffer).equals(pdf)).toBe(true);
    for (const action of [
      'case.attachment.create',
      'case.attachment.list',
      'case.attachment.read',
    ]) {
      expect(await auditEvents(t, { action, resourceId: caseId })).toHaveLength(1);
    }

    const dump = await inActorTransaction(t.database.store, SYSTEM_ACTOR, async (trx) => {
      const { rows } = await sql<{
        row: string;
      }>`select a::text as row from case_attachments a`.execute(trx);
      return rows.map((r) => r.row).join('\n');
    });
    for (const value of [secretText, fileName]) {
      expect(dump).not.toContain(Buffer.from(value, 'utf8').toString('hex'));
      expect(leaks(dump, value)).toBe(false);
      expect(leaks(t.logs.join('\n'), value)).toBe(false);
    }
  });

  it('refuses a file whose bytes are not its declared type, an unknown type, and no name', async () => {
    const png = await ana.client.upload(url(), pdf, headers({ 'Content-Type': 'image/png' }));
    expect(png.status).toBe(400);
    expect(png.body).toMatchObject({
      errors: [expect.objectContaining({ code: 'content_type_mismatch' })],
    });
    const text = await ana.client.upload(
      url(),
      Buffer.from('hola'),
      headers({ 'Content-Type': 'text/plain' }),
    );
    expect(text.status).toBe(400);
    expect(text.body).toMatchObject({
      errors: [expect.objectContaining({ path: 'headers.content-type' })],
    });
    const unnamed = await ana.client.upload(url(), pdf, { 'Content-Type': 'application/pdf' });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body).toMatchObject({
      errors: [expect.objectContaining({ path: 'headers.x-attachment-name' })],
    });
    expect(leaks(JSON.stringify([png.body, text.body, unnamed.body]), fileName)).toBe(false);
  });

  it('refuses files over 5 MiB with 413', async () => {
    const big = Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(5 * 1024 * 1024)]);
    const res = await ana.client.upload(url(), big, headers());
    expect(res.status).toBe(413);
  });

  it("answers 401 without a session, 403 to other roles, 404 for another team's case (audited)", async () => {
    const anonymous = new SessionClient(t.app, t.clock);
    await anonymous.refreshCsrf();
    expect((await anonymous.upload(url(), pdf, headers())).status).toBe(401);
    const admin = await signedIn(t, 'admin');
    expect((await admin.client.get(url())).status).toBe(403);
    expect((await bruno.client.upload(url(), pdf, headers())).status).toBe(404);
    expect((await bruno.client.get(url())).status).toBe(404);
    const denials = (await auditEvents(t, { action: 'access.denied', resourceId: caseId })).filter(
      (e) => e.actor_id === bruno.user.id,
    );
    expect(denials).toHaveLength(2);
  });
});
