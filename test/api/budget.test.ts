import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import {
  ACTOR_ROLES,
  inActorTransaction,
  SYSTEM_ACTOR,
  type ActorRole,
} from '../../server/db/actor-transaction';
import { startTestApp, type TestApp } from '../helpers/app';
import { SessionClient } from '../helpers/session-client';
import {
  addEntry,
  BUDGET,
  createPlan,
  createProgram,
  createProject,
  entryBody,
} from '../helpers/targets';
import { auditEvents, signedIn } from '../helpers/users';

/**
 * Budget per project: dated entries (coded after each reform, accrued adding
 * up), voids, % execution, the yearly summary; exact money throughout.
 */
type Signed = Awaited<ReturnType<typeof signedIn>>;
type Execution = { coded: string; accrued: string; executionPercent: string | null };
type Entry = {
  id: string;
  kind: string;
  date: string;
  amount: string;
  note: string | null;
  recordedBy: string;
  recordedAt: string;
  voided: { by: string; at: string; reason: string } | null;
};
type ProjectBudget = {
  projectId: string;
  year: number;
  execution: Execution;
  overAccrued: boolean;
  quarters: (Execution & { quarter: number; accruedToDate: string })[];
  entries: Entry[];
};

let t: TestApp;
let coordinator: Signed;
const others = new Map<ActorRole, Signed>();

beforeAll(async () => {
  t = await startTestApp();
  coordinator = await signedIn(t, 'coordinator');
  for (const role of ACTOR_ROLES.filter((r) => r !== 'coordinator')) {
    others.set(role, await signedIn(t, role));
  }
}, 120_000);
afterAll(() => t.close());

const expectFieldError = (res: { status: number; body: unknown }, path: string, code?: string) => {
  expect([path, res.status]).toEqual([path, 400]);
  expect(res.body).toMatchObject({
    errors: expect.arrayContaining([
      expect.objectContaining(code === undefined ? { path } : { path, code }),
    ]),
  });
};

const budgetOf = async (projectId: string, year = 2025) => {
  const res = await coordinator.client.get(`${BUDGET}/projects/${projectId}?year=${year}`);
  expect(res.status).toBe(200);
  return res.body as ProjectBudget;
};

describe('the budget endpoints', () => {
  it('answer 401 without a session', async () => {
    const anonymous = new SessionClient(t.app, t.clock);
    await anonymous.refreshCsrf();
    const id = randomUUID();
    for (const res of [
      await anonymous.get(`${BUDGET}/execution?year=2025`),
      await anonymous.get(`${BUDGET}/projects/${id}?year=2025`),
      await anonymous.post(`${BUDGET}/projects/${id}/entries`, entryBody()),
      await anonymous.post(`${BUDGET}/entries/${id}/void`, { reason: 'recorded_in_error' }),
    ]) {
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'unauthenticated' });
    }
  });

  it('are the coordinator’s only: 403 for every other role, each denial audited', async () => {
    const { projectId } = await createPlan(coordinator.client);
    const { entries } = await addEntry(coordinator.client, projectId);
    const entryId = entries[0]!.id;
    for (const [role, { client, user }] of others) {
      const responses = [
        await client.get(`${BUDGET}/execution?year=2025`),
        await client.get(`${BUDGET}/projects/${projectId}?year=2025`),
        await client.post(`${BUDGET}/projects/${projectId}/entries`, entryBody()),
        await client.post(`${BUDGET}/entries/${entryId}/void`, { reason: 'recorded_in_error' }),
      ];
      for (const res of responses) {
        expect([role, res.status]).toEqual([role, 403]);
      }
      const denials = (await auditEvents(t, { action: 'access.denied' })).filter(
        (e) => e.actor_id === user.id,
      );
      expect([role, denials.length]).toEqual([role, responses.length]);
    }
    const budget = await budgetOf(projectId);
    expect(budget.entries).toHaveLength(1);
    expect(budget.entries[0]!.voided).toBeNull();
  });

  it('refuse bad input naming the field', async () => {
    const { projectId } = await createPlan(coordinator.client);
    const post = (over: Record<string, unknown>) =>
      coordinator.client.post(`${BUDGET}/projects/${projectId}/entries`, entryBody(over));
    expectFieldError(await post({ amount: 5500 }), 'body.amount');
    expectFieldError(await post({ amount: '5500.001' }), 'body.amount');
    expectFieldError(await post({ amount: '-1.00' }), 'body.amount');
    expectFieldError(await post({ amount: '1e3' }), 'body.amount');
    expectFieldError(await post({ amount: '1234567890123' }), 'body.amount');
    expectFieldError(await post({ kind: 'devengado', amount: '0.00' }), 'body.amount', 'too_small');
    expectFieldError(await post({ kind: 'comprometido' }), 'body.kind');
    expectFieldError(await post({ date: '2025-02-30' }), 'body.date');
    expectFieldError(await post({ date: '2099-01-01' }), 'body.date', 'in_the_future');
    expectFieldError(await post({ note: 'Ver a juan@example.org' }), 'body.note', 'looks_personal');
    expectFieldError(await post({ extra: true }), 'body');
    expectFieldError(await coordinator.client.get(`${BUDGET}/projects/${projectId}`), 'query.year');
    expectFieldError(await coordinator.client.get(`${BUDGET}/execution?year=1999`), 'query.year');
    expectFieldError(
      await coordinator.client.get(`${BUDGET}/execution?year=2025&quarter=5`),
      'query.quarter',
    );
    expectFieldError(
      await coordinator.client.post(`${BUDGET}/entries/${randomUUID()}/void`, { reason: 'oops' }),
      'body.reason',
    );
    expect(
      (await coordinator.client.post(`${BUDGET}/projects/${randomUUID()}/entries`, entryBody()))
        .status,
    ).toBe(404);
    expect(
      (
        await coordinator.client.post(`${BUDGET}/entries/${randomUUID()}/void`, {
          reason: 'recorded_in_error',
        })
      ).status,
    ).toBe(404);
    expect((await budgetOf(projectId)).entries).toEqual([]);
  });
});

