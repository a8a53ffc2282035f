import { randomUUID } from 'node:crypto';
import { ACTOR_ROLES, type ActorRole } from '../../server/db/actor-transaction';
import { startTestApp, type TestApp } from '../helpers/app';
import { SessionClient } from '../helpers/session-client';
import {
  addEntry,
  createProgram,
  createProject,
  createTarget,
  PLAN,
  programBody,
  projectBody,
} from '../helpers/targets';
import { auditEvents, signedIn } from '../helpers/users';

/**
 * The plan (programs and projects) that budget and targets hang off: 401 /
 * 403 / 400 / happy paths / audit / 409, per endpoint.
 */
type Signed = Awaited<ReturnType<typeof signedIn>>;
type Program = {
  id: string;
  code: string;
  name: string;
  planObjective: string | null;
  version: number;
  createdBy: string;
  projects: Project[];
};
type Project = {
  id: string;
  programId: string;
  code: string;
  name: string;
  executingUnits: string[];
  version: number;
};

let t: TestApp;
let coordinator: Signed;
let other: Signed;
const others = new Map<ActorRole, Signed>();

beforeAll(async () => {
  t = await startTestApp();
  coordinator = await signedIn(t, 'coordinator');
  other = await signedIn(t, 'coordinator');
  for (const role of ACTOR_ROLES.filter((r) => r !== 'coordinator')) {
    others.set(role, await signedIn(t, role));
  }
}, 120_000);
afterAll(() => t.close());

const expectFieldError = (
  res: { status: number; body: unknown },
  path: string,
  code?: string,
  status = 400,
) => {
  expect([path, res.status]).toEqual([path, status]);
  expect(res.body).toMatchObject({
    errors: expect.arrayContaining([
      expect.objectContaining(code === undefined ? { path } : { path, code }),
    ]),
  });
};

describe('the plan endpoints', () => {
  it('answer 401 without a session', async () => {
    const anonymous = new SessionClient(t.app, t.clock);
    await anonymous.refreshCsrf();
    const id = randomUUID();
    const responses = [
      await anonymous.get(`${PLAN}/programs`),
      await anonymous.post(`${PLAN}/programs`, programBody()),
      await anonymous.get(`${PLAN}/programs/${id}`),
      await anonymous.patch(`${PLAN}/programs/${id}`, { version: 1, name: 'X' }),
      await anonymous.send('delete', `${PLAN}/programs/${id}`),
      await anonymous.get(`${PLAN}/projects`),
      await anonymous.post(`${PLAN}/projects`, projectBody(id)),
      await anonymous.get(`${PLAN}/projects/${id}`),
      await anonymous.patch(`${PLAN}/projects/${id}`, { version: 1, name: 'X' }),
      await anonymous.send('delete', `${PLAN}/projects/${id}`),
    ];
    for (const res of responses) {
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'unauthenticated' });
    }
  });

  it('are the coordinator’s only: 403 for every other role, each denial audited', async () => {
    const program = await createProgram(coordinator.client);
    const project = await createProject(coordinator.client, program.id);
    for (const [role, { client, user }] of others) {
      const responses = [
        await client.get(`${PLAN}/programs`),
        await client.post(`${PLAN}/programs`, programBody()),
        await client.get(`${PLAN}/programs/${program.id}`),
        await client.patch(`${PLAN}/programs/${program.id}`, { version: 1, name: 'X' }),
        await client.send('delete', `${PLAN}/programs/${program.id}`),
        await client.get(`${PLAN}/projects`),
        await client.post(`${PLAN}/projects`, projectBody(program.id)),
        await client.get(`${PLAN}/projects/${project.id}`),
        await client.patch(`${PLAN}/projects/${project.id}`, { version: 1, name: 'X' }),
        await client.send('delete', `${PLAN}/projects/${project.id}`),
      ];
      for (const res of responses) {
        expect([role, res.status]).toEqual([role, 403]);
        expect(res.body).toMatchObject({ code: 'forbidden' });
      }
      const denials = (await auditEvents(t, { action: 'access.denied' })).filter(
        (e) => e.actor_id === user.id,
      );
      expect([role, denials.length]).toEqual([role, responses.length]);
      expect(denials.map((e) => e.resource_id)).toContain('DELETE:/api/v1/plan/programs/:id');
    }
    // Nothing changed.
    const read = await coordinator.client.get(`${PLAN}/programs/${program.id}`);
    expect(read.body).toMatchObject({ version: 1, projects: [{ id: project.id, version: 1 }] });
  });

  it('refuse bad input naming the field', async () => {
    const post = (body: object) => coordinator.client.post(`${PLAN}/programs`, body);
    expectFieldError(await post({ ...programBody(), code: 'no spaces' }), 'body.code');
    expectFieldError(await post({ ...programBody(), code: '' }), 'body.code');
    expectFieldError(await post({ ...programBody(), name: '' }), 'body.name');
    expectFieldError(await post({ ...programBody(), name: 'a\u200bb' }), 'body.name');
    expectFieldError(await post({ ...programBody(), extra: 1 }), 'body');
    expectFieldError(
      await post(programBody({ planObjective: 'Llamar al 0991234567' })),
      'body.planObjective',
      'looks_personal',
    );
    expectFieldError(
      await coordinator.client.post(`${PLAN}/projects`, projectBody(randomUUID())),
      'body.programId',
      'program_not_found',
    );
    const program = await createProgram(coordinator.client);
    const project = (body: object) => coordinator.client.post(`${PLAN}/projects`, body);
    expectFieldError(
      await project(projectBody(program.id, { executingUnits: [] })),
      'body.executingUnits',
    );
    expectFieldError(
      await project(projectBody(program.id, { executingUnits: ['A', 'A'] })),
      'body.executingUnits.1',
    );
    expectFieldError(
      await project(projectBody(program.id, { executingUnits: ['ana@example.org'] })),
      'body.executingUnits.0',
      'looks_personal',
    );
    expectFieldError(
      await project({ ...projectBody(program.id), programId: 'x' }),
      'body.programId',
    );
    expectFieldError(
      await coordinator.client.patch(`${PLAN}/programs/${program.id}`, { version: 1 }),
      'body',
    );
    expectFieldError(await coordinator.client.get(`${PLAN}/programs/nope`), 'params.id');
    expectFieldError(
      await coordinator.client.get(`${PLAN}/projects?programId=x`),
      'query.programId',
    );
  });
});

