import { randomBytes } from 'node:crypto';
import { inActorTransaction, SYSTEM_ACTOR } from '../../server/db/actor-transaction';
import { startTestApp, type TestApp } from '../helpers/app';
import { canary, leaks } from '../helpers/canary';
import { SessionClient } from '../helpers/session-client';
import { leadAgencyId, signedIn, type SeededUser } from '../helpers/users';

const BASE = '/api/v1/institutions';
const MISSING_ID = '6f1c2a4e-8b7d-4c3e-9a1f-0d2b3c4d5e6f';

let t: TestApp;
let admin: SessionClient;
let adminUser: SeededUser;
let others: { role: string; user: SeededUser; client: SessionClient }[];
let anonymous: SessionClient;
let lead: string;
beforeAll(async () => {
  t = await startTestApp();
  ({ user: adminUser, client: admin } = await signedIn(t, 'admin'));
  others = [];
  for (const role of ['coordinator', 'auditor'] as const) {
    others.push({ role, ...(await signedIn(t, role)) });
  }
  anonymous = new SessionClient(t.app, t.clock);
  await anonymous.refreshCsrf();
  lead = await leadAgencyId(t);
});
afterAll(() => t.close());

const unique = () => randomBytes(4).toString('hex');
const newInstitution = (over: object = {}) => ({
  name: `Fundación Ñandutí ${unique()}`,
  sector: 'shelter',
  contact: { name: 'Coordinación', email: 'acogida@example.org', phone: '+593 2 111 2222' },
  ...over,
});

async function create(over: object = {}): Promise<{ id: string; name: string }> {
  const res = await admin.post(BASE, newInstitution(over));
  expect(res.status).toBe(201);
  return res.body as { id: string; name: string };
}

/** Audit rows (read as the system, which RLS allows), oldest first. */
function auditRows(filter: { action?: string; resourceId?: string; actorId?: string } = {}) {
  return inActorTransaction(t.database.store, SYSTEM_ACTOR, async (trx) => {
    let query = trx
      .selectFrom('audit_events')
      .select(['action', 'outcome', 'actor_id', 'actor_role', 'resource_type', 'resource_id'])
      .orderBy('written');
    if (filter.action) query = query.where('action', '=', filter.action);
    if (filter.resourceId) query = query.where('resource_id', '=', filter.resourceId);
    if (filter.actorId) query = query.where('actor_id', '=', filter.actorId);
    return query.execute();
  });
}

const fieldPaths = (res: { body: unknown }) =>
  ((res.body as { errors?: { path: string }[] }).errors ?? []).map((e) => e.path);

describe('institutions administration: access', () => {
  it('refuses every endpoint without a session (401)', async () => {
    for (const res of [
      await anonymous.get(BASE),
      await anonymous.post(BASE, newInstitution()),
      await anonymous.get(`${BASE}/${lead}`),
      await anonymous.patch(`${BASE}/${lead}`, { name: 'Otra' }),
    ]) {
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'unauthenticated' });
    }
  });

  it('refuses other roles (403) and audits each denial with the route template', async () => {
    for (const { user, client } of others) {
      for (const res of [
        await client.get(`${BASE}?sector=health`),
        await client.post(BASE, newInstitution()),
        await client.get(`${BASE}/${lead}`),
        await client.patch(`${BASE}/${lead}`, { name: 'Otra' }),
      ]) {
        expect(res.status).toBe(403);
        expect(res.body).toMatchObject({ code: 'forbidden' });
      }
      const denials = await auditRows({ action: 'access.denied', actorId: user.id });
      expect(denials.map((row) => row.resource_id)).toEqual([
        'GET:/api/v1/institutions/',
        'POST:/api/v1/institutions/',
        'GET:/api/v1/institutions/:id',
        'PATCH:/api/v1/institutions/:id',
      ]);
      expect(denials.every((row) => row.outcome === 'denied')).toBe(true);
      expect(await auditRows({ action: 'institution.create', actorId: user.id })).toEqual([]);
    }
  });
});