describe('the budget endpoints, by record', () => {
  it('answer 404 for an unknown id and for the id of another kind of record', async () => {
    const { programId, projectId } = await createPlan(coordinator.client);
    const { entries } = await addEntry(coordinator.client, projectId);
    const entryId = entries[0]!.id;
    const notFound = async (label: string, res: Promise<{ status: number; body: unknown }>) => {
      const answer = await res;
      expect([label, answer.status]).toEqual([label, 404]);
      expect(answer.body).toMatchObject({ code: 'not_found' });
    };
    const c = coordinator.client;
    for (const id of [randomUUID(), programId, entryId]) {
      await notFound(`GET project ${id}`, c.get(`${BUDGET}/projects/${id}?year=2025`));
      await notFound(`POST entry ${id}`, c.post(`${BUDGET}/projects/${id}/entries`, entryBody()));
    }
    for (const id of [randomUUID(), programId, projectId]) {
      await notFound(
        `void ${id}`,
        c.post(`${BUDGET}/entries/${id}/void`, { reason: 'recorded_in_error' }),
      );
    }
    const budget = await budgetOf(projectId);
    expect(budget.entries.map((e) => [e.id, e.voided])).toEqual([[entryId, null]]);
  });

  it('refuse wrong types, bad amounts and dates, unknown codes and keys, naming the field', async () => {
    const { projectId } = await createPlan(coordinator.client);
    const c = coordinator.client;
    const post = (over: Record<string, unknown>) =>
      c.post(`${BUDGET}/projects/${projectId}/entries`, entryBody(over));
    expectFieldError(await post({ amount: '' }), 'body.amount');
    expectFieldError(await post({ amount: null }), 'body.amount', 'invalid_type');
    expectFieldError(await post({ amount: '-0.01' }), 'body.amount');
    expectFieldError(await post({ amount: '0.125' }), 'body.amount');
    expectFieldError(await post({ amount: '.50' }), 'body.amount');
    expectFieldError(await post({ amount: '1,50' }), 'body.amount');
    expectFieldError(await post({ amount: ' 5.00' }), 'body.amount');
    expectFieldError(await post({ amount: undefined }), 'body.amount', 'invalid_type');
    expectFieldError(await post({ kind: '' }), 'body.kind');
    expectFieldError(await post({ kind: 1 }), 'body.kind');
    expectFieldError(await post({ kind: 'CODIFICADO' }), 'body.kind');
    expectFieldError(await post({ date: '' }), 'body.date');
    expectFieldError(await post({ date: 20250102 }), 'body.date', 'invalid_type');
    expectFieldError(await post({ date: '2025-1-2' }), 'body.date');
    expectFieldError(await post({ date: '02/01/2025' }), 'body.date');
    expectFieldError(await post({ date: '2025-01-02T10:00:00Z' }), 'body.date');
    expectFieldError(await post({ date: '1999-12-31' }), 'body.date');
    expectFieldError(await post({ note: '' }), 'body.note');
    expectFieldError(await post({ note: 5 }), 'body.note', 'invalid_type');
    expectFieldError(await post({ projectId }), 'body', 'unrecognized_keys');
    expectFieldError(await c.post(`${BUDGET}/projects/x/entries`, entryBody()), 'params.projectId');

    const { entries } = await addEntry(c, projectId);
    const voidPath = `${BUDGET}/entries/${entries[0]!.id}/void`;
    expectFieldError(await c.post(voidPath, {}), 'body.reason');
    expectFieldError(await c.post(voidPath, { reason: '' }), 'body.reason');
    expectFieldError(await c.post(voidPath, { reason: 7 }), 'body.reason');
    expectFieldError(
      await c.post(voidPath, { reason: 'duplicate_record', note: 'x' }),
      'body',
      'unrecognized_keys',
    );
    expectFieldError(
      await c.post(`${BUDGET}/entries/nope/void`, { reason: 'recorded_in_error' }),
      'params.id',
    );

    expectFieldError(await c.get(`${BUDGET}/projects/${projectId}?year=abc`), 'query.year');
    expectFieldError(await c.get(`${BUDGET}/projects/${projectId}?year=2025.5`), 'query.year');
    expectFieldError(await c.get(`${BUDGET}/projects/${projectId}?year=2101`), 'query.year');
    expectFieldError(
      await c.get(`${BUDGET}/projects/${projectId}?year=2025&quarter=1`),
      'query',
      'unrecognized_keys',
    );
    expectFieldError(await c.get(`${BUDGET}/projects/nope?year=2025`), 'params.projectId');
    expectFieldError(await c.get(`${BUDGET}/execution`), 'query.year');
    expectFieldError(await c.get(`${BUDGET}/execution?year=2025&quarter=x`), 'query.quarter');
    expectFieldError(await c.get(`${BUDGET}/execution?year=2025&quarter=0`), 'query.quarter');
    expectFieldError(
      await c.get(`${BUDGET}/execution?year=2025&projectId=${projectId}`),
      'query',
      'unrecognized_keys',
    );
    const budget = await budgetOf(projectId);
    expect(budget.entries.map((e) => [e.amount, e.voided])).toEqual([['5500.00', null]]);
  });
});