describe('the plan endpoints, by record', () => {
  it('answer 404 for an unknown id and for the id of another kind of record', async () => {
    const program = await createProgram(coordinator.client);
    const project = await createProject(coordinator.client, program.id);
    const target = await createTarget(coordinator.client, project.id);
    const notFound = async (label: string, res: Promise<{ status: number; body: unknown }>) => {
      const answer = await res;
      expect([label, answer.status]).toEqual([label, 404]);
      expect(answer.body).toMatchObject({ code: 'not_found' });
    };
    const c = coordinator.client;
    // A program's endpoints: an unknown id, a project's id, a target's id.
    for (const id of [randomUUID(), project.id, target.id]) {
      await notFound(`GET program ${id}`, c.get(`${PLAN}/programs/${id}`));
      await notFound(
        `PATCH program ${id}`,
        c.patch(`${PLAN}/programs/${id}`, { version: 1, name: 'X' }),
      );
      await notFound(`DELETE program ${id}`, c.send('delete', `${PLAN}/programs/${id}`));
    }
    // A project's endpoints: an unknown id, a program's id, a target's id.
    for (const id of [randomUUID(), program.id, target.id]) {
      await notFound(`GET project ${id}`, c.get(`${PLAN}/projects/${id}`));
      await notFound(
        `PATCH project ${id}`,
        c.patch(`${PLAN}/projects/${id}`, { version: 1, name: 'X' }),
      );
      await notFound(`DELETE project ${id}`, c.send('delete', `${PLAN}/projects/${id}`));
    }
    // A project's program named by a project's id: the field named, not a 404.
    expectFieldError(
      await c.post(`${PLAN}/projects`, projectBody(project.id)),
      'body.programId',
      'program_not_found',
    );
    // Nothing was changed by any of them.
    const read = await c.get(`${PLAN}/programs/${program.id}`);
    expect(read.body).toMatchObject({ version: 1, projects: [{ id: project.id, version: 1 }] });
    expect(await auditEvents(t, { resourceId: program.id })).toHaveLength(1);
  });

  it('refuse wrong types, empty strings, unknown keys and bad ids, naming the field', async () => {
    const program = await createProgram(coordinator.client);
    const project = await createProject(coordinator.client, program.id);
    const c = coordinator.client;
    const newProgram = (over: Record<string, unknown>) =>
      c.post(`${PLAN}/programs`, programBody(over));
    expectFieldError(await newProgram({ code: 12 }), 'body.code', 'invalid_type');
    expectFieldError(await newProgram({ name: null }), 'body.name', 'invalid_type');
    expectFieldError(await newProgram({ name: '   ' }), 'body.name');
    expectFieldError(await newProgram({ planObjective: 5 }), 'body.planObjective', 'invalid_type');
    expectFieldError(await newProgram({ planObjective: '' }), 'body.planObjective');
    expectFieldError(await newProgram({ projects: [] }), 'body', 'unrecognized_keys');

    const programChange = (body: object) => c.patch(`${PLAN}/programs/${program.id}`, body);
    expectFieldError(await programChange({ name: 'X' }), 'body.version', 'invalid_type');
    expectFieldError(await programChange({ version: '1', name: 'X' }), 'body.version');
    expectFieldError(await programChange({ version: 0, name: 'X' }), 'body.version');
    expectFieldError(await programChange({ version: 1.5, name: 'X' }), 'body.version');
    expectFieldError(await programChange({ version: 1, code: '' }), 'body.code');
    expectFieldError(await programChange({ version: 1, name: 7 }), 'body.name', 'invalid_type');
    expectFieldError(
      await programChange({ version: 1, createdBy: randomUUID() }),
      'body',
      'unrecognized_keys',
    );
    expectFieldError(await c.patch(`${PLAN}/programs/x`, { version: 1, name: 'X' }), 'params.id');
    expectFieldError(await c.send('delete', `${PLAN}/programs/1`), 'params.id');

    const newProject = (over: Record<string, unknown>) =>
      c.post(`${PLAN}/projects`, projectBody(program.id, over));
    expectFieldError(await newProject({ programId: undefined }), 'body.programId', 'invalid_type');
    expectFieldError(await newProject({ code: '' }), 'body.code');
    expectFieldError(await newProject({ name: '' }), 'body.name');
    expectFieldError(await newProject({ executingUnits: 'Dirección' }), 'body.executingUnits');
    expectFieldError(await newProject({ executingUnits: [''] }), 'body.executingUnits.0');
    expectFieldError(await newProject({ budget: '1.00' }), 'body', 'unrecognized_keys');

    const projectChange = (body: object) => c.patch(`${PLAN}/projects/${project.id}`, body);
    expectFieldError(await projectChange({ version: 1 }), 'body');
    expectFieldError(await projectChange({ version: 1, name: '' }), 'body.name');
    expectFieldError(
      await projectChange({ version: 1, executingUnits: [] }),
      'body.executingUnits',
    );
    expectFieldError(
      await projectChange({ version: 1, programId: randomUUID() }),
      'body',
      'unrecognized_keys',
    );
    expectFieldError(await c.get(`${PLAN}/projects/nope`), 'params.id');
    expectFieldError(
      await c.patch(`${PLAN}/projects/nope`, { version: 1, name: 'X' }),
      'params.id',
    );
    expectFieldError(await c.send('delete', `${PLAN}/projects/nope`), 'params.id');
    expectFieldError(await c.get(`${PLAN}/projects?other=1`), 'query', 'unrecognized_keys');
    // Nothing was changed by any of them.
    const read = await c.get(`${PLAN}/programs/${program.id}`);
    expect(read.body).toMatchObject({ version: 1, projects: [{ id: project.id, version: 1 }] });
  });
});

