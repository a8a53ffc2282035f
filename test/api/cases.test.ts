import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { inActorTransaction, SYSTEM_ACTOR } from '../../server/db/actor-transaction';
import { startTestApp, type TestApp } from '../helpers/app';
import { canary, leaks } from '../helpers/canary';
import { SessionClient } from '../helpers/session-client';
import { asSuperuser } from '../helpers/superuser';
import {
  auditEvents,
  createTeam,
  partnerInstitutionId,
  signedIn,
  type SeededUser,
} from '../helpers/users';

type Signed = { user: SeededUser; client: SessionClient };
let t: TestApp;
let ana: Signed; // caseworker, team A
let bruno: Signed; // caseworker, team B
let sara: Signed; // supervisor, team A
let teamA: string;
const seen: string[] = []; // every canary planted, to look for afterwards
const responses: string[] = []; // bodies shown to people who may not see the case

const plant = (label: string) => {
  const value = canary(label);
  seen.push(value);
  return value;
};

function intake(overrides: { documentNumber?: string; phone?: string } = {}) {
  return {
    identifiedOn: '2026-11-10',
    riskLevel: 'high',
    identity: {
      fullName: plant('NOMBRE'),
      aliases: plant('ALIAS'),
      dateOfBirth: '2004-02-29',
      documentType: 'cédula',
      documentNumber: overrides.documentNumber ?? `17${Date.now() % 100_000_000}`,
      phone: overrides.phone ?? `+593 9${Date.now() % 100_000_000}`,
      narrative: plant('RELATO'),
      healthNotes: plant('SALUD'),
    },
    attributes: {
      sex: 'Female',
      ageAtIdentification: 22,
      nationality: 'VE',
      migrantStatus: 'IrregularMigrant',
      province: 'Pichincha',
      traffickingStatus: 'Possible',
      exploitationTypes: ['SexualExploitation', 'ForcedLabour'],
      controlMethods: ['WithholdsDocuments', 'DebtBondage'],
      vulnerabilityGroups: ['migrant', 'woman'],
      language: 'es',
    },
  };
}

beforeAll(async () => {
  t = await startTestApp();
  teamA = await createTeam(t, 'Equipo Norte');
  const teamB = await createTeam(t, 'Equipo Sur');
  ana = await signedIn(t, 'caseworker', { teamId: teamA });
  bruno = await signedIn(t, 'caseworker', { teamId: teamB });
  sara = await signedIn(t, 'supervisor', { teamId: teamA });
}, 30_000);
afterAll(() => t.close());

