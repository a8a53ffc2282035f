import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import {
  ACTOR_ROLES,
  inActorTransaction,
  SYSTEM_ACTOR,
  type ActorRole,
  type DbActor,
} from '../../server/db/actor-transaction';
import {
  CAMPAIGN_READERS,
  CHANNELS,
  REACH_GROUPS,
  TARGET_GROUPS,
  TERRITORIES,
} from '../../server/modules/campaigns';
import { startTestApp, type TestApp } from '../helpers/app';
import { CAMPAIGNS as BASE, campaignBody, campaignRow, insertRelease } from '../helpers/campaigns';
import { SessionClient } from '../helpers/session-client';
import { auditEvents, signedIn } from '../helpers/users';

/**
 * Prevention campaigns: the endpoints (401 / 403 / 400 / happy paths /
 * audit / 409), what the database itself allows, and the vocabularies. The
 * results' arithmetic is in campaigns-results.test.ts.
 */
type Signed = Awaited<ReturnType<typeof signedIn>>;
type Campaign = {
  id: string;
  name: string;
  objective: string;
  channels: string[];
  updatedAt: string;
  status: string;
  version: number;
  budgetUsd: number;
  startsOn: string;
  endsOn: string;
  targetTerritories: string[];
  releases: { id: string; tableId: string; period: object; publishedAt: string }[];
  plannedReach: { total: number; byTerritoryGroup: object[] };
  activities: Activity[];
};
type Activity = {
  id: string;
  campaignId: string;
  date: string;
  version: number;
  reach: { group: string; count: number }[];
  totalReach: number;
  description: string | null;
};

let t: TestApp;
let coordinator: Signed;
let other: Signed;
const readers = new Map<ActorRole, Signed>();

beforeAll(async () => {
  t = await startTestApp();
  coordinator = await signedIn(t, 'coordinator');
  other = await signedIn(t, 'coordinator');
  for (const role of ACTOR_ROLES) {
    readers.set(role, role === 'coordinator' ? coordinator : await signedIn(t, role));
  }
}, 60_000);
afterAll(() => t.close());

const activityBody = (over: Record<string, unknown> = {}) => ({
  date: '2024-04-10',
  territory: 'Pichincha',
  channel: 'radio',
  description: 'Cuña radial en horario matutino',
  reach: [
    { group: 'migrant', count: 120 },
    { group: 'general_public', count: 800 },
  ],
  ...over,
});

async function createCampaign(over: Record<string, unknown> = {}): Promise<Campaign> {
  const res = await coordinator.client.post(BASE, campaignBody(over));
  expect(res.status).toBe(201);
  return res.body as Campaign;
}

async function createActivity(
  campaignId: string,
  over: Record<string, unknown> = {},
): Promise<Activity> {
  const res = await coordinator.client.post(`${BASE}/${campaignId}/activities`, activityBody(over));
  expect(res.status).toBe(201);
  return res.body as Activity;
}

/** A release of the province table, published unless told. */
const provinceRelease = (state: 'draft' | 'published' | 'discarded' = 'published') =>
  insertRelease(t.database, coordinator.user.id, {
    tableId: 'victims_by_province',
    year: 2022,
    state,
  });

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

