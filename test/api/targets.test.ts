import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { ACTOR_ROLES, inActorTransaction, type ActorRole } from '../../server/db/actor-transaction';
import { startTestApp, type TestApp } from '../helpers/app';
import { campaignBody, CAMPAIGNS } from '../helpers/campaigns';
import { SessionClient } from '../helpers/session-client';
import { asSuperuser } from '../helpers/superuser';
import {
  addManualValue,
  createPlan,
  createTarget,
  seedManagementYear,
  targetBody,
  TARGETS,
  type TargetRead,
} from '../helpers/targets';
import { programmeBody, PROGRAMMES } from '../helpers/trainings';
import { auditEvents, signedIn } from '../helpers/users';

/**
 * Targets (metas): definition, manual values (who and when, audited,
 * append-only), progress and its rounding, and the management figures.
 * Computed measures against seeded records: targets-measures.test.ts.
 */
type Signed = Awaited<ReturnType<typeof signedIn>>;

let t: TestApp;
let coordinator: Signed;
let other: Signed;
const others = new Map<ActorRole, Signed>();
let projectId: string;

beforeAll(async () => {
  t = await startTestApp();
  coordinator = await signedIn(t, 'coordinator');
  other = await signedIn(t, 'coordinator');
  for (const role of ACTOR_ROLES.filter((r) => r !== 'coordinator')) {
    others.set(role, await signedIn(t, role));
  }
  ({ projectId } = await createPlan(coordinator.client));
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

describe('the targets endpoints', () => {
  it('answer 401 without a session', async () => {
    const anonymous = new SessionClient(t.app, t.clock);
    await anonymous.refreshCsrf();
    const id = randomUUID();
    for (const res of [
      await anonymous.get(`${TARGETS}?year=2025`),
      await anonymous.post(TARGETS, targetBody(projectId)),
      await anonymous.get(`${TARGETS}/progress?year=2025`),
      await anonymous.get(`${TARGETS}/${id}`),
      await anonymous.patch(`${TARGETS}/${id}`, { version: 1, indicator: 'X' }),
      await anonymous.send('delete', `${TARGETS}/${id}`),
      await anonymous.get(`${TARGETS}/${id}/manual-values`),
      await anonymous.post(`${TARGETS}/${id}/manual-values`, { quarter: 1, value: '1' }),
    ]) {
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'unauthenticated' });
    }
  });

  it('are the coordinator’s only: 403 for every other role, each denial audited', async () => {
    const target = await createTarget(coordinator.client, projectId);
    const id = target.id;
    for (const [role, { client, user }] of others) {
      const responses = [
        await client.get(`${TARGETS}?year=2025`),
        await client.post(TARGETS, targetBody(projectId)),
        await client.get(`${TARGETS}/progress?year=2025`),
        await client.get(`${TARGETS}/${id}`),
        await client.patch(`${TARGETS}/${id}`, { version: 1, indicator: 'X' }),
        await client.send('delete', `${TARGETS}/${id}`),
        await client.get(`${TARGETS}/${id}/manual-values`),
        await client.post(`${TARGETS}/${id}/manual-values`, { quarter: 1, value: '1' }),
      ];
      for (const res of responses) expect([role, res.status]).toEqual([role, 403]);
      const denials = (await auditEvents(t, { action: 'access.denied' })).filter(
        (e) => e.actor_id === user.id,
      );
      expect([role, denials.length]).toEqual([role, responses.length]);
    }
    const read = await coordinator.client.get(`${TARGETS}/${id}`);
    expect(read.body).toMatchObject({ version: 1, manualValues: [] });
  });

  it('refuse bad input naming the field', async () => {
    const post = (over: Record<string, unknown>) =>
      coordinator.client.post(TARGETS, targetBody(projectId, over));
    expectFieldError(await post({ programmed: 1000 }), 'body.programmed');
    expectFieldError(await post({ programmed: '-5' }), 'body.programmed');
    expectFieldError(await post({ year: 1999 }), 'body.year');
    expectFieldError(await post({ indicator: '' }), 'body.indicator');
    expectFieldError(await post({ unitOfMeasure: 'a\nb' }), 'body.unitOfMeasure');
    expectFieldError(
      await post({ description: 'Contactar 0991234567' }),
      'body.description',
      'looks_personal',
    );
    expectFieldError(
      await post({ resultsDescription: 'Escribir a ana@example.org' }),
      'body.resultsDescription',
      'looks_personal',
    );
    expectFieldError(
      await post({ programmedByQuarter: ['1', '2', '3'] }),
      'body.programmedByQuarter',
    );
    expectFieldError(
      await post({ programmedByQuarter: ['250', '250', '250', '249.99'] }),
      'body.programmedByQuarter',
      'quarters_do_not_add_up',
    );
    expectFieldError(await post({ measure: { kind: 'victims_rescued' } }), 'body.measure.kind');
    expectFieldError(
      await post({ measure: { kind: 'manual', filters: { sectors: ['health'] } } }),
      'body.measure.filters',
    );
    expectFieldError(
      await post({ measure: { kind: 'people_reached', filters: { groups: ['aliens'] } } }),
      'body.measure.filters.groups.0',
    );
    expectFieldError(
      await post({ measure: { kind: 'referrals_completed', filters: { sectors: ['security'] } } }),
      'body.measure.filters.sectors.0',
    );
    expectFieldError(
      await post({ measure: { kind: 'people_trained', filters: { sectors: ['shelter'] } } }),
      'body.measure.filters.sectors.0',
    );
    expectFieldError(
      await post({ measure: { kind: 'cases_attended', filters: { provinces: ['Loja'] } } }),
      'body.measure.filters',
    );
    expectFieldError(
      await post({
        measure: { kind: 'campaign_activities_held', filters: { campaignIds: [randomUUID()] } },
      }),
      'body.measure.filters.campaignIds.0',
      'campaign_not_found',
    );
    expectFieldError(
      await post({
        measure: { kind: 'people_trained', filters: { programmeIds: [randomUUID()] } },
      }),
      'body.measure.filters.programmeIds.0',
      'programme_not_found',
    );
    expectFieldError(
      await coordinator.client.post(TARGETS, targetBody(randomUUID())),
      'body.projectId',
      'project_not_found',
    );
    expectFieldError(await coordinator.client.get(TARGETS), 'query.year');
    expectFieldError(
      await coordinator.client.get(`${TARGETS}/progress?year=2025&quarter=0`),
      'query.quarter',
    );
    expectFieldError(await coordinator.client.get(`${TARGETS}/progress?year=2025&x=1`), 'query');
    const target = await createTarget(coordinator.client, projectId);
    const value = (body: object) =>
      coordinator.client.post(`${TARGETS}/${target.id}/manual-values`, body);
    expectFieldError(await value({ quarter: 5, value: '1' }), 'body.quarter');
    expectFieldError(await value({ quarter: 1, value: 1 }), 'body.value');
    expectFieldError(
      await value({ quarter: 1, value: '1', note: 'Tel. 02 234 5678' }),
      'body.note',
      'looks_personal',
    );
    expect((await coordinator.client.get(`${TARGETS}/${target.id}`)).body).toMatchObject({
      manualValues: [],
    });
    expect((await coordinator.client.get(`${TARGETS}/${randomUUID()}`)).status).toBe(404);
  });
});