describe('the directory for referrals', () => {
  it('lets caseworkers and supervisors read institutions, never change them', async () => {
    for (const role of ['caseworker', 'supervisor'] as const) {
      const { client } = await signedIn(t, role);
      const list = await client.get(`${BASE}?active=true`);
      expect(list.status).toBe(200);
      expect((list.body as { items: { id: string }[] }).items.map((i) => i.id)).toContain(lead);
      expect((await client.get(`${BASE}/${lead}`)).status).toBe(200);
      expect((await client.post(BASE, newInstitution())).status).toBe(403);
      expect((await client.patch(`${BASE}/${lead}`, { name: 'Otra' })).status).toBe(403);
    }
  });
});

describe('POST /api/v1/institutions', () => {
  it('creates an institution and audits it in the same transaction', async () => {
    const input = newInstitution({ sector: 'justice' });
    const res = await admin.post(BASE, input);
    expect(res.status).toBe(201);
    const body = res.body as { id: string };
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: input.name,
      sector: 'justice',
      isLeadAgency: false,
      contact: input.contact,
      disabledAt: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(await auditRows({ action: 'institution.create', resourceId: body.id })).toEqual([
      {
        action: 'institution.create',
        outcome: 'success',
        actor_id: adminUser.id,
        actor_role: 'admin',
        resource_type: 'institution',
        resource_id: body.id,
      },
    ]);
    const fetched = await admin.get(`${BASE}/${body.id}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(res.body);
  });

  it('names the invalid fields (400) and never echoes what was sent', async () => {
    const secret = canary('CONTACTO');
    const res = await admin.post(BASE, {
      name: 'x',
      sector: 'police',
      contact: { name: secret, email: 'no-es-correo' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'validation_failed' });
    expect(fieldPaths(res).sort()).toEqual(['body.contact.email', 'body.name', 'body.sector']);
    expect(leaks(res.text, secret)).toBe(false);
    expect(leaks(t.logs.join('\n'), secret)).toBe(false);

    const unknown = await admin.post(BASE, { ...newInstitution(), website: 'https://x.example' });
    expect(unknown.status).toBe(400);
    expect(fieldPaths(unknown)).toEqual(['body']);
  });

  it('refuses control and bidirectional characters in names (400 naming the field)', async () => {
    for (const name of ['Casa\r\n=1+1', 'Casa\u0007 Ñandutí', 'Casa \u202Eatsoc']) {
      const res = await admin.post(BASE, newInstitution({ name }));
      expect([JSON.stringify(name), res.status]).toEqual([JSON.stringify(name), 400]);
      expect(fieldPaths(res)).toEqual(['body.name']);
    }
    const contact = await admin.post(
      BASE,
      newInstitution({ contact: { name: 'Coordinación\nGeneral' } }),
    );
    expect(contact.status).toBe(400);
    expect(fieldPaths(contact)).toEqual(['body.contact.name']);
    const created = await create();
    const renamed = await admin.patch(`${BASE}/${created.id}`, { name: 'Casa\r\nNueva' });
    expect(renamed.status).toBe(400);
    expect(fieldPaths(renamed)).toEqual(['body.name']);
  });

  it('refuses a name that differs only in case (409) without the database message', async () => {
    const first = await create({ name: `Hogar San José ${unique()}` });
    const before = (await auditRows({ action: 'institution.create' })).length;
    const res = await admin.post(BASE, newInstitution({ name: first.name.toUpperCase() }));
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'institution_name_taken' });
    expect(res.text).not.toMatch(/duplicate|constraint|institutions_name_key|23505/i);
    expect(res.text).not.toContain(first.name.toUpperCase());
    expect((await auditRows({ action: 'institution.create' })).length).toBe(before);
  });

  it('refuses a second lead agency (409)', async () => {
    const res = await admin.post(BASE, newInstitution({ isLeadAgency: true }));
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'lead_agency_exists' });
  });
});

describe('GET /api/v1/institutions/:id', () => {
  it('answers 404 for an unknown id and 400 naming params.id for a malformed one', async () => {
    const missing = await admin.get(`${BASE}/${MISSING_ID}`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'not_found' });

    const malformed = await admin.get(`${BASE}/not-a-uuid`);
    expect(malformed.status).toBe(400);
    expect(fieldPaths(malformed)).toEqual(['params.id']);
  });

  it('reads are not audited (public institutional data)', async () => {
    const before = (await auditRows()).length;
    expect((await admin.get(`${BASE}/${lead}`)).status).toBe(200);
    expect((await admin.get(BASE)).status).toBe(200);
    expect((await auditRows()).length).toBe(before);
  });
});

describe('PATCH /api/v1/institutions/:id', () => {
  it('changes the details given, keeps the rest, and audits one update', async () => {
    const { id } = await create({ sector: 'health' });
    const name = `Centro de Salud Nº 3 ${unique()}`;
    const res = await admin.patch(`${BASE}/${id}`, {
      name,
      sector: 'labour',
      contact: { email: 'salud3@example.org', phone: null },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id,
      name,
      sector: 'labour',
      contact: { name: 'Coordinación', email: 'salud3@example.org', phone: null },
      disabledAt: null,
    });
    const updates = await auditRows({ action: 'institution.update', resourceId: id });
    expect(updates).toEqual([
      expect.objectContaining({ outcome: 'success', actor_id: adminUser.id }),
    ]);

    // The same values again change nothing: no write, no event.
    const again = await admin.patch(`${BASE}/${id}`, { name, sector: 'labour' });
    expect(again.status).toBe(200);
    expect(await auditRows({ action: 'institution.update', resourceId: id })).toHaveLength(1);
  });

  it('disables and enables again, each audited; the list filters by status', async () => {
    const { id } = await create({ sector: 'education' });
    const disabled = await admin.patch(`${BASE}/${id}`, { active: false });
    expect(disabled.status).toBe(200);
    const { disabledAt } = disabled.body as { disabledAt: string };
    expect(new Date(disabledAt).toISOString()).toBe(disabledAt);
    expect((await admin.get(`${BASE}/${id}`)).body).toMatchObject({ disabledAt });

    const ids = async (query: string) =>
      (
        (await admin.get(`${BASE}?sector=education&${query}`)).body as { items: { id: string }[] }
      ).items.map((item) => item.id);
    expect(await ids('active=false')).toContain(id);
    expect(await ids('active=true')).not.toContain(id);

    // Disabling a disabled institution keeps its date and writes nothing.
    const twice = await admin.patch(`${BASE}/${id}`, { active: false });
    expect(twice.body).toMatchObject({ disabledAt });
    expect(await auditRows({ action: 'institution.disable', resourceId: id })).toEqual([
      expect.objectContaining({ outcome: 'success', actor_id: adminUser.id }),
    ]);

    const enabled = await admin.patch(`${BASE}/${id}`, { active: true });
    expect(enabled.status).toBe(200);
    expect(enabled.body).toMatchObject({ disabledAt: null });
    expect(await auditRows({ action: 'institution.enable', resourceId: id })).toHaveLength(1);
    expect(await ids('active=true')).toContain(id);
    expect(await auditRows({ action: 'institution.update', resourceId: id })).toEqual([]);
  });

  it('never disables the lead agency (409)', async () => {
    const res = await admin.patch(`${BASE}/${lead}`, { active: false });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'lead_agency_cannot_be_disabled' });
    expect((await admin.get(`${BASE}/${lead}`)).body).toMatchObject({
      isLeadAgency: true,
      disabledAt: null,
    });
    expect(await auditRows({ action: 'institution.disable', resourceId: lead })).toEqual([]);
  });

  it('refuses a rename onto another institution’s name, in any case (409)', async () => {
    const taken = await create();
    const { id } = await create();
    const res = await admin.patch(`${BASE}/${id}`, { name: taken.name.toLowerCase() });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'institution_name_taken' });
    expect(await auditRows({ action: 'institution.update', resourceId: id })).toEqual([]);

    // Its own name in another case is not a clash.
    const recased = await admin.patch(`${BASE}/${taken.id}`, { name: taken.name.toUpperCase() });
    expect(recased.status).toBe(200);
  });

  it('validates params and body (400): empty, unknown or unpatchable fields', async () => {
    const { id } = await create();
    const secret = canary('CONTACTO');
    const cases: [string, object, string[]][] = [
      [`${BASE}/not-a-uuid`, { name: 'Válido' }, ['params.id']],
      [`${BASE}/${id}`, {}, ['body']],
      [`${BASE}/${id}`, { isLeadAgency: true }, ['body']],
      [`${BASE}/${id}`, { contact: { name: secret, fax: '123' } }, ['body.contact']],
      [`${BASE}/${id}`, { contact: { name: secret, email: 'x' } }, ['body.contact.email']],
      [`${BASE}/${id}`, { active: 'no', sector: 'police' }, ['body.active', 'body.sector']],
    ];
    for (const [path, body, expected] of cases) {
      const res = await admin.patch(path, body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'validation_failed' });
      expect(fieldPaths(res).sort()).toEqual(expected);
      expect(leaks(res.text, secret)).toBe(false);
    }
    expect(leaks(t.logs.join('\n'), secret)).toBe(false);
    expect((await admin.get(`${BASE}/${id}`)).body).toMatchObject({ isLeadAgency: false });
  });

  it('answers 404 for an unknown id', async () => {
    const res = await admin.patch(`${BASE}/${MISSING_ID}`, { active: false });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'not_found' });
  });
});

describe('GET /api/v1/institutions', () => {
  it('pages by name with an opaque cursor: every row once, then null', async () => {
    const names = ['Delta', 'alfa', 'Bravo', 'charlie', 'Eco', 'foxtrot', 'Golf'].map(
      (name) => `${name} ${unique()}`,
    );
    const created: string[] = [];
    for (const name of names) created.push((await create({ name, sector: 'migration' })).id);

    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const res = await admin.get(`${BASE}?sector=migration&limit=3${query}`);
      expect(res.status).toBe(200);
      const page = res.body as {
        items: { id: string; sector: string }[];
        nextCursor: string | null;
      };
      expect(page.items.every((item) => item.sector === 'migration')).toBe(true);
      seen.push(...page.items.map((item) => item.id));
      sizes.push(page.items.length);
      cursor = page.nextCursor;
      if (cursor) expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    } while (cursor);
    expect(sizes).toEqual([3, 3, 1]);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...created].sort());

    // A page that ends exactly at the last row says so: no empty page after it.
    const whole = await admin.get(`${BASE}?sector=migration&limit=7`);
    expect(whole.body).toMatchObject({ nextCursor: null });
    expect((whole.body as { items: unknown[] }).items).toHaveLength(7);
  });

  it('lists with the default limit and the lead agency first-class', async () => {
    const res = await admin.get(`${BASE}?sector=social_protection`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      items: [expect.objectContaining({ id: lead, isLeadAgency: true })],
      nextCursor: null,
    });
  });

  it('names the invalid query parameter (400), including a garbage or forged cursor', async () => {
    const forged = Buffer.from(JSON.stringify({ name: 1, id: 'x' })).toString('base64url');
    const cases: [string, string[]][] = [
      ['cursor=garbage!!', ['query.cursor']],
      ['cursor=bm90IGpzb24', ['query.cursor']],
      [`cursor=${forged}`, ['query.cursor']],
      ['limit=0', ['query.limit']],
      ['limit=201', ['query.limit']],
      ['limit=abc', ['query.limit']],
      ['sector=police', ['query.sector']],
      ['active=yes', ['query.active']],
      ['colour=red', ['query']],
    ];
    for (const [query, expected] of cases) {
      const res = await admin.get(`${BASE}?${query}`);
      expect(res.status).toBe(400);
      expect(fieldPaths(res)).toEqual(expected);
    }
    expect((await admin.get(`${BASE}?limit=200`)).status).toBe(200);
  });
});