describe('the endpoints', () => {
  it('answer 401 without a session', async () => {
    const anonymous = new SessionClient(t.app, t.clock);
    await anonymous.refreshCsrf();
    const id = randomUUID();
    const responses = [
      await anonymous.get(BASE),
      await anonymous.post(BASE, campaignBody()),
      await anonymous.get(`${BASE}/${id}`),
      await anonymous.patch(`${BASE}/${id}`, { version: 1, name: 'X' }),
      await anonymous.get(`${BASE}/${id}/results`),
      await anonymous.post(`${BASE}/${id}/activities`, activityBody()),
      await anonymous.patch(`${BASE}/${id}/activities/${id}`, { version: 1, channel: 'radio' }),
      await anonymous.send('delete', `${BASE}/${id}/activities/${id}`),
    ];
    for (const res of responses) {
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'unauthenticated' });
    }
  });

  it('let only coordinators write: 403 for every other role, each denial audited', async () => {
    const campaign = await createCampaign();
    const activity = await createActivity(campaign.id);
    const writes: [string, string, (c: SessionClient) => Promise<{ status: number }>][] = [
      ['POST:/api/v1/campaigns/', 'create', (c) => c.post(BASE, campaignBody())],
      [
        'PATCH:/api/v1/campaigns/:id',
        'update',
        (c) => c.patch(`${BASE}/${campaign.id}`, { version: campaign.version, name: 'Otra' }),
      ],
      [
        'POST:/api/v1/campaigns/:id/activities',
        'activity',
        (c) => c.post(`${BASE}/${campaign.id}/activities`, activityBody()),
      ],
      [
        'PATCH:/api/v1/campaigns/:id/activities/:activityId',
        'activity update',
        (c) =>
          c.patch(`${BASE}/${campaign.id}/activities/${activity.id}`, {
            version: activity.version,
            channel: 'transport_terminals',
          }),
      ],
      [
        'DELETE:/api/v1/campaigns/:id/activities/:activityId',
        'activity delete',
        (c) => c.send('delete', `${BASE}/${campaign.id}/activities/${activity.id}`),
      ],
    ];
    for (const role of ACTOR_ROLES.filter((r) => r !== 'coordinator')) {
      const who = readers.get(role)!;
      for (const [template, , write] of writes) {
        const res = await write(who.client);
        expect([role, template, res.status]).toEqual([role, template, 403]);
      }
      const denials = await auditEvents(t, { action: 'access.denied' });
      for (const [template] of writes) {
        expect(
          denials.filter((e) => e.actor_id === who.user.id && e.resource_id === template),
        ).toEqual([
          expect.objectContaining({
            outcome: 'denied',
            actor_role: role,
            resource_type: 'endpoint',
          }),
        ]);
      }
    }
    // Nothing was written by them.
    const read = await coordinator.client.get(`${BASE}/${campaign.id}`);
    expect(read.body).toMatchObject({ version: campaign.version, name: campaign.name });
    expect((read.body as Campaign).activities).toEqual([activity]);
  });

  it("let the lead agency's staff read campaigns and results, without an audit row", async () => {
    const campaign = await createCampaign();
    await createActivity(campaign.id);
    const before = (await auditEvents(t)).length;
    expect([...CAMPAIGN_READERS].sort()).toEqual(
      ['admin', 'auditor', 'caseworker', 'coordinator', 'supervisor'].sort(),
    );
    for (const role of CAMPAIGN_READERS) {
      const who = readers.get(role)!;
      const list = await who.client.get(`${BASE}?limit=200`);
      expect([role, list.status]).toEqual([role, 200]);
      expect((list.body as { items: Campaign[] }).items.map((c) => c.id)).toContain(campaign.id);
      const one = await who.client.get(`${BASE}/${campaign.id}`);
      expect([role, one.status]).toEqual([role, 200]);
      expect((one.body as Campaign).activities).toHaveLength(1);
      const results = await who.client.get(`${BASE}/${campaign.id}/results`);
      expect([role, results.status]).toEqual([role, 200]);
    }
    expect((await auditEvents(t)).length).toBe(before);
  });

  it('refuse partners: they read only the referrals sent to them (403, each denial audited)', async () => {
    const campaign = await createCampaign();
    const partner = readers.get('partner')!;
    const reads: [string, string][] = [
      ['GET:/api/v1/campaigns/', BASE],
      ['GET:/api/v1/campaigns/:id', `${BASE}/${campaign.id}`],
      ['GET:/api/v1/campaigns/:id/results', `${BASE}/${campaign.id}/results`],
    ];
    for (const [template, path] of reads) {
      const res = await partner.client.get(path);
      expect([template, res.status]).toEqual([template, 403]);
      expect(res.body).toMatchObject({ code: 'forbidden' });
      const denials = (await auditEvents(t, { action: 'access.denied' })).filter(
        (e) => e.actor_id === partner.user.id && e.resource_id === template,
      );
      expect(denials).toEqual([
        expect.objectContaining({ outcome: 'denied', actor_role: 'partner' }),
      ]);
    }
  });

  it('answer 404 for an unknown campaign or an activity of another campaign', async () => {
    const missing = randomUUID();
    const campaign = await createCampaign();
    const elsewhere = await createCampaign();
    const activity = await createActivity(elsewhere.id);
    expect((await coordinator.client.get(`${BASE}/${missing}`)).status).toBe(404);
    expect((await coordinator.client.get(`${BASE}/${missing}/results`)).status).toBe(404);
    expect(
      (await coordinator.client.patch(`${BASE}/${missing}`, { version: 1, name: 'X' })).status,
    ).toBe(404);
    expect(
      (await coordinator.client.post(`${BASE}/${missing}/activities`, activityBody())).status,
    ).toBe(404);
    expect(
      (
        await coordinator.client.patch(`${BASE}/${campaign.id}/activities/${activity.id}`, {
          version: 1,
          channel: 'radio',
        })
      ).status,
    ).toBe(404);
    expect(
      (await coordinator.client.send('delete', `${BASE}/${campaign.id}/activities/${activity.id}`))
        .status,
    ).toBe(404);
  });
});