describe('the targets endpoints, by record', () => {
  it('answer 404 for an unknown id and for the id of another kind of record', async () => {
    const target = await createTarget(coordinator.client, projectId);
    const program = (await coordinator.client.get(`/api/v1/plan/projects/${projectId}`)).body as {
      programId: string;
    };
    const notFound = async (label: string, res: Promise<{ status: number; body: unknown }>) => {
      const answer = await res;
      expect([label, answer.status]).toEqual([label, 404]);
      expect(answer.body).toMatchObject({ code: 'not_found' });
    };
    const c = coordinator.client;
    for (const id of [randomUUID(), projectId, program.programId]) {
      await notFound(`GET ${id}`, c.get(`${TARGETS}/${id}`));
      await notFound(`PATCH ${id}`, c.patch(`${TARGETS}/${id}`, { version: 1, indicator: 'X' }));
      await notFound(`DELETE ${id}`, c.send('delete', `${TARGETS}/${id}`));
      await notFound(`GET values ${id}`, c.get(`${TARGETS}/${id}/manual-values`));
      await notFound(
        `POST value ${id}`,
        c.post(`${TARGETS}/${id}/manual-values`, { quarter: 1, value: '1' }),
      );
    }
    // A target's project named by another kind of id: the field named.
    for (const id of [target.id, program.programId]) {
      expectFieldError(
        await c.post(TARGETS, targetBody(id)),
        'body.projectId',
        'project_not_found',
      );
    }
    const read = await c.get(`${TARGETS}/${target.id}`);
    expect(read.body).toMatchObject({ version: 1, manualValues: [] });
  });

  it('refuse wrong types, bad values, unknown codes and keys, naming the field', async () => {
    const target = await createTarget(coordinator.client, projectId);
    const c = coordinator.client;
    const post = (over: Record<string, unknown>) => c.post(TARGETS, targetBody(projectId, over));
    expectFieldError(await post({ projectId: 'x' }), 'body.projectId');
    expectFieldError(await post({ year: '2025' }), 'body.year', 'invalid_type');
    expectFieldError(await post({ year: 2025.5 }), 'body.year');
    expectFieldError(await post({ year: 2101 }), 'body.year');
    expectFieldError(await post({ programmed: '' }), 'body.programmed');
    expectFieldError(await post({ programmed: '10.123' }), 'body.programmed');
    expectFieldError(await post({ programmed: '-0.5' }), 'body.programmed');
    expectFieldError(await post({ programmed: null }), 'body.programmed', 'invalid_type');
    expectFieldError(
      await post({ programmedByQuarter: ['250', '250', '250', '250.001'] }),
      'body.programmedByQuarter.3',
    );
    expectFieldError(
      await post({ programmedByQuarter: [250, 250, 250, 250] }),
      'body.programmedByQuarter.0',
    );
    expectFieldError(await post({ description: '' }), 'body.description');
    expectFieldError(await post({ unitOfMeasure: '   ' }), 'body.unitOfMeasure');
    expectFieldError(await post({ executingUnits: [] }), 'body.executingUnits');
    expectFieldError(await post({ resultsDescription: '' }), 'body.resultsDescription');
    expectFieldError(await post({ measure: 'manual' }), 'body.measure');
    expectFieldError(await post({ measure: {} }), 'body.measure.kind');
    expectFieldError(
      await post({ measure: { kind: 'manual', extra: true } }),
      'body.measure',
      'unrecognized_keys',
    );
    expectFieldError(
      await post({ measure: { kind: 'people_reached', filters: { channels: ['pigeon'] } } }),
      'body.measure.filters.channels.0',
    );
    expectFieldError(
      await post({ measure: { kind: 'people_trained', filters: { programmeIds: ['x'] } } }),
      'body.measure.filters.programmeIds.0',
    );
    expectFieldError(await post({ version: 1 }), 'body', 'unrecognized_keys');

    const change = (body: object) => c.patch(`${TARGETS}/${target.id}`, body);
    expectFieldError(await change({ indicator: 'X' }), 'body.version', 'invalid_type');
    expectFieldError(await change({ version: 0, indicator: 'X' }), 'body.version');
    expectFieldError(await change({ version: 1 }), 'body');
    expectFieldError(await change({ version: 1, indicator: '' }), 'body.indicator');
    expectFieldError(await change({ version: 1, programmed: '1.005' }), 'body.programmed');
    expectFieldError(await change({ version: 1, programmed: 5 }), 'body.programmed');
    expectFieldError(
      await change({ version: 1, measure: { kind: 'victims_rescued' } }),
      'body.measure.kind',
    );
    expectFieldError(await change({ version: 1, year: 2026 }), 'body', 'unrecognized_keys');
    expectFieldError(await change({ version: 1, projectId }), 'body', 'unrecognized_keys');
    expectFieldError(await c.patch(`${TARGETS}/x`, { version: 1, indicator: 'X' }), 'params.id');
    expectFieldError(await c.send('delete', `${TARGETS}/x`), 'params.id');
    expectFieldError(await c.get(`${TARGETS}/x`), 'params.id');

    const value = (body: object) => c.post(`${TARGETS}/${target.id}/manual-values`, body);
    expectFieldError(await value({ quarter: '1', value: '1' }), 'body.quarter', 'invalid_type');
    expectFieldError(await value({ quarter: 0, value: '1' }), 'body.quarter');
    expectFieldError(await value({ quarter: 1.5, value: '1' }), 'body.quarter');
    expectFieldError(await value({ quarter: 1, value: '' }), 'body.value');
    expectFieldError(await value({ quarter: 1, value: '-1' }), 'body.value');
    expectFieldError(await value({ quarter: 1, value: '1.234' }), 'body.value');
    expectFieldError(await value({ quarter: 1, value: '1', note: '' }), 'body.note');
    expectFieldError(
      await value({ quarter: 1, value: '1', recordedBy: randomUUID() }),
      'body',
      'unrecognized_keys',
    );
    expectFieldError(await c.get(`${TARGETS}/x/manual-values`), 'params.id');
    expectFieldError(
      await c.post(`${TARGETS}/x/manual-values`, { quarter: 1, value: '1' }),
      'params.id',
    );

    expectFieldError(await c.get(`${TARGETS}?year=abc`), 'query.year');
    expectFieldError(await c.get(`${TARGETS}?year=2025&projectId=x`), 'query.projectId');
    expectFieldError(await c.get(`${TARGETS}?year=2025&quarter=1`), 'query', 'unrecognized_keys');
    expectFieldError(await c.get(`${TARGETS}/progress`), 'query.year');
    expectFieldError(await c.get(`${TARGETS}/progress?year=1999`), 'query.year');
    expectFieldError(await c.get(`${TARGETS}/progress?year=2025&quarter=x`), 'query.quarter');
    const read = await c.get(`${TARGETS}/${target.id}`);
    expect(read.body).toMatchObject({ version: 1, manualValues: [] });
  });
});

