import { randomBytes } from 'node:crypto';
import { startTestApp, type TestApp } from '../helpers/app';
import { canary, leaks } from '../helpers/canary';
import { SessionClient } from '../helpers/session-client';
import {
  auditEvents,
  leadAgencyId,
  partnerInstitutionId,
  seedUser,
  signedIn,
  strongPassword,
  type SeededUser,
} from '../helpers/users';

let t: TestApp;
let admin: { user: SeededUser; client: SessionClient };
let lead: string;
let partnerInstitution: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = await signedIn(t, 'admin');
  lead = await leadAgencyId(t);
  partnerInstitution = await partnerInstitutionId(t);
});
afterAll(() => t.close());

const newUser = (over: object = {}) => ({
  email: `nuevo.${randomBytes(5).toString('hex')}@example.org`,
  displayName: 'María José Núñez',
  institutionId: lead,
  role: 'caseworker',
  ...over,
});

describe('users administration', () => {
  it('refuses every endpoint without a session (401)', async () => {
    const anonymous = new SessionClient(t.app, t.clock);
    await anonymous.refreshCsrf();
    const id = admin.user.id;
    for (const res of [
      await anonymous.get('/api/v1/users'),
      await anonymous.post('/api/v1/users', newUser()),
      await anonymous.get(`/api/v1/users/${id}`),
      await anonymous.patch(`/api/v1/users/${id}`, { displayName: 'X' }),
    ]) {
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'unauthenticated' });
    }
  });

  it('refuses other roles (403) and audits each denial', async () => {
    const { user, client } = await signedIn(t, 'supervisor');
    const res = await client.post('/api/v1/users', newUser());
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'forbidden' });
    const denials = (await auditEvents(t, { action: 'access.denied' })).filter(
      (e) => e.actor_id === user.id,
    );
    expect(denials).toEqual([
      expect.objectContaining({ outcome: 'denied', resource_id: 'POST:/api/v1/users/' }),
    ]);
  });

  it('creates a user with a one-time password that must be changed at first login', async () => {
    const input = newUser();
    const res = await admin.client.post('/api/v1/users', input);
    expect(res.status).toBe(201);
    const body = res.body as { id: string; initialPassword: string; passwordMustChange: boolean };
    expect(body).toMatchObject({
      email: input.email,
      role: 'caseworker',
      passwordMustChange: true,
    });
    expect(body.initialPassword.length).toBeGreaterThanOrEqual(16);
    expect(await auditEvents(t, { action: 'user.create', resourceId: body.id })).toHaveLength(1);
    expect(t.logs.join('\n')).not.toContain(body.initialPassword);

    const fetched = await admin.client.get(`/api/v1/users/${body.id}`);
    expect(fetched.body).not.toHaveProperty('initialPassword');

    const person = new SessionClient(t.app, t.clock);
    await person.refreshCsrf();
    const login = await person.post('/api/v1/auth/login', {
      email: input.email,
      password: body.initialPassword,
    });
    expect(login.body).toEqual({ next: 'change_password' });
  });

  it('answers 400 naming the field, without echoing values', async () => {
    const secret = canary('NOMBRE');
    const cases: [object, string][] = [
      [newUser({ email: 'no-es-correo' }), 'body.email'],
      [newUser({ role: 'root' }), 'body.role'],
      [newUser({ displayName: secret.repeat(20) }), 'body.displayName'],
      [newUser({ extra: 1 }), 'body'],
      [newUser({ role: 'partner' }), 'body.role'], // partners belong to partner institutions
      [newUser({ institutionId: partnerInstitution }), 'body.role'],
      [newUser({ institutionId: '00000000-0000-4000-8000-000000000000' }), 'body.institutionId'],
    ];
    for (const [body, path] of cases) {
      const res = await admin.client.post('/api/v1/users', body);
      expect(res.status).toBe(400);
      expect((res.body as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain(
        path,
      );
      expect(leaks(JSON.stringify(res.body), secret)).toBe(false);
    }
    expect(leaks(t.logs.join('\n'), secret)).toBe(false);
  });

  it('refuses control and bidirectional characters in a name (400 naming the field)', async () => {
    const names = ['Ana\r\n=1+1', 'Ana\tMaría', 'Ana\u0000', 'Ana\u202Eairaм', 'Ana\u2066x'];
    for (const displayName of names) {
      const res = await admin.client.post('/api/v1/users', newUser({ displayName }));
      expect([JSON.stringify(displayName), res.status]).toEqual([JSON.stringify(displayName), 400]);
      expect((res.body as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual([
        'body.displayName',
      ]);
    }
    const target = await seedUser(t, 'caseworker');
    const renamed = await admin.client.patch(`/api/v1/users/${target.id}`, {
      displayName: 'Ana\r\n=1+1',
    });
    expect(renamed.status).toBe(400);
    expect((renamed.body as { errors: { path: string }[] }).errors[0]?.path).toBe(
      'body.displayName',
    );
    // Scripts that need a zero-width joiner or non-joiner still may.
    const ok = await admin.client.post(
      '/api/v1/users',
      newUser({ displayName: 'Mehr\u200Cnaz Ḥasan' }),
    );
    expect(ok.status).toBe(201);
  });

  it('refuses a second account with the same email (409)', async () => {
    const input = newUser();
    expect((await admin.client.post('/api/v1/users', input)).status).toBe(201);
    const again = await admin.client.post('/api/v1/users', {
      ...input,
      email: input.email.toUpperCase(),
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'email_taken' });
  });

  it('creates partners in partner institutions', async () => {
    const res = await admin.client.post(
      '/api/v1/users',
      newUser({ role: 'partner', institutionId: partnerInstitution }),
    );
    expect(res.status).toBe(201);
  });

  it('lists with filters and a cursor, each user once', async () => {
    for (let i = 0; i < 3; i++)
      await admin.client.post('/api/v1/users', newUser({ role: 'coordinator' }));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `role=coordinator&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await admin.client.get(`/api/v1/users?${query}`);
      expect(res.status).toBe(200);
      const page = res.body as { items: { id: string; role: string }[]; nextCursor: string | null };
      expect(page.items.every((u) => u.role === 'coordinator')).toBe(true);
      seen.push(...page.items.map((u) => u.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(new Set(seen).size).toBe(seen.length);

    const bad = await admin.client.get('/api/v1/users?cursor=garbage');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ errors: [expect.objectContaining({ path: 'query.cursor' })] });
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect(
      (await admin.client.get('/api/v1/users/00000000-0000-4000-8000-000000000000')).status,
    ).toBe(404);
    const bad = await admin.client.get('/api/v1/users/not-a-uuid');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ errors: [expect.objectContaining({ path: 'params.id' })] });
  });
});

describe('changing users', () => {
  it('renames and audits it', async () => {
    const target = await seedUser(t, 'caseworker');
    const res = await admin.client.patch(`/api/v1/users/${target.id}`, {
      displayName: 'Otro Nombre',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ displayName: 'Otro Nombre' });
    expect(await auditEvents(t, { action: 'user.update', resourceId: target.id })).toHaveLength(1);
    const empty = await admin.client.patch(`/api/v1/users/${target.id}`, {});
    expect(empty.status).toBe(400);
  });

  it('needs a recent step-up to change a role, then ends the person’s sessions', async () => {
    const target = await signedIn(t, 'caseworker');
    t.clock.advance(6 * 60); // the admin's login check is now older than 5 minutes
    const refused = await admin.client.patch(`/api/v1/users/${target.user.id}`, {
      role: 'supervisor',
    });
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ code: 'step_up_required' });
    const denials = await auditEvents(t, { action: 'access.denied' });
    expect(denials.at(-1)).toMatchObject({ actor_id: admin.user.id, resource_type: 'step_up' });

    const stepUp = await admin.client.post('/api/v1/auth/step-up', {
      code: await admin.client.nextCode(),
    });
    expect(stepUp.status).toBe(200);
    expect((await auditEvents(t, { action: 'auth.step_up' })).at(-1)).toMatchObject({
      actor_id: admin.user.id,
      outcome: 'success',
    });
    const changed = await admin.client.patch(`/api/v1/users/${target.user.id}`, {
      role: 'supervisor',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ role: 'supervisor' });
    expect(
      await auditEvents(t, { action: 'user.role_change', resourceId: target.user.id }),
    ).toHaveLength(1);
    expect((await target.client.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('disabling a user ends their live session at its next request', async () => {
    const target = await signedIn(t, 'auditor');
    expect((await target.client.get('/api/v1/auth/me')).status).toBe(200);
    const res = await admin.client.patch(`/api/v1/users/${target.user.id}`, { active: false });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ active: false });
    expect((await target.client.get('/api/v1/auth/me')).status).toBe(401);
    expect(
      await auditEvents(t, { action: 'user.disable', resourceId: target.user.id }),
    ).toHaveLength(1);

    const again = new SessionClient(t.app, t.clock);
    await again.refreshCsrf();
    const login = await again.post('/api/v1/auth/login', {
      email: target.user.email,
      password: target.user.password,
    });
    expect(login.status).toBe(401);
  });

  it('refuses an admin disabling themself', async () => {
    const res = await admin.client.patch(`/api/v1/users/${admin.user.id}`, { active: false });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'cannot_disable_self' });
    expect(
      (await auditEvents(t, { action: 'access.denied', resourceId: admin.user.id })).at(-1),
    ).toMatchObject({ actor_id: admin.user.id, purpose: 'cannot_disable_self' });
  });

  it('refuses an admin resetting or unlocking their own credentials (a reset would end this very session)', async () => {
    await admin.client.post('/api/v1/auth/step-up', { code: await admin.client.nextCode() });
    for (const change of [
      { resetPassword: true },
      { resetPassword: true, resetSecondFactor: true },
      { resetPassword: true, unlockSecondFactor: true },
    ]) {
      const res = await admin.client.patch(`/api/v1/users/${admin.user.id}`, change);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'cannot_reset_own_credentials' });
    }
    expect(
      (await auditEvents(t, { action: 'access.denied', resourceId: admin.user.id })).at(-1),
    ).toMatchObject({ actor_id: admin.user.id, purpose: 'cannot_reset_own_credentials' });
    // Still signed in: nothing was reset.
    expect((await admin.client.get('/api/v1/auth/me')).status).toBe(200);
  });

  it('resets a password (with step-up): a new one-time password, changed at next login', async () => {
    const target = await seedUser(t, 'coordinator');
    await admin.client.post('/api/v1/auth/step-up', { code: await admin.client.nextCode() });
    const res = await admin.client.patch(`/api/v1/users/${target.id}`, { resetPassword: true });
    expect(res.status).toBe(200);
    const { initialPassword } = res.body as { initialPassword: string };
    const person = new SessionClient(t.app, t.clock);
    await person.refreshCsrf();
    const old = await person.post('/api/v1/auth/login', {
      email: target.email,
      password: target.password,
    });
    expect(old.status).toBe(401);
    const login = await person.post('/api/v1/auth/login', {
      email: target.email,
      password: initialPassword,
    });
    expect(login.body).toEqual({ next: 'change_password' });
    await person.refreshCsrf();
    const changed = await person.post('/api/v1/auth/password', {
      currentPassword: initialPassword,
      newPassword: strongPassword(),
    });
    expect(changed.body).toEqual({ next: 'enroll_totp' });
  });
});

describe('teams', () => {
  it('lets admins create and list teams, and put case roles in them', async () => {
    const created = await admin.client.post('/api/v1/teams', { name: 'Equipo Centro' });
    expect(created.status).toBe(201);
    const team = created.body as { id: string; name: string };
    expect(await auditEvents(t, { action: 'team.create', resourceId: team.id })).toHaveLength(1);
    const clash = await admin.client.post('/api/v1/teams', { name: 'EQUIPO CENTRO' });
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ code: 'team_name_taken' });
    const list = await admin.client.get('/api/v1/teams');
    expect((list.body as { items: { id: string }[] }).items.map((i) => i.id)).toContain(team.id);

    const { client: supervisor } = await signedIn(t, 'supervisor');
    expect((await supervisor.get('/api/v1/teams')).status).toBe(403);

    const user = await admin.client.post(
      '/api/v1/users',
      newUser({ teamId: team.id, teamAccess: true }),
    );
    expect(user.status).toBe(201);
    expect(user.body).toMatchObject({ teamId: team.id, teamAccess: true });
    const auditor = await admin.client.post(
      '/api/v1/users',
      newUser({ role: 'auditor', teamId: team.id }),
    );
    expect(auditor.status).toBe(400);
    expect(auditor.body).toMatchObject({
      errors: [expect.objectContaining({ path: 'body.teamId' })],
    });
    const unknown = await admin.client.post(
      '/api/v1/users',
      newUser({ teamId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(unknown.body).toMatchObject({
      errors: [expect.objectContaining({ code: 'unknown_team' })],
    });
  });

  it('moving a caseworker to another team ends their sessions and is audited', async () => {
    const team = (await admin.client.post('/api/v1/teams', { name: 'Equipo Móvil' })).body as {
      id: string;
    };
    const target = await signedIn(t, 'caseworker');
    const res = await admin.client.patch(`/api/v1/users/${target.user.id}`, { teamId: team.id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ teamId: team.id });
    expect(
      await auditEvents(t, { action: 'user.team_change', resourceId: target.user.id }),
    ).toHaveLength(1);
    expect((await target.client.get('/api/v1/auth/me')).status).toBe(401);
  });
});

describe('step-up guards every change that grants access', () => {
  /** The admin's last second factor is older than the window. */
  const staleStepUp = () => t.clock.advance(6 * 60);

  it('creating an account (any role, an admin too) needs a recent second factor', async () => {
    for (const role of ['admin', 'caseworker', 'auditor']) {
      staleStepUp();
      const input = newUser({ role });
      const refused = await admin.client.post('/api/v1/users', input);
      expect(refused.status).toBe(401);
      expect(refused.body).toMatchObject({ code: 'step_up_required' });
      expect(JSON.stringify(refused.body)).not.toContain('initialPassword');
      const denial = (await auditEvents(t, { action: 'access.denied' })).at(-1);
      expect(denial).toMatchObject({
        actor_id: admin.user.id,
        resource_type: 'step_up',
        resource_id: 'POST:/api/v1/users/',
      });
      const list = await admin.client.get(`/api/v1/users?role=${role}&limit=200`);
      const emails = (list.body as { items: { email: string }[] }).items.map((u) => u.email);
      expect(emails).not.toContain(input.email);
    }
  });

  it('asks for it on team, team access, institution, re-enabling and unlocking; not on a name or disabling', async () => {
    const team = (await admin.client.post('/api/v1/teams', { name: 'Equipo Paso' })).body as {
      id: string;
    };
    const target = await seedUser(t, 'caseworker');
    const partner = await seedUser(t, 'partner', { institutionId: partnerInstitution });
    const other = await partnerInstitutionId(t, 'Fiscalía Paso', 'justice');
    const guarded: [string, object][] = [
      [target.id, { teamId: team.id }],
      [target.id, { teamAccess: true }],
      [partner.id, { institutionId: other }],
      [target.id, { unlockSecondFactor: true, resetPassword: true }],
      [target.id, { resetSecondFactor: true, resetPassword: true }],
    ];
    for (const [id, change] of guarded) {
      staleStepUp();
      const res = await admin.client.patch(`/api/v1/users/${id}`, change);
      expect([JSON.stringify(change), res.status]).toEqual([JSON.stringify(change), 401]);
      expect(res.body).toMatchObject({ code: 'step_up_required' });
    }
    const unchanged = await admin.client.get(`/api/v1/users/${target.id}`);
    expect(unchanged.body).toMatchObject({ teamId: null, teamAccess: false });

    staleStepUp();
    expect(
      (await admin.client.patch(`/api/v1/users/${target.id}`, { displayName: 'Sin paso' })).status,
    ).toBe(200);
    expect((await admin.client.patch(`/api/v1/users/${target.id}`, { active: false })).status).toBe(
      200,
    );
    const enable = await admin.client.patch(`/api/v1/users/${target.id}`, { active: true });
    expect(enable.status).toBe(401);
    expect(enable.body).toMatchObject({ code: 'step_up_required' });
    expect((await admin.client.get(`/api/v1/users/${target.id}`)).body).toMatchObject({
      active: false,
    });

    await admin.client.post('/api/v1/auth/step-up', { code: await admin.client.nextCode() });
    const enabled = await admin.client.patch(`/api/v1/users/${target.id}`, { active: true });
    expect(enabled.status).toBe(200);
    expect(await auditEvents(t, { action: 'user.enable', resourceId: target.id })).toHaveLength(1);
  });

  it('asks for it to change an institution’s sector (sector-wide consents cover it then)', async () => {
    const clinic = await partnerInstitutionId(t, 'Clínica Sector', 'health');
    staleStepUp();
    const url = `/api/v1/institutions/${clinic}`;
    const refused = await admin.client.patch(url, { sector: 'justice' });
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ code: 'step_up_required' });
    expect((await admin.client.get(url)).body).toMatchObject({ sector: 'health' });
    expect((await admin.client.patch(url, { contact: { name: 'Mesa' } })).status).toBe(200);
    await admin.client.post('/api/v1/auth/step-up', { code: await admin.client.nextCode() });
    expect((await admin.client.patch(url, { sector: 'justice' })).body).toMatchObject({
      sector: 'justice',
    });
  });

  it('asks for it to enable an institution again, not to disable it', async () => {
    const institution = await partnerInstitutionId(t, 'Refugio Paso', 'shelter');
    staleStepUp();
    const url = `/api/v1/institutions/${institution}`;
    expect((await admin.client.patch(url, { active: false })).status).toBe(200);
    const refused = await admin.client.patch(url, { active: true });
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ code: 'step_up_required' });
    expect((await admin.client.get(url)).body).toMatchObject({ disabledAt: expect.any(String) });
    await admin.client.post('/api/v1/auth/step-up', { code: await admin.client.nextCode() });
    expect((await admin.client.patch(url, { active: true })).body).toMatchObject({
      disabledAt: null,
    });
  });
});

describe('the users list cursor', () => {
  it('names the last row by id only: no email travels in the URL', async () => {
    const res = await admin.client.get('/api/v1/users?limit=1');
    const { items, nextCursor } = res.body as {
      items: { id: string; email: string }[];
      nextCursor: string;
    };
    const decoded = Buffer.from(nextCursor, 'base64url').toString('utf8');
    expect(decoded).not.toContain('@');
    expect(decoded).not.toContain(items[0]!.email);
    expect(JSON.parse(decoded)).toEqual({ id: items[0]!.id });
    const next = await admin.client.get(`/api/v1/users?limit=1&cursor=${nextCursor}`);
    expect((next.body as { items: { email: string }[] }).items[0]!.email > items[0]!.email).toBe(
      true,
    );
    const forged = Buffer.from(JSON.stringify({ email: 'a@b.c', id: items[0]!.id })).toString(
      'base64url',
    );
    expect((await admin.client.get(`/api/v1/users?cursor=${forged}`)).status).toBe(400);
  });
});

describe('finding users by email (POST /users/search: the term never in a URL)', () => {
  const search = (body: object, client = admin.client) => client.post('/api/v1/users/search', body);

  it('refuses without a session (401) and other roles (403, audited)', async () => {
    const anonymous = new SessionClient(t.app, t.clock);
    await anonymous.refreshCsrf();
    const refused = await search({ emailContains: 'a' }, anonymous);
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ code: 'unauthenticated' });

    const { user, client } = await signedIn(t, 'caseworker');
    const res = await search({ emailContains: 'a' }, client);
    expect(res.status).toBe(403);
    const denials = (await auditEvents(t, { action: 'access.denied' })).filter(
      (e) => e.actor_id === user.id,
    );
    expect(denials).toEqual([
      expect.objectContaining({ outcome: 'denied', resource_id: 'POST:/api/v1/users/search' }),
    ]);
  });

  it('answers 400 naming the field, without echoing the term', async () => {
    const empty = await search({ emailContains: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({
      errors: [expect.objectContaining({ path: 'body.emailContains' })],
    });
    const term = `${canary('CORREO')}@x`.repeat(30);
    const long = await search({ emailContains: term });
    expect(long.status).toBe(400);
    expect(JSON.stringify(long.body)).not.toContain(term.slice(0, 20));
    // A NUL byte would make PostgreSQL's strpos fail: refused as bad input, not a 500.
    const nul = await search({ emailContains: 'a\u0000b' });
    expect(nul.status).toBe(400);
    expect(nul.body).toMatchObject({
      errors: [expect.objectContaining({ path: 'body.emailContains' })],
    });
    const unknown = await search({ emailContains: 'a', email: 'a' });
    expect(unknown.status).toBe(400);
    const cursor = await search({ emailContains: 'a', cursor: 'garbage' });
    expect(cursor.body).toMatchObject({
      errors: [expect.objectContaining({ path: 'body.cursor' })],
    });
  });

  it('finds by part of the email, any case, with the list’s filters and cursor; reads are not audited', async () => {
    const tag = randomBytes(4).toString('hex');
    const ids: string[] = [];
    for (const name of ['ana', 'beto', 'carla']) {
      const res = await admin.client.post(
        '/api/v1/users',
        newUser({ email: `${name}.${tag}@example.org`, role: 'coordinator' }),
      );
      ids.push((res.body as { id: string }).id);
    }
    await admin.client.post('/api/v1/users', newUser({ email: `dora.${tag}@example.org` }));
    // % and _ are plain characters, not patterns.
    expect(((await search({ emailContains: '%' })).body as { items: unknown[] }).items).toEqual([]);
    const before = (await auditEvents(t)).length;

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await search({
        emailContains: ` ${tag.toUpperCase()} `,
        role: 'coordinator',
        active: true,
        limit: 2,
        ...(cursor ? { cursor } : {}),
      });
      expect(res.status).toBe(200);
      const page = res.body as {
        items: { id: string; email: string }[];
        nextCursor: string | null;
      };
      expect(page.items.every((u) => u.email.includes(tag))).toBe(true);
      seen.push(...page.items.map((u) => u.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids);
    expect((await auditEvents(t)).length).toBe(before);
    expect(t.logs.join('\n')).not.toContain(tag);
  });
});