describe('validation (400, naming the field)', () => {
  const post = (over: Record<string, unknown>) => coordinator.client.post(BASE, campaignBody(over));

  it('refuses bad campaign fields', async () => {
    expectFieldError(await post({ startsOn: '2024-02-30' }), 'body.startsOn');
    expectFieldError(await post({ endsOn: '24-06-30' }), 'body.endsOn');
    expectFieldError(await post({ startsOn: '1999-12-31' }), 'body.startsOn');
    expectFieldError(
      await post({ startsOn: '2024-07-01', endsOn: '2024-06-30' }),
      'body.endsOn',
      'ends_before_start',
    );
    expectFieldError(await post({ channels: ['radio', 'carrier_pigeon'] }), 'body.channels.1');
    expectFieldError(await post({ channels: ['radio', 'radio'] }), 'body.channels.1', 'custom');
    expectFieldError(await post({ channels: [] }), 'body.channels');
    expectFieldError(await post({ targetGroups: ['migrant', 'tourists'] }), 'body.targetGroups.1');
    // general_public is a group reach is counted in, not one a campaign targets.
    expectFieldError(await post({ targetGroups: ['general_public'] }), 'body.targetGroups.0');
    expectFieldError(await post({ targetTerritories: ['Atlantis'] }), 'body.targetTerritories.0');
    expectFieldError(await post({ targetTerritories: ['other'] }), 'body.targetTerritories.0');
    expectFieldError(await post({ targetTerritories: [] }), 'body.targetTerritories');
    expectFieldError(await post({ budgetUsd: -1 }), 'body.budgetUsd');
    expectFieldError(await post({ budgetUsd: 10.005 }), 'body.budgetUsd');
    expectFieldError(await post({ budgetUsd: 1e12 }), 'body.budgetUsd');
    expectFieldError(await post({ budgetUsd: '100' }), 'body.budgetUsd');
    expectFieldError(await post({ name: '' }), 'body.name');
    expectFieldError(await post({ name: 'Línea\nnueva' }), 'body.name');
    expectFieldError(await post({ objective: 'x'.repeat(2001) }), 'body.objective');
    expectFieldError(await post({ objective: 'Texto\u202Einvertido' }), 'body.objective');
    expectFieldError(await post({ objective: 'Nulo\u0000' }), 'body.objective');
    expectFieldError(await post({ owner: 'Ana' }), 'body', 'unrecognized_keys');
    // Line separators and invisible characters (which could split a number unseen).
    expectFieldError(await post({ objective: 'Una\u2028dos' }), 'body.objective');
    expectFieldError(await post({ objective: 'Una\u2029dos' }), 'body.objective');
    expectFieldError(await post({ name: 'Rutas\u200Bseguras' }), 'body.name');
    expectFieldError(await post({ name: 'Rutas\u200Dseguras' }), 'body.name');
    expectFieldError(await post({ objective: 'Obje\uFEFFtivo' }), 'body.objective');
  });

  it("refuses text carrying a person's data, naming the field (looks_personal)", async () => {
    // Each refused alone, nothing written.
    const before = (await auditEvents(t, { action: 'campaign.create' })).length;
    expectFieldError(
      await post({ name: 'Escríbenos a maria@example.com' }),
      'body.name',
      'looks_personal',
    );
    expectFieldError(
      await post({ objective: 'Denuncias al 099 123 4567' }),
      'body.objective',
      'looks_personal',
    );
    const both = await post({ name: 'Cédula 1712345678', objective: 'ana.perez@correo.gob.ec' });
    expect((both.body as { errors: object[] }).errors).toEqual([
      expect.objectContaining({ path: 'body.name', code: 'looks_personal' }),
      expect.objectContaining({ path: 'body.objective', code: 'looks_personal' }),
    ]);
    expect((await auditEvents(t, { action: 'campaign.create' })).length).toBe(before);
    // What is not personal passes: a year, an amount of six digits, a date in words.
    await createCampaign({
      name: 'Rutas seguras 2024',
      objective: 'Llegar a 150.000 personas del 1 de marzo de 2024 al 30 de junio',
    });

    // On a change, and on an activity's description (the reviewer's R4).
    const campaign = await createCampaign();
    expectFieldError(
      await coordinator.client.patch(`${BASE}/${campaign.id}`, {
        version: campaign.version,
        objective: 'Llamar al (02) 234-5678',
      }),
      'body.objective',
      'looks_personal',
    );
    const path = `${BASE}/${campaign.id}/activities`;
    const r4 = await coordinator.client.post(
      path,
      activityBody({
        description:
          'Charla; denunció María Pérez Quishpe, cédula 1712345678, tel 0991234567, maria@example.com',
      }),
    );
    expectFieldError(r4, 'body.description', 'looks_personal');
    const activity = await createActivity(campaign.id);
    expectFieldError(
      await coordinator.client.patch(`${path}/${activity.id}`, {
        version: activity.version,
        description: 'Contacto: +593 99 123 4567',
      }),
      'body.description',
      'looks_personal',
    );
    const read = (await coordinator.client.get(`${BASE}/${campaign.id}`)).body as Campaign;
    expect(read).toMatchObject({ version: campaign.version, objective: campaign.objective });
    expect(read.activities).toEqual([activity]);
  });

  it('refuses a plan that does not fit the campaign', async () => {
    const cells = (byTerritoryGroup: object[], total = 1000) => ({
      plannedReach: { total, byTerritoryGroup },
    });
    expectFieldError(
      await post(cells([{ territory: 'Azuay', group: 'migrant', planned: 1 }])),
      'body.plannedReach.byTerritoryGroup.0.territory',
      'not_a_target_territory',
    );
    expectFieldError(
      await post(cells([{ territory: 'Guayas', group: 'lgbti', planned: 1 }])),
      'body.plannedReach.byTerritoryGroup.0.group',
      'not_a_target_group',
    );
    expectFieldError(
      await post(
        cells(
          [
            { territory: 'Guayas', group: 'woman', planned: 60 },
            { territory: 'Pichincha', group: 'woman', planned: 50 },
          ],
          100,
        ),
      ),
      'body.plannedReach.byTerritoryGroup',
      'exceeds_total',
    );
    expectFieldError(
      await post(
        cells([
          { territory: 'Guayas', group: 'woman', planned: 1 },
          { territory: 'Guayas', group: 'woman', planned: 2 },
        ]),
      ),
      'body.plannedReach.byTerritoryGroup.1',
    );
    expectFieldError(
      await post(cells([{ territory: 'Guayas', group: 'woman', planned: -1 }])),
      'body.plannedReach.byTerritoryGroup.0.planned',
    );
    expectFieldError(await post({ plannedReach: { total: 1.5 } }), 'body.plannedReach.total');
  });

  it('refuses a release that is unknown, a draft or discarded', async () => {
    const published = await provinceRelease('published');
    const draft = await provinceRelease('draft');
    const discarded = await provinceRelease('discarded');
    const res = await post({ releaseIds: [published, randomUUID(), draft, discarded] });
    expect(res.status).toBe(400);
    expect((res.body as { errors: object[] }).errors).toEqual([
      expect.objectContaining({ path: 'body.releaseIds.1', code: 'release_not_found' }),
      expect.objectContaining({ path: 'body.releaseIds.2', code: 'release_not_published' }),
      expect.objectContaining({ path: 'body.releaseIds.3', code: 'release_not_published' }),
    ]);
    expectFieldError(await post({ releaseIds: ['nope'] }), 'body.releaseIds.0');
    expectFieldError(await post({ releaseIds: [published, published] }), 'body.releaseIds.1');
    // And on a change.
    const campaign = await createCampaign();
    expectFieldError(
      await coordinator.client.patch(`${BASE}/${campaign.id}`, {
        version: campaign.version,
        releaseIds: [draft],
      }),
      'body.releaseIds.0',
      'release_not_published',
    );
  });

  it('refuses changes without a version, or with nothing to change', async () => {
    const campaign = await createCampaign();
    const path = `${BASE}/${campaign.id}`;
    expectFieldError(await coordinator.client.patch(path, { name: 'Otra' }), 'body.version');
    expectFieldError(
      await coordinator.client.patch(path, { version: 0, name: 'X' }),
      'body.version',
    );
    expectFieldError(await coordinator.client.patch(path, { version: campaign.version }), 'body');
    expectFieldError(
      await coordinator.client.patch(path, { version: campaign.version, endsOn: '2024-02-01' }),
      'body.endsOn',
      'ends_before_start',
    );
    expectFieldError(
      await coordinator.client.patch(path, { version: campaign.version, startsOn: '2024-07-01' }),
      'body.startsOn',
      'ends_before_start',
    );
    // Dropping a territory the stored plan names: the plan must change with it.
    expectFieldError(
      await coordinator.client.patch(path, {
        version: campaign.version,
        targetTerritories: ['Pichincha'],
      }),
      'body.targetTerritories',
      'not_a_target_territory',
    );
    expectFieldError(
      await coordinator.client.patch(`${BASE}/nope`, { version: 1, name: 'X' }),
      'params.id',
    );
  });

  it('refuses bad activities', async () => {
    const campaign = await createCampaign();
    const path = `${BASE}/${campaign.id}/activities`;
    // What is sent instead, the field refused and, where the API checks it, the rule.
    const refused: [Record<string, unknown>, string, string?][] = [
      [{ reach: [{ group: 'migrant', count: -1 }] }, 'body.reach.0.count'],
      [{ reach: [{ group: 'migrant', count: 1_000_001 }] }, 'body.reach.0.count'],
      [{ reach: [{ group: 'tourists', count: 1 }] }, 'body.reach.0.group'],
      [
        {
          reach: [
            { group: 'migrant', count: 1 },
            { group: 'migrant', count: 2 },
          ],
        },
        'body.reach.1',
      ],
      // Reach is counts only: no names, no contacts.
      [
        { reach: [{ group: 'migrant', count: 1, names: ['Ana'] }] },
        'body.reach.0',
        'unrecognized_keys',
      ],
      [{ date: '2024-02-29' }, 'body.date', 'outside_campaign_period'],
      [{ date: '2024-07-01' }, 'body.date', 'outside_campaign_period'],
      [{ date: 'mañana' }, 'body.date'],
      [{ territory: 'Azuay' }, 'body.territory', 'not_a_campaign_territory'],
      [{ territory: 'not_recorded' }, 'body.territory'],
      [{ channel: 'schools' }, 'body.channel', 'not_a_campaign_channel'],
      [{ channel: 'fax' }, 'body.channel'],
      [{ description: 'x'.repeat(501) }, 'body.description'],
      [{ description: 'Marca\u200F' }, 'body.description'],
      [{ description: 'Una\u2028dos' }, 'body.description'],
      [{ description: 'Marca\u200B' }, 'body.description'],
    ];
    for (const [over, field, code] of refused) {
      expectFieldError(await coordinator.client.post(path, activityBody(over)), field, code);
    }
    expectFieldError(
      await coordinator.client.post(`${BASE}/nope/activities`, activityBody()),
      'params.id',
    );

    const activity = await createActivity(campaign.id);
    const one = `${path}/${activity.id}`;
    expectFieldError(await coordinator.client.patch(one, { date: '2024-04-11' }), 'body.version');
    expectFieldError(await coordinator.client.patch(one, { version: activity.version }), 'body');
    expectFieldError(
      await coordinator.client.patch(one, { version: activity.version, date: '2025-01-01' }),
      'body.date',
      'outside_campaign_period',
    );
    expectFieldError(
      await coordinator.client.patch(`${path}/nope`, { version: 1, date: '2024-04-11' }),
      'params.activityId',
    );
    expectFieldError(await coordinator.client.send('delete', `${path}/nope`), 'params.activityId');
  });

  it("refuses an activity dated after today, Ecuador's date (the reviewer's R3)", async () => {
    // Guayaquil is UTC−5 all year: its "today" and "tomorrow", whatever the server's zone, by
    // the app's clock (sign-ins move it forward: near midnight, Date.now() is the day before).
    const day = (offsetDays: number) =>
      new Date(t.clock.now().getTime() - 5 * 3600_000 + offsetDays * 86400_000)
        .toISOString()
        .slice(0, 10);
    const planned = await createCampaign({ startsOn: '2090-01-01', endsOn: '2090-12-31' });
    const r3 = await coordinator.client.post(
      `${BASE}/${planned.id}/activities`,
      activityBody({ date: '2090-06-01', reach: [{ group: 'woman', count: 1_000_000 }] }),
    );
    expectFieldError(r3, 'body.date', 'in_the_future');
    const results = await coordinator.client.get(`${BASE}/${planned.id}/results`);
    expect(results.body).toMatchObject({ status: 'planned', reach: { total: { reached: 0 } } });

    const running = await createCampaign({ startsOn: day(-10), endsOn: day(10) });
    const path = `${BASE}/${running.id}/activities`;
    expectFieldError(
      await coordinator.client.post(path, activityBody({ date: day(1) })),
      'body.date',
      'in_the_future',
    );
    const today = await createActivity(running.id, { date: day(0) });
    expectFieldError(
      await coordinator.client.patch(`${path}/${today.id}`, { version: 1, date: day(1) }),
      'body.date',
      'in_the_future',
    );
    expect((await coordinator.client.get(`${BASE}/${running.id}`)).body).toMatchObject({
      activities: [{ id: today.id, date: day(0), version: 1 }],
    });
  });

  it('refuses bad list queries', async () => {
    const get = (query: string) => coordinator.client.get(`${BASE}?${query}`);
    expectFieldError(await get('status=finished'), 'query.status');
    expectFieldError(await get('activeOn=2024-13-01'), 'query.activeOn');
    expectFieldError(await get('territory=Atlantis'), 'query.territory');
    expectFieldError(await get('group=general_public'), 'query.group');
    expectFieldError(await get('cursor=nope'), 'query.cursor');
    expectFieldError(await get('limit=0'), 'query.limit');
    expectFieldError(await get('owner=me'), 'query');
  });
});