describe('targets', () => {
  it('are defined, read, listed and changed by version; every change audited once', async () => {
    const campaign = await coordinator.client.post(CAMPAIGNS, campaignBody());
    const campaignId = (campaign.body as { id: string }).id;
    const res = await coordinator.client.post(
      TARGETS,
      targetBody(projectId, {
        year: 2024,
        programmed: '12.5',
        programmedByQuarter: ['0', '2.5', '5', '5.00'],
        resultsDescription: 'Se realizaron talleres en terminales terrestres.',
        measure: {
          kind: 'campaign_activities_held',
          filters: { campaignIds: [campaignId], channels: ['radio'], provinces: [] },
        },
      }),
    );
    expect(res.status).toBe(201);
    const target = res.body as TargetRead;
    expect(target).toMatchObject({
      projectId,
      year: 2024,
      programmed: '12.50',
      programmedByQuarter: ['0.00', '2.50', '5.00', '5.00'],
      unitOfMeasure: 'personas',
      executingUnits: ['Dirección de Seguridad Ciudadana'],
      resultsDescription: 'Se realizaron talleres en terminales terrestres.',
      planObjective: null,
      // An empty filter is no filter: not stored.
      measure: {
        kind: 'campaign_activities_held',
        filters: { campaignIds: [campaignId], channels: ['radio'] },
      },
      createdBy: coordinator.user.id,
      version: 1,
      progress: { executed: '0.00', progressPercent: '0.00' },
      manualValues: [],
    });
    expect(target.progress.quarters[0]).toEqual({
      quarter: 1,
      programmed: '0.00',
      executed: '0.00',
      progressPercent: null,
    });
    expect(await auditEvents(t, { resourceId: target.id })).toEqual([
      expect.objectContaining({
        action: 'target.create',
        outcome: 'success',
        resource_type: 'target',
        actor_id: coordinator.user.id,
      }),
    ]);

    const changed = await other.client.patch(`${TARGETS}/${target.id}`, {
      version: 1,
      programmed: '20',
      programmedByQuarter: null,
      planObjective: 'Objetivo 3 del PDOT',
      measure: { kind: 'manual' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      programmed: '20.00',
      programmedByQuarter: null,
      planObjective: 'Objetivo 3 del PDOT',
      measure: { kind: 'manual', filters: {} },
      version: 2,
      year: 2024,
      resultsDescription: 'Se realizaron talleres en terminales terrestres.',
    });
    // Changing the year's value alone must still match the quarters it has.
    const quartered = await createTarget(coordinator.client, projectId, {
      programmedByQuarter: ['250', '250', '250', '250'],
    });
    expectFieldError(
      await coordinator.client.patch(`${TARGETS}/${quartered.id}`, {
        version: 1,
        programmed: '999',
      }),
      'body.programmed',
      'quarters_do_not_add_up',
    );
    const stale = await coordinator.client.patch(`${TARGETS}/${target.id}`, {
      version: 1,
      indicator: 'Tarde',
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'stale_version' });
    expect((await auditEvents(t, { resourceId: target.id })).map((e) => e.action)).toEqual([
      'target.create',
      'target.update',
    ]);
    const listed = await coordinator.client.get(`${TARGETS}?year=2024&projectId=${projectId}`);
    expect((listed.body as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([
      target.id,
    ]);
    const none = await coordinator.client.get(`${TARGETS}?year=2023`);
    expect(none.body).toEqual({ items: [] });
  });

  it('take manual values by quarter, append-only with who and when; the latest counts', async () => {
    const target = await createTarget(coordinator.client, projectId, {
      programmed: '1000',
      programmedByQuarter: ['300', '300', '200', '200'],
    });
    const first = await addManualValue(coordinator.client, target.id, 1, '120', 'Informe de enero');
    const firstValue = first.manualValues[0]!;
    expect(first.progress.executed).toBe('120.00');
    // A correction of Q1 by another coordinator: both stay; the latest counts.
    const corrected = await addManualValue(other.client, target.id, 1, '150');
    await addManualValue(coordinator.client, target.id, 2, '333.33');
    const res = await coordinator.client.get(`${TARGETS}/${target.id}/manual-values`);
    expect(res.status).toBe(200);
    const { items } = res.body as {
      items: {
        id: string;
        quarter: number;
        value: string;
        note: string | null;
        recordedBy: string;
        recordedAt: string;
        current: boolean;
      }[];
    };
    expect(items.map((v) => [v.quarter, v.value, v.current, v.recordedBy])).toEqual([
      [1, '120.00', false, coordinator.user.id],
      [1, '150.00', true, other.user.id],
      [2, '333.33', true, coordinator.user.id],
    ]);
    expect(items[0]!.note).toBe('Informe de enero');
    expect(Date.parse(items[0]!.recordedAt)).toBeLessThanOrEqual(Date.parse(items[1]!.recordedAt));
    const audited = await auditEvents(t, { action: 'target.manual_value.create' });
    for (const value of items) {
      expect(audited.filter((e) => e.resource_id === value.id)).toEqual([
        expect.objectContaining({
          outcome: 'success',
          resource_type: 'target_manual_value',
          actor_id: value.recordedBy,
        }),
      ]);
    }
    expect(corrected.manualValues.find((v) => v.id === firstValue.id)?.current).toBe(false);

    const read = (await coordinator.client.get(`${TARGETS}/${target.id}`)).body as TargetRead;
    expect(read.progress).toEqual({
      executed: '483.33',
      progressPercent: '48.33',
      executedThrough: null,
      filtersMissing: false,
      quarters: [
        { quarter: 1, programmed: '300.00', executed: '150.00', progressPercent: '50.00' },
        { quarter: 2, programmed: '300.00', executed: '333.33', progressPercent: '111.11' },
        { quarter: 3, programmed: '200.00', executed: '0.00', progressPercent: '0.00' },
        { quarter: 4, programmed: '200.00', executed: '0.00', progressPercent: '0.00' },
      ],
    });
    // Never changed or deleted, not even by a coordinator's own statement.
    const actor = {
      id: coordinator.user.id,
      role: 'coordinator' as const,
      institutionId: coordinator.user.institutionId,
    };
    await expect(
      inActorTransaction(t.database.store, actor, (trx) =>
        sql`update target_manual_values set value = 1 where id = ${firstValue.id}`.execute(trx),
      ),
    ).rejects.toThrow(/permission denied|append-only/);
    // Dated by the database at the insert, never by the one who writes.
    await expect(
      inActorTransaction(t.database.store, actor, (trx) =>
        sql`insert into target_manual_values (target_id, quarter, value, recorded_by, recorded_at)
          values (${target.id}, 3, 1, ${coordinator.user.id}, '2025-01-01')`.execute(trx),
      ),
    ).rejects.toThrow(/recorded_at is set by the database/);
    // Not deleted with values: 409; the values stay.
    const del = await coordinator.client.send('delete', `${TARGETS}/${target.id}`);
    expect(del.status).toBe(409);
    expect(del.body).toMatchObject({ code: 'in_use' });
  });

  it('take manual values only for a manual target, and only for a quarter that has begun', async () => {
    const computed = await createTarget(coordinator.client, projectId, {
      measure: { kind: 'cases_attended' },
    });
    const refused = await coordinator.client.post(`${TARGETS}/${computed.id}/manual-values`, {
      quarter: 1,
      value: '5',
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'not_manual' });
    const future = await createTarget(coordinator.client, projectId, { year: 2099 });
    expectFieldError(
      await coordinator.client.post(`${TARGETS}/${future.id}/manual-values`, {
        quarter: 1,
        value: '5',
      }),
      'body.quarter',
      'quarter_not_started',
    );
    expect(
      (await auditEvents(t, { action: 'target.manual_value.create' })).map((e) => e.resource_id),
    ).not.toContain(computed.id);
  });

  it('are deleted when defined in error; the deletion audited', async () => {
    const target = await createTarget(coordinator.client, projectId);
    const res = await coordinator.client.send('delete', `${TARGETS}/${target.id}`);
    expect(res.status).toBe(204);
    expect((await coordinator.client.get(`${TARGETS}/${target.id}`)).status).toBe(404);
    expect((await auditEvents(t, { resourceId: target.id })).map((e) => e.action)).toEqual([
      'target.create',
      'target.delete',
    ]);
  });
});

describe('progress', () => {
  it('rounds half-up to two decimals: 888 of 1000 is 88.80 %, 2 of 3 is 66.67 %', async () => {
    const a = await createTarget(coordinator.client, projectId, { programmed: '1000' });
    await addManualValue(coordinator.client, a.id, 3, '888');
    const b = await createTarget(coordinator.client, projectId, { programmed: '3' });
    const read = await addManualValue(coordinator.client, b.id, 2, '2');
    expect(read.progress.progressPercent).toBe('66.67');
    expect(
      ((await coordinator.client.get(`${TARGETS}/${a.id}`)).body as TargetRead).progress,
    ).toMatchObject({
      executed: '888.00',
      progressPercent: '88.80',
    });
    const zero = await createTarget(coordinator.client, projectId, { programmed: '0' });
    expect(zero.progress.progressPercent).toBeNull();
  });

  it('gives the management figures: program → project → budget → targets, to a quarter', async () => {
    const fresh = await startTestApp();
    try {
      const me = await signedIn(fresh, 'coordinator');
      const seeded = await seedManagementYear(me.client, 2025);
      const year = await me.client.get(`${TARGETS}/progress?year=2025`);
      expect(year.status).toBe(200);
      expect(year.body).toMatchObject({
        year: 2025,
        quarter: null,
        period: { from: '2025-01-01', to: '2025-12-31' },
        budget: { coded: '10000.00', accrued: '8880.00', executionPercent: '88.80' },
        programs: [
          {
            id: seeded.programId,
            planObjective: expect.any(String),
            budget: { coded: '10000.00', accrued: '8880.00', executionPercent: '88.80' },
            projects: [
              {
                id: seeded.projectId,
                code: 'P-01.1',
                executingUnits: ['Dirección de Seguridad Ciudadana'],
                targets: [
                  {
                    id: seeded.targetId,
                    programmed: '1000.00',
                    executed: '888.00',
                    progressPercent: '88.80',
                    unitOfMeasure: 'personas',
                    indicator: 'Número de servidores capacitados',
                    measure: { kind: 'manual', filters: {} },
                    resultsDescription: null,
                    // Its program's, as it names none of its own.
                    planObjective: 'Objetivo 3 del PDOT: garantizar una vida libre de violencia',
                  },
                ],
              },
            ],
          },
        ],
      });
      const q2 = (await me.client.get(`${TARGETS}/progress?year=2025&quarter=2`)).body as {
        period: object;
        budget: object;
        programs: { projects: { targets: TargetRead['progress'][] }[] }[];
      };
      expect(q2.period).toEqual({ from: '2025-01-01', to: '2025-06-30' });
      expect(q2.budget).toEqual({
        coded: '10000.00',
        accrued: '2000.10',
        executionPercent: '20.00',
      });
      const target = q2.programs[0]!.projects[0]!.targets[0]!;
      expect(target.executed).toBe('450.00');
      expect(target.progressPercent).toBe('45.00');
      expect(target.quarters).toEqual([
        { quarter: 1, programmed: '250.00', executed: '200.00', progressPercent: '80.00' },
        { quarter: 2, programmed: '250.00', executed: '250.00', progressPercent: '100.00' },
      ]);
      // Another year holds nothing of this.
      expect((await me.client.get(`${TARGETS}/progress?year=2024`)).body).toMatchObject({
        programs: [],
        budget: { coded: '0.00', accrued: '0.00', executionPercent: null },
      });
    } finally {
      await fresh.close();
    }
  });
});

describe('filters naming what no longer exists', () => {
  it('flag the progress when a programme or campaign a filter names was deleted', async () => {
    const programme = await coordinator.client.post(PROGRAMMES, programmeBody());
    expect(programme.status).toBe(201);
    const programmeId = (programme.body as { id: string }).id;
    const trained = await createTarget(coordinator.client, projectId, {
      year: 2025,
      measure: { kind: 'people_trained', filters: { programmeIds: [programmeId] } },
    });
    expect(trained.progress).toMatchObject({ executed: '0.00', filtersMissing: false });
    const deleted = await coordinator.client.send('delete', `${PROGRAMMES}/${programmeId}`);
    expect(deleted.status).toBe(204);

    const campaign = async () => {
      const res = await coordinator.client.post(CAMPAIGNS, campaignBody());
      expect(res.status).toBe(201);
      return (res.body as { id: string }).id;
    };
    const [gone, kept] = [await campaign(), await campaign()];
    const held = await createTarget(coordinator.client, projectId, {
      year: 2025,
      measure: { kind: 'campaign_activities_held', filters: { campaignIds: [gone, kept] } },
    });
    expect(held.progress.filtersMissing).toBe(false);
    // Campaigns are never deleted through the API; the database is tampered with here.
    await asSuperuser(t.database, `delete from campaigns where id = '${gone}'`);

    for (const target of [trained, held]) {
      const read = (await coordinator.client.get(`${TARGETS}/${target.id}`)).body as TargetRead;
      expect(read.progress).toMatchObject({ executed: '0.00', filtersMissing: true });
    }
    const figures = (await coordinator.client.get(`${TARGETS}/progress?year=2025`)).body as {
      programs: { projects: { targets: (TargetRead['progress'] & { id: string })[] }[] }[];
    };
    const flagged = figures.programs
      .flatMap((p) => p.projects)
      .flatMap((p) => p.targets)
      .filter((x) => x.filtersMissing)
      .map((x) => x.id);
    expect(flagged.sort()).toEqual([trained.id, held.id].sort());
    // A change that leaves the measure alone is taken; naming the deleted one again is not.
    const renamed = await coordinator.client.patch(`${TARGETS}/${held.id}`, {
      version: held.version,
      indicator: 'Actividades de campañas vigentes',
    });
    expect(renamed.status).toBe(200);
    expect((renamed.body as TargetRead).progress.filtersMissing).toBe(true);
    const again = await coordinator.client.patch(`${TARGETS}/${held.id}`, {
      version: (renamed.body as TargetRead).version,
      measure: { kind: 'campaign_activities_held', filters: { campaignIds: [gone] } },
    });
    expectFieldError(again, 'body.measure.filters.campaignIds.0', 'campaign_not_found');
    const fixed = await coordinator.client.patch(`${TARGETS}/${held.id}`, {
      version: (renamed.body as TargetRead).version,
      measure: { kind: 'campaign_activities_held', filters: { campaignIds: [kept] } },
    });
    expect((fixed.body as TargetRead).progress.filtersMissing).toBe(false);
  });
});