describe('a project’s budget', () => {
  it('codes the latest amount, accrues the sum, and executes accrued / coded', async () => {
    const { projectId } = await createPlan(coordinator.client);
    const first = await coordinator.client.post(
      `${BUDGET}/projects/${projectId}/entries`,
      entryBody({
        kind: 'codificado',
        date: '2025-01-02',
        amount: '5500',
        note: 'Asignación inicial',
      }),
    );
    expect(first.status).toBe(201);
    const entry = (first.body as ProjectBudget).entries[0]!;
    expect(entry).toMatchObject({
      kind: 'codificado',
      date: '2025-01-02',
      amount: '5500.00',
      note: 'Asignación inicial',
      recordedBy: coordinator.user.id,
      voided: null,
    });
    expect(await auditEvents(t, { resourceId: entry.id })).toEqual([
      expect.objectContaining({
        action: 'budget.entry.create',
        outcome: 'success',
        resource_type: 'budget_entry',
        actor_id: coordinator.user.id,
      }),
    ]);
    await addEntry(coordinator.client, projectId, {
      kind: 'devengado',
      date: '2025-03-31',
      amount: '2000.10',
    });
    // A reform in June: the coded amount from then on.
    await addEntry(coordinator.client, projectId, {
      kind: 'codificado',
      date: '2025-06-15',
      amount: '10000.00',
    });
    await addEntry(coordinator.client, projectId, {
      kind: 'devengado',
      date: '2025-09-30',
      amount: '6879.90',
    });
    // Another year's entry is not this year's.
    await addEntry(coordinator.client, projectId, {
      kind: 'devengado',
      date: '2024-12-31',
      amount: '99.00',
    });

    const budget = await budgetOf(projectId);
    expect(budget.execution).toEqual({
      coded: '10000.00',
      accrued: '8880.00',
      executionPercent: '88.80',
    });
    expect(budget.overAccrued).toBe(false);
    expect(budget.quarters).toEqual([
      {
        quarter: 1,
        coded: '5500.00',
        accrued: '2000.10',
        accruedToDate: '2000.10',
        executionPercent: '36.37',
      },
      {
        quarter: 2,
        coded: '10000.00',
        accrued: '0.00',
        accruedToDate: '2000.10',
        executionPercent: '20.00',
      },
      {
        quarter: 3,
        coded: '10000.00',
        accrued: '6879.90',
        accruedToDate: '8880.00',
        executionPercent: '88.80',
      },
      {
        quarter: 4,
        coded: '10000.00',
        accrued: '0.00',
        accruedToDate: '8880.00',
        executionPercent: '88.80',
      },
    ]);
    expect(budget.entries.map((e) => e.date)).toEqual([
      '2025-01-02',
      '2025-03-31',
      '2025-06-15',
      '2025-09-30',
    ]);
    expect((await budgetOf(projectId, 2024)).execution).toEqual({
      coded: '0.00',
      accrued: '99.00',
      executionPercent: null,
    });
    expect((await budgetOf(projectId, 2024)).overAccrued).toBe(true);
  });

  it('voids an entry once, keeping it listed; it counts no more', async () => {
    const { projectId } = await createPlan(coordinator.client);
    await addEntry(coordinator.client, projectId, { amount: '1000.00' });
    const wrong = await addEntry(coordinator.client, projectId, {
      kind: 'devengado',
      date: '2025-02-01',
      amount: '9999.99',
    });
    const wrongId = wrong.entries.find((e) => (e as Entry).amount === '9999.99')!.id;
    const voided = await coordinator.client.post(`${BUDGET}/entries/${wrongId}/void`, {
      reason: 'recorded_in_error',
    });
    expect(voided.status).toBe(200);
    const budget = voided.body as ProjectBudget;
    expect(budget.execution).toEqual({
      coded: '1000.00',
      accrued: '0.00',
      executionPercent: '0.00',
    });
    expect(budget.entries.find((e) => e.id === wrongId)).toMatchObject({
      amount: '9999.99',
      voided: { by: coordinator.user.id, at: expect.any(String), reason: 'recorded_in_error' },
    });
    expect(await auditEvents(t, { resourceId: wrongId })).toEqual([
      expect.objectContaining({ action: 'budget.entry.create' }),
      expect.objectContaining({
        action: 'budget.entry.void',
        purpose: 'recorded_in_error',
        actor_id: coordinator.user.id,
      }),
    ]);
    const again = await coordinator.client.post(`${BUDGET}/entries/${wrongId}/void`, {
      reason: 'duplicate_record',
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'already_voided' });
    expect((await auditEvents(t, { resourceId: wrongId })).length).toBe(2);
  });

  it('is exact to the cent, in the database too', async () => {
    const { projectId } = await createPlan(coordinator.client);
    await addEntry(coordinator.client, projectId, { amount: '999999999999.99' });
    for (let i = 0; i < 30; i += 1) {
      await addEntry(coordinator.client, projectId, {
        kind: 'devengado',
        date: '2025-05-05',
        amount: '0.10',
      });
    }
    const budget = await budgetOf(projectId);
    // 30 × 0.1 in floats is 3.0000000000000013.
    expect(budget.execution.accrued).toBe('3.00');
    expect(budget.execution.coded).toBe('999999999999.99');
    expect(budget.execution.executionPercent).toBe('0.00');
    const stored = await inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
      sql<{ total: string }>`select sum(amount)::text as total from budget_entries
        where project_id = ${projectId} and kind = 'devengado'`.execute(trx),
    );
    expect(stored.rows[0]!.total).toBe('3.00');
  });

  it('is append-only in the database: never changed but by one void, never deleted', async () => {
    const { projectId } = await createPlan(coordinator.client);
    const { entries } = await addEntry(coordinator.client, projectId);
    const id = entries[0]!.id;
    const coordinatorActor = {
      id: coordinator.user.id,
      role: 'coordinator' as const,
      institutionId: coordinator.user.institutionId,
    };
    await expect(
      inActorTransaction(t.database.store, coordinatorActor, (trx) =>
        sql`update budget_entries set amount = 1 where id = ${id}`.execute(trx),
      ),
    ).rejects.toThrow(/only ever voided/);
    await expect(
      inActorTransaction(t.database.store, coordinatorActor, (trx) =>
        sql`delete from budget_entries where id = ${id}`.execute(trx),
      ),
    ).rejects.toThrow(/permission denied/);
    // A void is dated now, never backdated.
    await expect(
      inActorTransaction(t.database.store, coordinatorActor, (trx) =>
        sql`update budget_entries set voided_at = now() - interval '1 day',
          voided_by = ${coordinator.user.id}, void_reason = 'recorded_in_error'
          where id = ${id}`.execute(trx),
      ),
    ).rejects.toThrow(/only ever voided/);
    expect((await budgetOf(projectId)).entries[0]).toMatchObject({
      amount: '5500.00',
      voided: null,
    });
  });

  it('is dated by the database at the insert: a time given is refused, the later insert is the later reform', async () => {
    const { projectId } = await createPlan(coordinator.client);
    const me = coordinator.user.id;
    const coordinatorActor = {
      id: me,
      role: 'coordinator' as const,
      institutionId: coordinator.user.institutionId,
    };
    await expect(
      inActorTransaction(t.database.store, coordinatorActor, (trx) =>
        sql`insert into budget_entries (project_id, kind, entry_date, amount, recorded_by,
          recorded_at) values (${projectId}, 'codificado', '2025-03-03', 900, ${me},
          '2025-01-01T00:00:00Z')`.execute(trx),
      ),
    ).rejects.toThrow(/recorded_at is set by the database/);
    // Two reforms of the same day in one transaction: each dated when inserted (not when the
    // transaction began), so the one inserted later is the later reform.
    const rows = await inActorTransaction(t.database.store, coordinatorActor, async (trx) => {
      const insert = (amount: string) =>
        sql`insert into budget_entries (project_id, kind, entry_date, amount, recorded_by)
          values (${projectId}, 'codificado', '2025-03-03', ${amount}, ${me})`.execute(trx);
      await insert('200');
      await sql`select pg_sleep(0.02)`.execute(trx);
      await insert('100');
      return (
        await sql<{ amount: string; after_start: boolean }>`select amount::text as amount,
          recorded_at > now() + interval '10 milliseconds' as after_start
          from budget_entries where project_id = ${projectId}
          order by recorded_at, seq`.execute(trx)
      ).rows;
    });
    expect(rows.map((r) => r.amount)).toEqual(['200.00', '100.00']);
    expect(rows[1]!.after_start).toBe(true);
    expect((await budgetOf(projectId, 2025)).execution.coded).toBe('100.00');
  });
});