describe('campaigns', () => {
  it('are created, read and changed by version; every change audited once', async () => {
    const release = await provinceRelease();
    const created = await createCampaign({ releaseIds: [release] });
    expect(created).toMatchObject({
      ...campaignBody(),
      status: 'ended',
      // The plan's cells in the order of the territories' list, then of the groups'.
      plannedReach: {
        total: 1000,
        byTerritoryGroup: [
          { territory: 'Guayas', group: 'general_public', planned: 200 },
          { territory: 'Pichincha', group: 'migrant', planned: 300 },
        ],
      },
      releases: [
        {
          id: release,
          tableId: 'victims_by_province',
          period: { year: 2022, quarter: null },
          publishedAt: expect.any(String),
        },
      ],
      createdBy: coordinator.user.id,
      version: 1,
      activities: [],
    });
    const audited = await auditEvents(t, { resourceId: created.id });
    expect(audited).toEqual([
      expect.objectContaining({
        action: 'campaign.create',
        outcome: 'success',
        resource_type: 'campaign',
        actor_id: coordinator.user.id,
      }),
    ]);

    // Any coordinator may change it, from the version read.
    const changed = await other.client.patch(`${BASE}/${created.id}`, {
      version: 1,
      name: 'Rutas seguras 2024',
      budgetUsd: 999_999_999_999.99,
      targetTerritories: ['Pichincha'],
      plannedReach: { total: 500, byTerritoryGroup: [] },
      releaseIds: [],
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      name: 'Rutas seguras 2024',
      budgetUsd: 999_999_999_999.99,
      targetTerritories: ['Pichincha'],
      plannedReach: { total: 500, byTerritoryGroup: [] },
      releases: [],
      version: 2,
      createdBy: coordinator.user.id,
      // What the change did not name stays.
      objective: created.objective,
      channels: created.channels,
    });
    expect(Date.parse((changed.body as { updatedAt: string }).updatedAt)).toBeGreaterThanOrEqual(
      Date.parse(created.updatedAt),
    );

    // A stale version: 409, nothing written, not audited as a change.
    const stale = await coordinator.client.patch(`${BASE}/${created.id}`, {
      version: 1,
      name: 'Tarde',
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'stale_version' });
    const read = await readers.get('caseworker')!.client.get(`${BASE}/${created.id}`);
    expect(read.body).toMatchObject({ name: 'Rutas seguras 2024', version: 2 });
    expect((await auditEvents(t, { resourceId: created.id })).map((e) => e.action)).toEqual([
      'campaign.create',
      'campaign.update',
    ]);
  });

  it('let one of two changes made from the same version win; the other is 409', async () => {
    const campaign = await createCampaign();
    const path = `${BASE}/${campaign.id}`;
    const [a, b] = await Promise.all([
      coordinator.client.patch(path, { version: 1, name: 'Primera' }),
      other.client.patch(path, { version: 1, name: 'Segunda' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = (a.status === 200 ? a : b).body as Campaign;
    const read = await coordinator.client.get(path);
    expect(read.body).toMatchObject({ name: winner.name, version: 2 });
    expect((await auditEvents(t, { resourceId: campaign.id })).map((e) => e.action)).toEqual([
      'campaign.create',
      'campaign.update',
    ]);
  });

  it('keep the budget exact', async () => {
    const campaign = await createCampaign({ budgetUsd: 0.07 });
    expect(campaign.budgetUsd).toBe(0.07);
    const stored = await inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
      sql<{ budget: string }>`select budget_usd::text as budget from campaigns
        where id = ${campaign.id}`.execute(trx),
    );
    expect(stored.rows[0]!.budget).toBe('0.07');
  });

  it('are listed with filters and cursor pages', async () => {
    const fresh = await startTestApp();
    try {
      const me = await signedIn(fresh, 'coordinator');
      const reader = await signedIn(fresh, 'caseworker');
      const make = async (over: Record<string, unknown>) => {
        const res = await me.client.post(BASE, campaignBody(over));
        expect(res.status).toBe(201);
        return (res.body as Campaign).id;
      };
      const ended = await make({ startsOn: '2020-01-01', endsOn: '2020-12-31' });
      const endedLater = await make({
        startsOn: '2021-05-01',
        endsOn: '2021-05-31',
        targetTerritories: ['Azuay'],
        targetGroups: ['lgbti'],
        plannedReach: { total: 10 },
      });
      const running = await make({ startsOn: '2020-06-01', endsOn: '2099-12-31' });
      const planned = await make({ startsOn: '2099-01-01', endsOn: '2099-02-01' });
      const ids = async (query: string) => {
        const res = await reader.client.get(`${BASE}?${query}`);
        expect(res.status).toBe(200);
        return (res.body as { items: Campaign[] }).items.map((c) => c.id);
      };
      // Latest start first.
      expect(await ids('')).toEqual([planned, endedLater, running, ended]);
      expect(await ids('status=ended')).toEqual([endedLater, ended]);
      expect(await ids('status=running')).toEqual([running]);
      expect(await ids('status=planned')).toEqual([planned]);
      expect(await ids('activeOn=2020-07-15')).toEqual([running, ended]);
      expect(await ids('activeOn=2020-07-15&status=ended')).toEqual([ended]);
      expect(await ids('territory=Azuay')).toEqual([endedLater]);
      expect(await ids('group=lgbti')).toEqual([endedLater]);
      expect(await ids('group=woman&territory=Guayas')).toEqual([planned, running, ended]);
      const statuses = ((await reader.client.get(BASE)).body as { items: Campaign[] }).items.map(
        (c) => c.status,
      );
      expect(statuses).toEqual(['planned', 'ended', 'running', 'ended']);

      const first = await reader.client.get(`${BASE}?limit=3`);
      const page1 = first.body as { items: Campaign[]; nextCursor: string | null };
      expect(page1.items.map((c) => c.id)).toEqual([planned, endedLater, running]);
      expect(page1.nextCursor).toEqual(expect.any(String));
      const second = await reader.client.get(`${BASE}?limit=3&cursor=${page1.nextCursor}`);
      expect(second.body).toMatchObject({ items: [{ id: ended }], nextCursor: null });
    } finally {
      await fresh.close();
    }
  });

  it('refuse a change that would leave activities outside it (409, naming the field)', async () => {
    const campaign = await createCampaign();
    await createActivity(campaign.id, { date: '2024-03-05', territory: 'Guayas' });
    const path = `${BASE}/${campaign.id}`;
    expectFieldError(
      await coordinator.client.patch(path, { version: 1, startsOn: '2024-04-01' }),
      'body.startsOn',
      'activities_outside_period',
      409,
    );
    expectFieldError(
      await coordinator.client.patch(path, {
        version: 1,
        targetTerritories: ['Pichincha'],
        plannedReach: { total: 10 },
      }),
      'body.targetTerritories',
      'activities_outside_territories',
      409,
    );
    expectFieldError(
      await coordinator.client.patch(path, { version: 1, channels: ['transport_terminals'] }),
      'body.channels',
      'activities_outside_channels',
      409,
    );
    const ok = await coordinator.client.patch(path, { version: 1, endsOn: '2024-03-05' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ version: 2, endsOn: '2024-03-05' });
  });

  it('link releases made and published through the statistics API', async () => {
    const computed = await coordinator.client.post('/api/v1/statistics/releases', {
      tableId: 'victims_by_province',
      year: 2023,
      epsilon: 0.1,
    });
    expect(computed.status).toBe(201);
    const releaseId = (computed.body as { id: string }).id;
    expectFieldError(
      await coordinator.client.post(BASE, campaignBody({ releaseIds: [releaseId] })),
      'body.releaseIds.0',
      'release_not_published',
    );
    expect(
      (await coordinator.client.post(`/api/v1/statistics/releases/${releaseId}/publish`, {}))
        .status,
    ).toBe(200);
    const campaign = await createCampaign({ releaseIds: [releaseId] });
    expect(campaign.releases).toEqual([
      expect.objectContaining({ id: releaseId, period: { year: 2023, quarter: null } }),
    ]);
  });
});

describe('activities', () => {
  it('are recorded, changed by version and deleted; each change audited once', async () => {
    const campaign = await createCampaign();
    const created = await createActivity(campaign.id, {
      reach: [
        { group: 'general_public', count: 800 },
        { group: 'migrant', count: 120 },
      ],
    });
    expect(created).toMatchObject({
      campaignId: campaign.id,
      date: '2024-04-10',
      territory: 'Pichincha',
      channel: 'radio',
      description: 'Cuña radial en horario matutino',
      // In the order of the groups' list, whatever the order sent.
      reach: [
        { group: 'migrant', count: 120 },
        { group: 'general_public', count: 800 },
      ],
      totalReach: 920,
      createdBy: coordinator.user.id,
      version: 1,
    });
    const path = `${BASE}/${campaign.id}/activities/${created.id}`;
    const changed = await other.client.patch(path, {
      version: 1,
      date: '2024-06-30',
      territory: 'Guayas',
      description: null,
      reach: [{ group: 'woman', count: 0 }],
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      date: '2024-06-30',
      territory: 'Guayas',
      channel: 'radio',
      description: null,
      reach: [{ group: 'woman', count: 0 }],
      totalReach: 0,
      version: 2,
    });
    const stale = await coordinator.client.patch(path, { version: 1, channel: 'radio' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'stale_version' });
    // Activities do not move the campaign's version.
    const read = await readers.get('auditor')!.client.get(`${BASE}/${campaign.id}`);
    expect(read.body).toMatchObject({ version: 1, activities: [changed.body] });

    const deleted = await coordinator.client.send('delete', path);
    expect(deleted.status).toBe(204);
    expect((await coordinator.client.send('delete', path)).status).toBe(404);
    expect((await coordinator.client.get(`${BASE}/${campaign.id}`)).body).toMatchObject({
      activities: [],
    });
    expect(
      (await auditEvents(t, { resourceId: created.id })).map((e) => [
        e.action,
        e.resource_type,
        e.outcome,
      ]),
    ).toEqual([
      ['campaign.activity.create', 'campaign_activity', 'success'],
      ['campaign.activity.update', 'campaign_activity', 'success'],
      ['campaign.activity.delete', 'campaign_activity', 'success'],
    ]);
    // Its reach went with it.
    const reach = await inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
      trx
        .selectFrom('campaign_activity_reach')
        .select('reached')
        .where('activity_id', '=', created.id)
        .execute(),
    );
    expect(reach).toEqual([]);
  });

  it('may be recorded without reach or description', async () => {
    const campaign = await createCampaign();
    const res = await coordinator.client.post(`${BASE}/${campaign.id}/activities`, {
      date: '2024-03-01',
      territory: 'Guayas',
      channel: 'transport_terminals',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ description: null, reach: [], totalReach: 0 });
  });
});

describe('the database', () => {
  const as = (role: DbActor['role'], id = coordinator.user.id): DbActor => ({
    id,
    role,
    institutionId: null,
  });
  const insertAs = (actor: DbActor) =>
    inActorTransaction(t.database.store, actor, (trx) =>
      trx
        .insertInto('campaigns')
        .values(campaignRow(actor.id))
        .returning('id')
        .executeTakeFirstOrThrow(),
    );

  it('lets only a coordinator, as themself, write campaigns (row-level security)', async () => {
    for (const role of ['caseworker', 'supervisor', 'partner', 'admin', 'auditor'] as const) {
      await expect(insertAs(as(role))).rejects.toThrow(/row-level security/);
    }
    // A coordinator cannot write one in another's name.
    await expect(
      inActorTransaction(t.database.store, as('coordinator'), (trx) =>
        trx.insertInto('campaigns').values(campaignRow(other.user.id)).execute(),
      ),
    ).rejects.toThrow(/row-level security/);
    const { id } = await insertAs(as('coordinator'));
    // Others see it but cannot change it: the update matches no row.
    const updated = await inActorTransaction(t.database.store, as('caseworker'), (trx) =>
      trx
        .updateTable('campaigns')
        .set({ name: 'Cambiada' })
        .where('id', '=', id)
        .executeTakeFirst(),
    );
    expect(updated.numUpdatedRows).toBe(0n);
    const seen = (role: DbActor['role']) =>
      inActorTransaction(t.database.store, as(role), (trx) =>
        trx.selectFrom('campaigns').select('name').where('id', '=', id).execute(),
      );
    for (const role of CAMPAIGN_READERS) expect(await seen(role)).toEqual([{ name: 'Directa' }]);
    // Partners and an institution's system read no campaign.
    expect(await seen('partner')).toEqual([]);
    expect(await seen('institution_system')).toEqual([]);
    // Without an actor, nothing.
    expect(await t.database.db.selectFrom('campaigns').select('id').execute()).toEqual([]);
  });

  it('never deletes a campaign, and keeps version, update time and authorship', async () => {
    const { id } = await insertAs(as('coordinator'));
    await expect(
      inActorTransaction(t.database.store, as('coordinator'), (trx) =>
        trx.deleteFrom('campaigns').where('id', '=', id).execute(),
      ),
    ).rejects.toThrow(/permission denied/);
    const row = await inActorTransaction(t.database.store, as('coordinator'), (trx) =>
      trx
        .updateTable('campaigns')
        .set({ name: 'Renombrada' })
        .where('id', '=', id)
        .returning(['version', 'updated_at', 'created_at'])
        .executeTakeFirstOrThrow(),
    );
    expect(row.version).toBe(2);
    await expect(
      inActorTransaction(t.database.store, as('coordinator'), (trx) =>
        trx
          .updateTable('campaigns')
          .set({ created_by: other.user.id } as never)
          .where('id', '=', id)
          .execute(),
      ),
    ).rejects.toThrow(/identity does not change/);
  });

  it('refuses codes outside the vocabularies and an end before the start', async () => {
    const bad = (values: Record<string, unknown>) =>
      inActorTransaction(t.database.store, as('coordinator'), (trx) =>
        trx.insertInto('campaigns').values(campaignRow(coordinator.user.id, values)).execute(),
      );
    await expect(bad({ territories: ['other'] })).rejects.toThrow(/check constraint/);
    await expect(bad({ target_groups: ['general_public'] })).rejects.toThrow(/check constraint/);
    await expect(bad({ channels: ['fax'] })).rejects.toThrow(/check constraint/);
    await expect(bad({ ends_on: '2023-12-31' })).rejects.toThrow(/check constraint/);
    await expect(bad({ budget_usd: '-0.01' })).rejects.toThrow(/check constraint/);
  });

  it("links only published releases, whatever writes the link (the reviewer's R6)", async () => {
    const campaign = await createCampaign();
    const link = (releaseId: string) =>
      inActorTransaction(t.database.store, as('coordinator'), (trx) =>
        trx
          .insertInto('campaign_releases')
          .values({ campaign_id: campaign.id, release_id: releaseId })
          .execute(),
      );
    await expect(link(await provinceRelease('draft'))).rejects.toThrow(/only a published/);
    await expect(link(await provinceRelease('discarded'))).rejects.toThrow(/only a published/);
    const published = await provinceRelease('published');
    await link(published);
    // The campaign reads as it should, for a coordinator and any other reader.
    for (const who of [coordinator, readers.get('auditor')!]) {
      const res = await who.client.get(`${BASE}/${campaign.id}`);
      expect(res.status).toBe(200);
      expect((res.body as Campaign).releases.map((r) => r.id)).toEqual([published]);
    }
  });

  it('keeps an activity within 2000 to 2100', async () => {
    const campaign = await createCampaign();
    const write = (happenedOn: string) =>
      inActorTransaction(t.database.store, as('coordinator'), (trx) =>
        trx
          .insertInto('campaign_activities')
          .values({
            campaign_id: campaign.id,
            happened_on: happenedOn,
            territory: 'Pichincha',
            channel: 'radio',
            description: null,
            created_by: coordinator.user.id,
          })
          .execute(),
      );
    await expect(write('1999-12-31')).rejects.toThrow(/check constraint/);
    await expect(write('2101-01-01')).rejects.toThrow(/check constraint/);
    await write('2000-01-01');
  });

  it('holds the same vocabularies as the API', async () => {
    const { rows } = await inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
      sql<{ territories: string[]; groups: string[]; channels: string[] }>`
        select campaign_territories() as territories, campaign_target_groups() as groups,
               campaign_channels() as channels`.execute(trx),
    );
    expect(rows[0]).toEqual({
      territories: [...TERRITORIES],
      groups: [...TARGET_GROUPS],
      channels: [...CHANNELS],
    });
    expect(REACH_GROUPS).toEqual([...TARGET_GROUPS, 'general_public']);
    expect(TERRITORIES).toHaveLength(24);
  });
});
