import { sql } from 'kysely';
import { inActorTransaction, SYSTEM_ACTOR } from '../../server/db/actor-transaction';
import { startTestApp, type TestApp } from '../helpers/app';
import { canary, expectNoCanary } from '../helpers/canary';
import { giveConsent } from '../helpers/referrals';
import { SessionClient } from '../helpers/session-client';
import { insertFactCases } from '../helpers/statistics';
import { auditEvents, createTeam, signedIn } from '../helpers/users';

/** The release builder's API and the public observatory's. */
type Cell = { key: string[]; value: number | null; suppressed: boolean };
type Total = { value: number; cellsShown: number; cellsSuppressed: number; errorBound95: number };
type Release = {
  id: string;
  state: string;
  table: { id: string; dimensions: { id: string; values: string[] }[]; contributionBound: number };
  period: { year: number; quarter: number | null };
  parameters: { epsilon: number; sensitivity: number; threshold: number; rounding: number };
  figures: {
    cells: Cell[];
    cellErrorBound95: number;
    totals: {
      grand: Total;
      byDimension: { dimension: string; totals: { value: string; total: Total }[] }[];
    };
  };
  publishedAt: string | null;
};

let t: TestApp;
let coordinator: SessionClient;
let coordinatorId: string;
let caseworker: SessionClient;
let anonymous: SessionClient;
const planted: string[] = [];

const request = (body: Record<string, unknown>) => ({
  tableId: 'victims_by_sex_age_group',
  year: 2025,
  epsilon: 0.5,
  ...body,
});
const compute = (body: Record<string, unknown>) =>
  coordinator.post('/api/v1/statistics/releases', request(body));
const ledger = (year: number) =>
  inActorTransaction(t.database.store, SYSTEM_ACTOR, async (trx) =>
    (
      await trx.selectFrom('privacy_budget_ledger').selectAll().where('year', '=', year).execute()
    ).map((r) => r.epsilon_hundredths),
  );

beforeAll(async () => {
  t = await startTestApp();
  const teamId = await createTeam(t, 'Equipo Estadística');
  const ana = await signedIn(t, 'caseworker', { teamId });
  caseworker = ana.client;
  const coral = await signedIn(t, 'coordinator');
  coordinator = coral.client;
  coordinatorId = coral.user.id;
  anonymous = new SessionClient(t.app, t.clock);
  // Cases through the API, their identifying fields and free-text attributes planted with canaries.
  for (let i = 0; i < 3; i += 1) {
    const name = canary('ESTADISTICA');
    const place = canary('PROVINCIA');
    planted.push(name, place);
    const res = await caseworker.post('/api/v1/cases', {
      identifiedOn: '2026-03-17',
      riskLevel: 'high',
      identity: { fullName: name, phone: '+593 99 123 4567' },
      attributes: { sex: 'Female', traffickingStatus: 'Actual', province: place, canton: place },
    });
    expect(res.status).toBe(201);
    const caseId = (res.body as { case: { id: string } }).case.id;
    await giveConsent(caseworker, caseId, [{ sectors: ['health'], categories: ['minimal'] }], {
      purposes: ['service_referral', 'statistics'],
    });
  }
  // And 40 more straight into the tables, for 2025.
  await insertFactCases(
    t.database,
    { teamId, userId: ana.user.id },
    Array.from({ length: 40 }, (_, i) => ({
      identifiedOn: `2025-0${(i % 9) + 1}-10`,
      sex: i % 3 === 0 ? 'Male' : 'Female',
      ageBand: i % 4 === 0 ? '12-17' : '25-34',
      consent: i % 4 === 0 ? ('guardian_approved' as const) : ('active' as const),
    })),
  );
});
afterAll(() => t.close());

