import { randomBytes, randomInt } from 'node:crypto';
import { startTestApp, type TestApp } from '../helpers/app';
import { canary, expectNoCanary } from '../helpers/canary';
import { databaseDump } from '../helpers/database-dump';
import type { SessionClient } from '../helpers/session-client';
import { createTeam, partnerInstitutionId, signedIn } from '../helpers/users';

/**
 * Every case endpoint, with unique canaries in every identifying field; then
 * no canary may be found in the raw database (as text or as hex), in the log,
 * or in anything shown to someone who may not see the case.
 */
let t: TestApp;
const planted: string[] = [];
const shownToOthers: string[] = [];
const plant = (value: string) => (planted.push(value), value);
const phone = () => plant(`+593 9${String(randomInt(10_000_000, 99_999_999))}`);

const identity = () => ({
  fullName: plant(canary('NOMBRE')),
  aliases: plant(canary('ALIAS')),
  dateOfBirth: '2003-07-14',
  documentType: plant(canary('TIPO')),
  documentNumber: plant(`ÑP-${randomBytes(5).toString('hex')}`),
  phone: phone(),
  email: plant(`canario.${randomBytes(5).toString('hex')}@example.org`),
  address: plant(canary('DIRECCIÓN')),
  emergencyContact: plant(canary('CONTACTO')),
  narrative: plant(canary('RELATO')),
  healthNotes: plant(canary('SALUD')),
  legalNotes: plant(canary('LEGAL')),
  educationNotes: plant(canary('EDUCACIÓN')),
});

let ana: SessionClient; // caseworker, owns the case
let sara: SessionClient; // supervisor of the team
let bruno: SessionClient; // caseworker of another team
let others: SessionClient[]; // roles that never see cases

beforeAll(async () => {
  t = await startTestApp();
  const team = await createTeam(t, 'Equipo Canario');
  ana = (await signedIn(t, 'caseworker', { teamId: team })).client;
  sara = (await signedIn(t, 'supervisor', { teamId: team })).client;
  bruno = (await signedIn(t, 'caseworker', { teamId: await createTeam(t, 'Equipo Ajeno') })).client;
  others = [
    (await signedIn(t, 'admin')).client,
    (await signedIn(t, 'auditor')).client,
    (await signedIn(t, 'coordinator')).client,
    (await signedIn(t, 'partner', { institutionId: await partnerInstitutionId(t) })).client,
  ];
}, 60_000);
afterAll(() => t.close());

it('keeps identifying data out of the database, the log and every answer to others', async () => {
  const show = (res: { body: unknown; text?: string }) =>
    shownToOthers.push(JSON.stringify(res.body));
  const intake = await ana.post('/api/v1/cases', {
    identifiedOn: '2026-11-22',
    riskLevel: 'high',
    identity: identity(),
    attributes: { sex: 'Female', ageAtIdentification: 23, traffickingStatus: 'Possible' },
  });
  expect(intake.status).toBe(201);
  const id = (intake.body as { case: { id: string } }).case.id;
  const url = `/api/v1/cases/${id}`;

  // The owner and the team use every endpoint.
  expect((await ana.get(url)).status).toBe(200);
  expect((await ana.get('/api/v1/cases')).status).toBe(200);
  const changed = await ana.patch(url, {
    version: 1,
    identity: { aliases: plant(canary('ALIAS2')), phone: phone() },
  });
  expect(changed.status).toBe(200);
  expect((await ana.post(`${url}/notes`, { body: plant(canary('NOTA')) })).status).toBe(201);
  expect((await ana.get(`${url}/notes`)).status).toBe(200);
  const file = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(plant(canary('PDF')))]);
  const name = plant(`${canary('ARCHIVO')}.pdf`);
  const upload = await ana.upload(`${url}/attachments`, file, {
    'Content-Type': 'application/pdf',
    'X-Attachment-Name': encodeURIComponent(name),
  });
  expect(upload.status).toBe(201);
  expect((await ana.get(`${url}/attachments`)).status).toBe(200);

  // Errors, with canaries in what was sent.
  const bad = await ana.patch(url, { version: 2, identity: { email: plant(canary('CORREO')) } });
  expect(bad.status).toBe(400);
  show(bad);
  const stale = await ana.patch(url, {
    version: 1,
    identity: { narrative: plant(canary('VIEJO')) },
  });
  expect(stale.status).toBe(409);
  show(stale);

  // Someone outside the team, and roles that never see cases.
  for (const path of [url, `${url}/notes`, `${url}/attachments`]) {
    const res = await bruno.get(path);
    expect(res.status).toBe(404);
    show(res);
  }
  show(await bruno.patch(url, { version: 2, riskLevel: 'low' }));
  for (const client of others) {
    const res = await client.get(url);
    expect(res.status).toBe(403);
    show(res);
  }

  // Break-glass, the review queue, erasure.
  const glass = await bruno.post(`${url}/break-glass`, {
    justification: plant(canary('JUSTIFICACIÓN')),
  });
  expect(glass.status).toBe(201);
  expect((await bruno.get(url)).status).toBe(200);
  expect((await sara.get('/api/v1/reviews')).status).toBe(200);
  expect((await sara.post(`${url}/erase`, { reason: 'person_request' })).status).toBe(200);
  const erased = await ana.get(url);
  show(erased); // after erasure nobody sees the identifying data

  const dump = await databaseDump(t);
  expect(dump).toContain('case.erase'); // the dump did include the audit log
  const log = t.logs.join('\n');
  const answers = shownToOthers.join('\n');
  expect(planted.length).toBeGreaterThan(15);
  expectNoCanary(planted, { dump, log, answers });
});