describe('case intake and read', () => {
  let caseId: string;
  let documentNumber: string;

  it('registers a case with its identifying data encrypted, and audits it', async () => {
    const input = intake();
    documentNumber = input.identity.documentNumber;
    const res = await ana.client.post('/api/v1/cases', input);
    expect(res.status).toBe(201);
    const body = res.body as { case: { id: string; caseNumber: string }; possibleDuplicates: [] };
    expect(body.case).toMatchObject({
      caseNumber: expect.stringMatching(/^TRT-\d{4}-\d{6}$/),
      status: 'intake',
      ageBand: '18-24',
      assignedTo: ana.user.id,
      teamId: teamA,
      identity: { fullName: input.identity.fullName },
    });
    expect(body.possibleDuplicates).toEqual([]);
    caseId = body.case.id;
    expect(await auditEvents(t, { action: 'case.create', resourceId: caseId })).toHaveLength(1);
  });

  it('shows the case to its caseworker and her supervisor, each read audited', async () => {
    for (const reader of [ana, sara]) {
      const res = await reader.client.get(`/api/v1/cases/${caseId}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: caseId, identity: { dateOfBirth: '2004-02-29' } });
    }
    const reads = await auditEvents(t, { action: 'case.read', resourceId: caseId });
    expect(reads.map((e) => [e.actor_id, e.purpose])).toEqual([
      [ana.user.id, 'view'],
      [sara.user.id, 'view'],
    ]);
  });

  it("answers another team's case and a missing case with the same 404; the first is audited", async () => {
    const other = await bruno.client.get(`/api/v1/cases/${caseId}`);
    const missing = await bruno.client.get('/api/v1/cases/00000000-0000-4000-8000-000000000000');
    responses.push(JSON.stringify(other.body));
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    const strip = (b: object) => ({ ...b, requestId: undefined });
    expect(strip(other.body as object)).toEqual(strip(missing.body as object));
    const denied = await auditEvents(t, { action: 'access.denied', resourceId: caseId });
    expect(denied).toEqual([
      expect.objectContaining({ actor_id: bruno.user.id, resource_type: 'case' }),
    ]);
  });

  it('warns of a possible duplicate by team only, unless the person may see that case', async () => {
    const typedDifferently = `${documentNumber.slice(0, 4)}-${documentNumber.slice(4)}`;
    const fromOtherTeam = await bruno.client.post(
      '/api/v1/cases',
      intake({ documentNumber: typedDifferently }),
    );
    // His own new case is his to see; the warning about Ana's is what must not leak.
    responses.push(
      JSON.stringify((fromOtherTeam.body as { possibleDuplicates: unknown }).possibleDuplicates),
    );
    expect(fromOtherTeam.status).toBe(201);
    expect((fromOtherTeam.body as { possibleDuplicates: unknown }).possibleDuplicates).toEqual([
      { field: 'documentNumber', team: { id: teamA, name: 'Equipo Norte' } },
    ]);
    const fromSameTeam = await sara.client.post('/api/v1/cases', intake({ documentNumber }));
    expect(
      (fromSameTeam.body as { possibleDuplicates: unknown[] }).possibleDuplicates,
    ).toContainEqual(
      expect.objectContaining({ field: 'documentNumber', caseId, team: expect.any(Object) }),
    );
  });

  it('refuses roles that never hold cases, and answers 401 without a session', async () => {
    for (const role of ['admin', 'coordinator', 'auditor'] as const) {
      const { client } = await signedIn(t, role);
      const res = await client.get(`/api/v1/cases/${caseId}`);
      responses.push(JSON.stringify(res.body));
      expect(res.status).toBe(403);
    }
    const partner = await signedIn(t, 'partner', { institutionId: await partnerInstitutionId(t) });
    expect((await partner.client.post('/api/v1/cases', intake())).status).toBe(403);
    const anonymous = new SessionClient(t.app, t.clock);
    expect((await anonymous.get(`/api/v1/cases/${caseId}`)).status).toBe(401);
  });

  it('answers 400 naming the field, without repeating what was sent', async () => {
    const bad = intake();
    const res = await ana.client.post('/api/v1/cases', {
      ...bad,
      identity: { ...bad.identity, email: plant('CORREO') },
      attributes: { ...bad.attributes, sex: 'F', exploitationTypes: ['Trafficking'] },
    });
    responses.push(JSON.stringify(res.body));
    expect(res.status).toBe(400);
    const paths = (res.body as { errors: { path: string }[] }).errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.identity.email',
        'body.attributes.sex',
        'body.attributes.exploitationTypes.0',
      ]),
    );
  });

  // Found by the fuzzer (test/fuzz): a well-formed tag longer than the column answered 500.
  it('refuses a language tag longer than 35 characters with 400 naming the field', async () => {
    const good = intake();
    const res = await ana.client.post('/api/v1/cases', {
      ...good,
      attributes: { ...good.attributes, language: 'he-Cy-S6tiQ-eZql-uiYP-2es-6YM4Sl-eC8Tu8' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'validation_failed',
      errors: [expect.objectContaining({ path: 'body.attributes.language' })],
    });
  });

  // Found by the fuzzer: an identifying agency id that is no institution was a 500 (foreign key).
  it('refuses an identifying agency that is no institution with 400 naming the field, on intake and edit', async () => {
    const good = intake();
    const unknown = randomUUID();
    const created = await ana.client.post('/api/v1/cases', {
      ...good,
      attributes: { ...good.attributes, identifyingAgencyId: unknown },
    });
    expect(created.status).toBe(400);
    expect(created.body).toMatchObject({
      code: 'validation_failed',
      errors: [expect.objectContaining({ path: 'body.attributes.identifyingAgencyId' })],
    });
    const before = await ana.client.get(`/api/v1/cases/${caseId}`);
    const version = (before.body as { version: number }).version;
    const edited = await ana.client.patch(`/api/v1/cases/${caseId}`, {
      version,
      attributes: { identifyingAgencyId: unknown },
    });
    expect(edited.status).toBe(400);
    expect(edited.body).toMatchObject({
      errors: [expect.objectContaining({ path: 'body.attributes.identifyingAgencyId' })],
    });
    const after = await ana.client.get(`/api/v1/cases/${caseId}`);
    expect((after.body as { version: number }).version).toBe(version);
  });

  it('fails loudly, never with garbage, when a ciphertext is moved to another case', async () => {
    const other = await ana.client.post('/api/v1/cases', intake());
    const otherId = (other.body as { case: { id: string } }).case.id;
    await asSuperuser(
      t.database,
      `update cases set full_name_enc = (select full_name_enc from cases where id = '${caseId}')
       where id = '${otherId}'`,
    );
    const res = await ana.client.get(`/api/v1/cases/${otherId}`);
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ code: 'integrity_check_failed' });
    // An integrity alarm: recorded by the system for the endpoint, with the request's id.
    const alarms = await auditEvents(t, { action: 'integrity.alarm' });
    expect(alarms.at(-1)).toMatchObject({
      actor_role: 'system',
      outcome: 'error',
      resource_id: 'GET:/api/v1/cases/:id',
      purpose: 'decryption_failed',
      request_id: res.headers['x-request-id'],
    });
    expect((await auditEvents(t, { action: 'case.read', resourceId: otherId })).length).toBe(0);
  });

  it('treats an upper-case id in the path as the same case (one spelling everywhere)', async () => {
    const res = await ana.client.get(`/api/v1/cases/${caseId.toUpperCase()}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: caseId, identity: { fullName: expect.any(String) } });
    const notes = await ana.client.get(`/api/v1/cases/${caseId.toUpperCase()}/notes`);
    expect(notes.status).toBe(200);
    const reads = await auditEvents(t, { action: 'case.read', resourceId: caseId });
    expect(reads.at(-1)).toMatchObject({ actor_id: ana.user.id, purpose: 'view' });
  });

  it('keeps every canary out of the database, the log and what others were shown', async () => {
    const dump = await inActorTransaction(t.database.store, SYSTEM_ACTOR, async (trx) => {
      const { rows: tables } = await sql<{ name: string }>`
        select table_name as name from information_schema.tables
        where table_schema = 'amparo' and table_type = 'BASE TABLE'`.execute(trx);
      const parts: string[] = [];
      for (const { name } of tables) {
        const { rows } = await sql<{
          row: string;
        }>`select t::text as row from ${sql.table(name)} t`.execute(trx);
        parts.push(...rows.map((r) => r.row));
      }
      return parts.join('\n');
    });
    expect(dump).toContain('TRT-'); // the dump did read the cases
    const log = t.logs.join('\n');
    for (const value of seen) {
      expect(leaks(dump, value)).toBe(false);
      expect(dump).not.toContain(Buffer.from(value, 'utf8').toString('hex'));
      expect(leaks(log, value)).toBe(false);
      for (const body of responses) expect(leaks(body, value)).toBe(false);
    }
  });
});