describe('who may', () => {
  it.each([
    ['get', '/api/v1/statistics/catalogue'],
    ['get', '/api/v1/statistics/budget?year=2025'],
    ['get', '/api/v1/statistics/releases'],
    ['post', '/api/v1/statistics/releases/preview'],
    ['post', '/api/v1/statistics/releases'],
  ] as const)(
    '%s %s: 401 without a session, 403 for a caseworker (audited)',
    async (method, path) => {
      const client = new SessionClient(t.app, t.clock);
      await client.refreshCsrf();
      const body = method === 'post' ? request({}) : undefined;
      expect((await client.send(method, path, body)).status).toBe(401);
      const before = (await auditEvents(t, { action: 'access.denied' })).length;
      const res = await caseworker.send(method, path, body);
      expect(res.status).toBe(403);
      expect((await auditEvents(t, { action: 'access.denied' })).length).toBe(before + 1);
    },
  );
});

describe('bad input', () => {
  it.each([
    [{ epsilon: 0.01 }, 'body.epsilon'],
    [{ epsilon: 1.5 }, 'body.epsilon'],
    [{ epsilon: 0.125 }, 'body.epsilon'],
    [{ epsilon: '0.5' }, 'body.epsilon'],
    [{ tableId: 'victims_by_name' }, 'body.tableId'],
    [{ year: 1999 }, 'body.year'],
    [{ quarter: 5 }, 'body.quarter'],
    [{ threshold: 5 }, 'body.threshold'],
    [{ caseId: 'x' }, 'body'],
  ])('%j → 400 naming %s, nothing spent', async (change, path) => {
    for (const endpoint of ['/api/v1/statistics/releases', '/api/v1/statistics/releases/preview']) {
      const res = await coordinator.post(endpoint, request(change));
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      const paths = (res.body as { errors: { path: string }[] }).errors.map((e) => e.path);
      expect(
        paths.some(
          (p) =>
            p === path || p.startsWith(`${path}.`) || (path === 'body' && p.startsWith('body')),
        ),
      ).toBe(true);
    }
    expect(await ledger(2025)).toEqual([]);
  });

  it('a year must be a number', async () => {
    const res = await coordinator.get('/api/v1/statistics/budget?year=later');
    expect(res.status).toBe(400);
  });
});