describe('the execution summary', () => {
  it('sums projects into programs and programs into the total, up to a quarter', async () => {
    const fresh = await startTestApp();
    try {
      const me = await signedIn(fresh, 'coordinator');
      const a = await createProgram(me.client, { code: 'P-2' });
      const b = await createProgram(me.client, { code: 'P-10' });
      const a1 = await createProject(me.client, a.id, { code: '1' });
      const a2 = await createProject(me.client, a.id, { code: '2' });
      const b1 = await createProject(me.client, b.id, { code: '1' });
      const entries: [string, Record<string, unknown>][] = [
        [a1.id, { amount: '1000.00' }],
        [a1.id, { kind: 'devengado', date: '2025-02-01', amount: '333.33' }],
        [a2.id, { amount: '2000.00' }],
        [a2.id, { kind: 'devengado', date: '2025-05-01', amount: '666.67' }],
        [b1.id, { amount: '0.03' }],
        [b1.id, { kind: 'devengado', date: '2025-11-01', amount: '0.02' }],
      ];
      for (const [project, over] of entries) await addEntry(me.client, project, over);
      const res = await me.client.get(`${BUDGET}/execution?year=2025`);
      expect(res.status).toBe(200);
      const summary = res.body as {
        period: object;
        programs: {
          id: string;
          budget: Execution;
          projects: { id: string; budget: Execution }[];
        }[];
        budget: Execution;
      };
      expect(summary.period).toEqual({ from: '2025-01-01', to: '2025-12-31' });
      expect(summary.programs.map((p) => p.id)).toEqual([a.id, b.id]);
      expect(summary.programs[0]!.budget).toEqual({
        coded: '3000.00',
        accrued: '1000.00',
        executionPercent: '33.33',
      });
      expect(summary.programs[1]!.budget).toEqual({
        coded: '0.03',
        accrued: '0.02',
        executionPercent: '66.67',
      });
      expect(summary.budget).toEqual({
        coded: '3000.03',
        accrued: '1000.02',
        executionPercent: '33.33',
      });
      const q1 = (await me.client.get(`${BUDGET}/execution?year=2025&quarter=1`))
        .body as typeof summary;
      expect(q1.period).toEqual({ from: '2025-01-01', to: '2025-03-31' });
      expect(q1.budget).toEqual({ coded: '3000.03', accrued: '333.33', executionPercent: '11.11' });
    } finally {
      await fresh.close();
    }
  });
});