describe('programs and projects', () => {
  it('are created, read, listed and changed by version; every change audited once', async () => {
    const created = await coordinator.client.post(
      `${PLAN}/programs`,
      programBody({ code: 'P-10' }),
    );
    expect(created.status).toBe(201);
    const program = created.body as Program;
    expect(program).toMatchObject({
      code: 'P-10',
      name: programBody().name,
      planObjective: programBody().planObjective,
      createdBy: coordinator.user.id,
      version: 1,
      projects: [],
    });
    const second = await createProject(coordinator.client, program.id, { code: '10' });
    const first = await createProject(coordinator.client, program.id, { code: '2' });
    expect(await auditEvents(t, { resourceId: program.id })).toEqual([
      expect.objectContaining({
        action: 'plan.program.create',
        outcome: 'success',
        resource_type: 'plan_program',
        actor_id: coordinator.user.id,
      }),
    ]);
    expect(await auditEvents(t, { resourceId: first.id })).toEqual([
      expect.objectContaining({ action: 'plan.project.create', resource_type: 'plan_project' }),
    ]);
    // Codes in their natural order: "2" before "10".
    const read = await coordinator.client.get(`${PLAN}/programs/${program.id}`);
    expect((read.body as Program).projects.map((p) => p.id)).toEqual([first.id, second.id]);
    const listed = await coordinator.client.get(`${PLAN}/projects?programId=${program.id}`);
    expect((listed.body as { items: Project[] }).items.map((p) => p.id)).toEqual([
      first.id,
      second.id,
    ]);
    const all = await coordinator.client.get(`${PLAN}/programs`);
    expect((all.body as { items: Program[] }).items.map((p) => p.id)).toContain(program.id);

    // Any coordinator may change it, from the version read.
    const changed = await other.client.patch(`${PLAN}/programs/${program.id}`, {
      version: 1,
      name: 'Programa renombrado',
      planObjective: null,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      name: 'Programa renombrado',
      planObjective: null,
      code: 'P-10',
      version: 2,
      createdBy: coordinator.user.id,
    });
    const stale = await coordinator.client.patch(`${PLAN}/programs/${program.id}`, {
      version: 1,
      name: 'Tarde',
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'stale_version' });

    const project = await coordinator.client.patch(`${PLAN}/projects/${first.id}`, {
      version: 1,
      executingUnits: ['Dirección de Inclusión Social', 'Dirección de Salud'],
    });
    expect(project.status).toBe(200);
    expect(project.body).toMatchObject({
      code: '2',
      programId: program.id,
      version: 2,
      executingUnits: ['Dirección de Inclusión Social', 'Dirección de Salud'],
    });
    expect((await auditEvents(t, { resourceId: program.id })).map((e) => e.action)).toEqual([
      'plan.program.create',
      'plan.program.update',
    ]);
    expect((await auditEvents(t, { resourceId: first.id })).map((e) => e.action)).toEqual([
      'plan.project.create',
      'plan.project.update',
    ]);
  });

  it('keep codes unique: among programs, and among a program’s projects (409 code_taken)', async () => {
    const program = await createProgram(coordinator.client, { code: 'UNICO-1' });
    const again = await coordinator.client.post(
      `${PLAN}/programs`,
      programBody({ code: 'UNICO-1' }),
    );
    expectFieldError(again, 'body.code', 'code_taken', 409);
    const second = await createProgram(coordinator.client);
    const renamed = await coordinator.client.patch(`${PLAN}/programs/${second.id}`, {
      version: 1,
      code: 'UNICO-1',
    });
    expectFieldError(renamed, 'body.code', 'code_taken', 409);
    await createProject(coordinator.client, program.id, { code: 'A' });
    const twice = await coordinator.client.post(
      `${PLAN}/projects`,
      projectBody(program.id, { code: 'A' }),
    );
    expectFieldError(twice, 'body.code', 'code_taken', 409);
    // Another program may use the same project code.
    await createProject(coordinator.client, second.id, { code: 'A' });
    // Two at once: one wins, the other is 409.
    const [a, b] = await Promise.all([
      coordinator.client.post(`${PLAN}/programs`, programBody({ code: 'CARRERA' })),
      other.client.post(`${PLAN}/programs`, programBody({ code: 'CARRERA' })),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const winner = (a.status === 201 ? a : b).body as Program;
    expect((await auditEvents(t, { resourceId: winner.id })).map((e) => e.action)).toEqual([
      'plan.program.create',
    ]);
  });

  it('are deleted when made in error, only while nothing hangs off them', async () => {
    const program = await createProgram(coordinator.client);
    const project = await createProject(coordinator.client, program.id);
    const busy = await coordinator.client.send('delete', `${PLAN}/programs/${program.id}`);
    expect(busy.status).toBe(409);
    expect(busy.body).toMatchObject({ code: 'in_use' });

    const withTarget = await createProject(coordinator.client, program.id);
    await createTarget(coordinator.client, withTarget.id);
    const withBudget = await createProject(coordinator.client, program.id);
    await addEntry(coordinator.client, withBudget.id);
    for (const used of [withTarget, withBudget]) {
      const res = await coordinator.client.send('delete', `${PLAN}/projects/${used.id}`);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'in_use' });
    }
    const gone = await coordinator.client.send('delete', `${PLAN}/projects/${project.id}`);
    expect(gone.status).toBe(204);
    expect((await coordinator.client.get(`${PLAN}/projects/${project.id}`)).status).toBe(404);
    expect((await auditEvents(t, { resourceId: project.id })).map((e) => e.action)).toEqual([
      'plan.project.create',
      'plan.project.delete',
    ]);

    const empty = await createProgram(coordinator.client);
    expect((await coordinator.client.send('delete', `${PLAN}/programs/${empty.id}`)).status).toBe(
      204,
    );
    expect((await auditEvents(t, { resourceId: empty.id })).map((e) => e.action)).toEqual([
      'plan.program.create',
      'plan.program.delete',
    ]);
    const missing = await coordinator.client.send('delete', `${PLAN}/programs/${empty.id}`);
    expect(missing.status).toBe(404);
    expect((await coordinator.client.get(`${PLAN}/programs/${randomUUID()}`)).status).toBe(404);
    expect(
      (
        await coordinator.client.patch(`${PLAN}/projects/${randomUUID()}`, {
          version: 1,
          name: 'X',
        })
      ).status,
    ).toBe(404);
  });
});