describe('preview, compute, publish', () => {
  it('previews from the parameters alone: no data read, nothing spent, nothing audited', async () => {
    const before = (await auditEvents(t)).length;
    const res = await coordinator.post(
      '/api/v1/statistics/releases/preview',
      request({ tableId: 'referrals_by_sector_outcome', epsilon: 0.25 }),
    );
    expect(res.status).toBe(200);
    const preview = res.body as {
      cells: number;
      noiseScale: number;
      cellErrorBound95: number;
      remainingAfter: number;
      budget: { total: number; remaining: number; fixed: boolean };
    };
    expect(preview.cells).toBe(9 * 5);
    expect(preview.noiseScale).toBe(20); // 5 referrals per person / ε 0.25
    // P(|Z| > b) = 2 p^(b+1) / (1 + p), p = e^(-1/20): the smallest b with ≤ 5 %, plus 2 for rounding.
    const p = Math.exp(-1 / 20);
    let b = 0;
    while ((2 * p ** (b + 1)) / (1 + p) > 0.05) b += 1;
    expect(preview.cellErrorBound95).toBe(b + 2);
    expect(preview.budget).toEqual({ year: 2025, total: 2, spent: 0, remaining: 2, fixed: false });
    expect(preview.remainingAfter).toBe(1.75);
    expect(await ledger(2025)).toEqual([]);
    expect((await auditEvents(t)).length).toBe(before);
  });

  let draft: Release;
  it('computes a frozen draft: every cell, post-processed, ε spent, audited', async () => {
    const res = await compute({ epsilon: 0.5 });
    expect(res.status).toBe(201);
    draft = res.body as Release;
    expect(draft.state).toBe('draft');
    expect(draft.publishedAt).toBeNull();
    expect(draft.parameters).toMatchObject({
      epsilon: 0.5,
      sensitivity: 1,
      threshold: 11,
      rounding: 5,
    });
    expect(draft.figures.cells.map((c) => c.key.join('|'))).toEqual(
      ['female', 'male', 'other', 'unknown'].flatMap((s) =>
        ['child', 'adult', 'unknown'].map((a) => `${s}|${a}`),
      ),
    );
    for (const cell of draft.figures.cells) {
      if (cell.suppressed) expect(cell.value).toBeNull();
      else {
        expect(cell.value! % 5).toBe(0);
        expect(cell.value!).toBeGreaterThanOrEqual(11);
      }
    }
    const shown = draft.figures.cells.filter((c) => !c.suppressed);
    expect(draft.figures.totals.grand.value).toBe(shown.reduce((s, c) => s + c.value!, 0));
    expect(draft.figures.totals.grand.cellsSuppressed).toBe(12 - shown.length);
    for (const { totals } of draft.figures.totals.byDimension) {
      expect(totals.reduce((s, x) => s + x.total.value, 0)).toBe(draft.figures.totals.grand.value);
    }
    expect(await ledger(2025)).toEqual([50]);
    const events = await auditEvents(t, {
      action: 'statistics.release.compute',
      resourceId: draft.id,
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ outcome: 'success', actor_id: coordinatorId });
    // Drafts are not public.
    expect((await anonymous.get(`/api/v1/public/statistics/releases/${draft.id}`)).status).toBe(
      404,
    );
    const list = (await coordinator.get('/api/v1/statistics/releases?state=draft')).body as {
      items: Release[];
    };
    expect(list.items.map((r) => r.id)).toContain(draft.id);
  });

  it('refuses a release the budget cannot pay for, naming what is left (audited)', async () => {
    expect((await compute({ epsilon: 1, tableId: 'victims_by_province' })).status).toBe(201);
    const res = await compute({ epsilon: 0.6 });
    expect(res.status).toBe(409);
    const problem = res.body as {
      code: string;
      detail: string;
      errors: { path: string; message: string }[];
    };
    expect(problem.code).toBe('privacy_budget_exceeded');
    expect(problem.detail).toContain('ε 0.50 left');
    expect(problem.errors[0]).toMatchObject({ path: 'body.epsilon' });
    expect(await ledger(2025)).toEqual([50, 100]);
    const denied = (await auditEvents(t, { action: 'statistics.release.compute' })).filter(
      (e) => e.outcome === 'denied',
    );
    expect(denied.at(-1)).toMatchObject({ purpose: 'privacy_budget_exceeded' });
    const budget = await coordinator.get('/api/v1/statistics/budget?year=2025');
    expect(budget.body).toEqual({ year: 2025, total: 2, spent: 1.5, remaining: 0.5, fixed: true });
    // What is left can still be spent exactly.
    expect(
      (await compute({ epsilon: 0.5, tableId: 'victims_by_quarter_exploitation' })).status,
    ).toBe(201);
    expect((await compute({ epsilon: 0.05 })).status).toBe(409);
  });

  it('cannot be overspent by releases computed at the same time', async () => {
    const answers = await Promise.all(
      Array.from({ length: 9 }, () => compute({ year: 2023, epsilon: 0.5 })),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 201, 201, 409, 409, 409, 409, 409]);
    expect((await ledger(2023)).reduce((a, b) => a + b, 0)).toBe(200);
  });

  it('publishes once; the observatory then shows it to anyone, cacheable', async () => {
    const res = await coordinator.post(`/api/v1/statistics/releases/${draft.id}/publish`, {});
    expect(res.status).toBe(200);
    expect((res.body as Release).state).toBe('published');
    expect(
      await auditEvents(t, { action: 'statistics.release.publish', resourceId: draft.id }),
    ).toHaveLength(1);
    expect(
      (await coordinator.post(`/api/v1/statistics/releases/${draft.id}/publish`, {})).status,
    ).toBe(409);
    expect(
      (await coordinator.post(`/api/v1/statistics/releases/${draft.id}/discard`, {})).status,
    ).toBe(409);

    const one = await anonymous.get(`/api/v1/public/statistics/releases/${draft.id}`);
    expect(one.status).toBe(200);
    expect(one.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
    expect(one.headers['set-cookie']).toBeUndefined();
    const published = one.body as Release;
    expect(published.figures).toEqual(draft.figures);
    const list = await anonymous.get('/api/v1/public/statistics/releases');
    expect((list.body as { items: Release[] }).items.map((r) => r.id)).toEqual([draft.id]);
    const csv = await anonymous.get(`/api/v1/public/statistics/releases/${draft.id}/csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text.startsWith('\uFEFF"sex","age_group","value","error_bound_95"')).toBe(true);
    expect(csv.text).toContain('"epsilon","0.5"');
  });

  it('discards a draft once: never public, its ε stays spent', async () => {
    const second = (await compute({ year: 2024, epsilon: 0.3 })).body as Release;
    const res = await coordinator.post(`/api/v1/statistics/releases/${second.id}/discard`, {});
    expect((res.body as Release).state).toBe('discarded');
    expect(
      (await coordinator.post(`/api/v1/statistics/releases/${second.id}/publish`, {})).status,
    ).toBe(409);
    expect((await anonymous.get(`/api/v1/public/statistics/releases/${second.id}`)).status).toBe(
      404,
    );
    expect(await ledger(2024)).toEqual([30]);
  });

  it('unknown releases: 404 (and a malformed id 400)', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await coordinator.get(`/api/v1/statistics/releases/${missing}`)).status).toBe(404);
    expect(
      (await coordinator.post(`/api/v1/statistics/releases/${missing}/publish`, {})).status,
    ).toBe(404);
    expect((await anonymous.get(`/api/v1/public/statistics/releases/${missing}`)).status).toBe(404);
    expect((await anonymous.get('/api/v1/public/statistics/releases/x')).status).toBe(400);
  });
});

describe('frozen', () => {
  it('the database refuses to change or delete a release or a ledger line, even for a coordinator', async () => {
    const coordinatorActor = {
      id: coordinatorId,
      role: 'coordinator' as const,
      institutionId: null,
    };
    const [release] = (await coordinator.get('/api/v1/statistics/releases?state=published')).body
      .items as Release[];
    for (const statement of [
      sql`update statistics_releases set figures = '{}'::jsonb where id = ${release!.id}`,
      sql`update statistics_releases set published_at = null, published_by = null where id = ${release!.id}`,
      sql`delete from statistics_releases where id = ${release!.id}`,
      sql`update privacy_budget_ledger set epsilon_hundredths = 1`,
      sql`delete from privacy_budget_ledger`,
      sql`update privacy_budgets set total_hundredths = 10000`,
    ]) {
      await expect(
        inActorTransaction(t.database.store, coordinatorActor, (trx) => statement.execute(trx)),
      ).rejects.toThrow(/frozen|permanent|append-only|permission denied/);
    }
  });
});

describe('no personal data', () => {
  it('no canary reaches a release, its CSV, the database rows of releases, or the log', async () => {
    const res = await compute({ year: 2026, tableId: 'victims_by_province', epsilon: 0.5 });
    expect(res.status).toBe(201);
    const release = res.body as Release;
    await coordinator.post(`/api/v1/statistics/releases/${release.id}/publish`, {});
    const csv = (await anonymous.get(`/api/v1/public/statistics/releases/${release.id}/csv`)).text;
    const rows = await inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
      trx.selectFrom('statistics_releases').selectAll().execute(),
    );
    expectNoCanary(planted, {
      release: JSON.stringify(release),
      csv,
      rows: JSON.stringify(rows),
      log: t.logs.join('\n'),
    });
    // The canary provinces are counted as `other`, the text never kept.
    expect(release.table.dimensions[0]!.values).toContain('other');
  });
});
