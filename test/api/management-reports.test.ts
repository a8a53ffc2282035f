import { sql } from 'kysely';
import {
  ACTOR_ROLES,
  inActorTransaction,
  type ActorRole,
  type DbActor,
} from '../../server/db/actor-transaction';
import { urlFor, withKysely } from '../../server/db/provision-server';
import { startTestApp, type TestApp } from '../helpers/app';
import { adminUrl } from '../helpers/engine';
import { insertRelease } from '../helpers/campaigns';
import {
  day,
  renameUser,
  REPORTS,
  seedCampaign,
  seedPlan,
  seedTraining,
  YEAR,
  type PlanIds,
} from '../helpers/management-reports';
import { numberAt, pdfText, readXlsx, sheetNamed, textAt } from '../helpers/report-files';
import {
  RENDERERS,
  reportFile,
  type Renderer,
} from '../../server/modules/management-reports/report-files';
import { managementFigures } from '../../server/modules/targets';
import { SessionClient } from '../helpers/session-client';
import { asSuperuser } from '../helpers/superuser';
import { auditEvents, signedIn } from '../helpers/users';

/**
 * The management report's API: every endpoint's 401 / 403 / 400 / happy
 * path / audit row; the figures of a draft against the records that
 * produced them (worked out by hand below), in the JSON, the PDF and the
 * XLSX; the four-eyes rule; approval freezing the report for good; and what
 * the database itself refuses.
 */
type Signed = Awaited<ReturnType<typeof signedIn>>;
interface Report {
  id: string;
  status: string;
  version: number;
  period: { year: number; quarter: number | null };
  conclusions: string;
  preparedBy: { id: string; name: string };
  reviewedBy: { id: string; name: string } | null;
  approvedBy: { id: string; name: string } | null;
  figuresDigest: string;
  snapshot: Snapshot;
}
interface Snapshot {
  status: string;
  institution: { name: string };
  budget: { coded: string; accrued: string; executionPercent: string | null };
  programs: {
    code: string;
    budget: { coded: string; accrued: string; executionPercent: string | null };
    projects: {
      code: string;
      budget: { coded: string; accrued: string; executionPercent: string | null };
      targets: {
        description: string;
        programmed: string;
        executed: string;
        progressPercent: string | null;
        planAlignment: string | null;
        quarters: { quarter: number; executed: string }[];
      }[];
    }[];
  }[];
  trainings: Record<string, unknown>;
  campaigns: Record<string, unknown>;
  releases: { id: string; title: string; path: string }[];
  preparedBy: { name: string; role: string } | null;
  reviewedBy: { name: string } | null;
  approvedBy: { name: string; on: string } | null;
}

let t: TestApp;
let preparer: Signed;
let reviewer: Signed;
let approver: Signed;
const others = new Map<ActorRole, Signed>();
let plan: PlanIds;
let campaign: string;
let q1Release: string;

beforeAll(async () => {
  t = await startTestApp();
  preparer = await signedIn(t, 'coordinator');
  reviewer = await signedIn(t, 'coordinator');
  approver = await signedIn(t, 'coordinator');
  await renameUser(t, preparer.user.id, 'Ana Quishpe');
  await renameUser(t, reviewer.user.id, 'Luis Andrango');
  await renameUser(t, approver.user.id, 'María Tenesaca');
  for (const role of ACTOR_ROLES.filter((r) => r !== 'coordinator')) {
    others.set(role, await signedIn(t, role));
  }
  plan = await seedPlan(preparer.client);
  campaign = await seedCampaign(preparer.client);
  await seedTraining(t, preparer.user.id);
  q1Release = await insertRelease(t.database, preparer.user.id, {
    tableId: 'victims_by_province',
    year: YEAR,
    quarter: 1,
  });
  // Not in a report of YEAR: another year's, and a draft.
  await insertRelease(t.database, preparer.user.id, {
    tableId: 'victims_by_province',
    year: YEAR - 1,
  });
  await insertRelease(t.database, preparer.user.id, {
    tableId: 'victims_by_sex_age_group',
    year: YEAR,
    quarter: 1,
    state: 'draft',
  });
}, 120_000);
afterAll(() => t.close());

const create = async (client: SessionClient, body: object = {}) => {
  const res = await client.post(REPORTS, { year: YEAR, ...body });
  expect([res.status, res.body]).toEqual([201, expect.anything()]);
  return res.body as Report;
};
const read = async (id: string, client = preparer.client) => {
  const res = await client.get(`${REPORTS}/${id}`);
  expect(res.status).toBe(200);
  return res.body as Report;
};
/** A yearly draft of a year no other test approves, reviewed by `reviewer`. */
let freeYear = 2001;
const reviewedDraft = async () => {
  const draft = await create(preparer.client, { year: freeYear++ });
  const res = await reviewer.client.post(`${REPORTS}/${draft.id}/review`, { version: 1 });
  expect(res.status).toBe(200);
  return res.body as Report;
};
const expectFieldError = (res: { status: number; body: unknown }, path: string, code?: string) => {
  expect([path, res.status]).toEqual([path, 400]);
  expect(res.body).toMatchObject({
    errors: expect.arrayContaining([
      expect.objectContaining(code === undefined ? { path } : { path, code }),
    ]),
  });
};
const lastAudit = async (action: string, resourceId: string) =>
  (await auditEvents(t, { action, resourceId })).at(-1);

const SECURITY = { sector: 'security', enrolled: 1, trained: 1, completionPercent: '100.00' };
const WOMAN = { group: 'woman', reached: 500 };

describe('the endpoints', () => {
  const someId = '00000000-0000-4000-8000-000000000001';
  const routes = (id: string): [string, string, object?][] => [
    ['get', REPORTS],
    ['post', REPORTS, { year: YEAR }],
    ['get', `${REPORTS}/${id}`],
    ['patch', `${REPORTS}/${id}`, { version: 1, conclusions: 'x' }],
    ['delete', `${REPORTS}/${id}`],
    ['post', `${REPORTS}/${id}/review`, { version: 1 }],
    ['post', `${REPORTS}/${id}/approve`, { version: 1, figuresDigest: '0'.repeat(64) }],
    ['get', `${REPORTS}/${id}.pdf`],
    ['get', `${REPORTS}/${id}.xlsx`],
  ];

  it('answer 401 without a session', async () => {
    const anonymous = new SessionClient(t.app, t.clock);
    await anonymous.refreshCsrf();
    for (const [method, path, body] of routes(someId)) {
      const res = await anonymous.send(method as 'get', path, body);
      expect([method, path, res.status]).toEqual([method, path, 401]);
    }
  });

  it('answer 403 to every role but the coordinator, audited', async () => {
    const draft = await create(preparer.client);
    for (const [role, { client, user }] of others) {
      for (const [method, path, body] of routes(draft.id)) {
        const res = await client.send(method as 'get', path, body);
        expect([role, method, path, res.status]).toEqual([role, method, path, 403]);
      }
      const denials = (await auditEvents(t, { action: 'access.denied' })).filter(
        (e) => e.actor_id === user.id,
      );
      expect(denials).toHaveLength(routes(draft.id).length);
    }
    // Nothing was done to the draft.
    expect((await read(draft.id)).version).toBe(1);
  });

  it('answer 404 to an id that does not exist, and 400 to one that is not an id', async () => {
    for (const [method, path, body] of routes(someId).slice(2)) {
      const res = await preparer.client.send(method as 'get', path, body);
      expect([method, path, res.status]).toEqual([method, path, 404]);
    }
    for (const [method, path, body] of routes('not-a-uuid').slice(2)) {
      const res = await preparer.client.send(method as 'get', path, body);
      expect([method, path, res.status]).toEqual([method, path, 400]);
    }
  });

  it('refuse bad input naming the field', async () => {
    const post = (body: object) => preparer.client.post(REPORTS, body);
    expectFieldError(await post({}), 'body.year');
    expectFieldError(await post({ year: 1999 }), 'body.year');
    expectFieldError(await post({ year: YEAR, quarter: 5 }), 'body.quarter');
    expectFieldError(await post({ year: YEAR, colour: 'red' }), 'body');
    expectFieldError(await post({ year: YEAR, conclusions: 'x'.repeat(6001) }), 'body.conclusions');
    expectFieldError(await post({ year: YEAR, challenges: 'a\u200Bb' }), 'body.challenges');
    expectFieldError(
      await post({ year: YEAR, recommendations: 'Llamar al 0991234567' }),
      'body.recommendations',
      'looks_personal',
    );
    expectFieldError(
      await post({ year: YEAR, conclusions: 'Escribir a ana@example.org' }),
      'body.conclusions',
      'looks_personal',
    );
    expectFieldError(await preparer.client.get(`${REPORTS}?year=abc`), 'query.year');
    expectFieldError(await preparer.client.get(`${REPORTS}?cursor=zzz`), 'query.cursor');

    const draft = await create(preparer.client);
    const patch = (body: object) => preparer.client.patch(`${REPORTS}/${draft.id}`, body);
    expectFieldError(await patch({ conclusions: 'x' }), 'body.version');
    expectFieldError(await patch({ version: 1 }), 'body');
    expectFieldError(
      await patch({ version: 1, conclusions: 'Cédula 1712345678' }),
      'body.conclusions',
      'looks_personal',
    );
    expectFieldError(
      await reviewer.client.post(`${REPORTS}/${draft.id}/review`, {}),
      'body.version',
    );
    expectFieldError(
      await approver.client.post(`${REPORTS}/${draft.id}/approve`, { version: 1 }),
      'body.figuresDigest',
    );
    expectFieldError(
      await approver.client.post(`${REPORTS}/${draft.id}/approve`, {
        version: 1,
        figuresDigest: 'XYZ',
      }),
      'body.figuresDigest',
    );
    expect((await read(draft.id)).version).toBe(1);
  });

  it('create a draft whose preparer is the actor, audited', async () => {
    const draft = await create(preparer.client, {
      quarter: 2,
      conclusions: 'El programa avanzó.\n\nSegundo párrafo.',
    });
    expect(draft).toMatchObject({
      status: 'draft',
      period: { year: YEAR, quarter: 2 },
      conclusions: 'El programa avanzó.\n\nSegundo párrafo.',
      recommendations: '',
      preparedBy: { id: preparer.user.id, name: 'Ana Quishpe' },
      reviewedBy: null,
      approvedBy: null,
      version: 1,
    });
    expect(draft.snapshot.preparedBy).toMatchObject({ name: 'Ana Quishpe', role: 'coordinator' });
    expect(await lastAudit('management_report.create', draft.id)).toMatchObject({
      actor_id: preparer.user.id,
      outcome: 'success',
      resource_type: 'management_report',
    });
  });

  it('list reports, latest first, a page at a time, by year and status', async () => {
    const a = await create(preparer.client, { year: 2090 });
    const b = await create(reviewer.client, { year: 2090, quarter: 1 });
    const first = await preparer.client.get(`${REPORTS}?year=2090&limit=1`);
    expect(first.status).toBe(200);
    expect(first.body.items.map((r: Report) => r.id)).toEqual([b.id]);
    const second = await preparer.client.get(
      `${REPORTS}?year=2090&limit=1&cursor=${first.body.nextCursor as string}`,
    );
    expect(second.body).toEqual({
      items: [expect.objectContaining({ id: a.id })],
      nextCursor: null,
    });
    const approved = await preparer.client.get(`${REPORTS}?year=2090&status=approved`);
    expect(approved.body.items).toEqual([]);
  });

  it("change a draft's texts: its preparer only, withdrawing its review; audited", async () => {
    const draft = await create(preparer.client);
    const reviewed = await reviewer.client.post(`${REPORTS}/${draft.id}/review`, { version: 1 });
    expect((reviewed.body as Report).reviewedBy).toMatchObject({ name: 'Luis Andrango' });

    const denied = await reviewer.client.patch(`${REPORTS}/${draft.id}`, {
      version: 2,
      conclusions: 'Cambio ajeno',
    });
    expect(denied.status).toBe(403);
    expect(await lastAudit('access.denied', draft.id)).toMatchObject({
      actor_id: reviewer.user.id,
      outcome: 'denied',
    });

    const stale = await preparer.client.patch(`${REPORTS}/${draft.id}`, {
      version: 1,
      conclusions: 'Tarde',
    });
    expect([stale.status, stale.body.code]).toEqual([409, 'stale_version']);

    const changed = await preparer.client.patch(`${REPORTS}/${draft.id}`, {
      version: 2,
      challenges: 'Rotación del personal capacitado.',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      version: 3,
      challenges: 'Rotación del personal capacitado.',
      reviewedBy: null,
    });
    expect(await lastAudit('management_report.update', draft.id)).toMatchObject({
      actor_id: preparer.user.id,
      outcome: 'success',
    });
  });

  it('delete a draft: its preparer only; audited', async () => {
    const draft = await create(preparer.client);
    const denied = await reviewer.client.send('delete', `${REPORTS}/${draft.id}`);
    expect(denied.status).toBe(403);
    const deleted = await preparer.client.send('delete', `${REPORTS}/${draft.id}`);
    expect(deleted.status).toBe(204);
    expect((await preparer.client.get(`${REPORTS}/${draft.id}`)).status).toBe(404);
    expect(await lastAudit('management_report.delete', draft.id)).toMatchObject({
      actor_id: preparer.user.id,
      outcome: 'success',
    });
  });

  it('review: another coordinator than the preparer (four eyes, audited)', async () => {
    const draft = await create(preparer.client);
    const own = await preparer.client.post(`${REPORTS}/${draft.id}/review`, { version: 1 });
    expect([own.status, own.body.code]).toEqual([409, 'four_eyes']);
    expect(await lastAudit('access.denied', draft.id)).toMatchObject({
      actor_id: preparer.user.id,
      purpose: 'four_eyes',
    });
    const stale = await reviewer.client.post(`${REPORTS}/${draft.id}/review`, { version: 7 });
    expect([stale.status, stale.body.code]).toEqual([409, 'stale_version']);
    const res = await reviewer.client.post(`${REPORTS}/${draft.id}/review`, { version: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'draft',
      version: 2,
      reviewedBy: { id: reviewer.user.id, name: 'Luis Andrango' },
    });
    expect((res.body as Report).snapshot.reviewedBy).toMatchObject({ name: 'Luis Andrango' });
    expect(await lastAudit('management_report.review', draft.id)).toMatchObject({
      actor_id: reviewer.user.id,
      outcome: 'success',
    });
  });

  it('approve: reviewed first, by a third coordinator (neither preparer nor reviewer), on the figures read', async () => {
    const unreviewed = await create(preparer.client, { year: freeYear++ });
    const early = await approver.client.post(`${REPORTS}/${unreviewed.id}/approve`, {
      version: 1,
      figuresDigest: unreviewed.figuresDigest,
    });
    expect([early.status, early.body.code]).toEqual([409, 'not_reviewed']);

    const draft = await reviewedDraft();
    const own = await preparer.client.post(`${REPORTS}/${draft.id}/approve`, {
      version: draft.version,
      figuresDigest: draft.figuresDigest,
    });
    expect([own.status, own.body.code]).toEqual([409, 'four_eyes']);
    expect(await lastAudit('access.denied', draft.id)).toMatchObject({
      actor_id: preparer.user.id,
      purpose: 'four_eyes',
    });
    const otherFigures = await approver.client.post(`${REPORTS}/${draft.id}/approve`, {
      version: draft.version,
      figuresDigest: 'a'.repeat(64),
    });
    expect([otherFigures.status, otherFigures.body.code]).toEqual([409, 'figures_changed']);

    // Three signatures, three people: the reviewer does not approve too.
    const reviewers = await reviewer.client.post(`${REPORTS}/${draft.id}/approve`, {
      version: draft.version,
      figuresDigest: draft.figuresDigest,
    });
    expect([reviewers.status, reviewers.body.code]).toEqual([409, 'four_eyes']);
    expect(await lastAudit('access.denied', draft.id)).toMatchObject({
      actor_id: reviewer.user.id,
      purpose: 'four_eyes',
    });

    const res = await approver.client.post(`${REPORTS}/${draft.id}/approve`, {
      version: draft.version,
      figuresDigest: draft.figuresDigest,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'approved',
      preparedBy: { id: preparer.user.id },
      reviewedBy: { id: reviewer.user.id, name: 'Luis Andrango' },
      approvedBy: { id: approver.user.id, name: 'María Tenesaca' },
      snapshot: {
        status: 'approved',
        approvedBy: { name: 'María Tenesaca', role: 'coordinator', roleLabel: 'Coordinador/a' },
      },
    });
    expect(await lastAudit('management_report.approve', draft.id)).toMatchObject({
      actor_id: approver.user.id,
      outcome: 'success',
    });
    // One approved report per period.
    const again = await preparer.client.post(REPORTS, { year: draft.period.year });
    expect([again.status, again.body.code]).toEqual([409, 'period_already_approved']);
  });

  it('approve: only once the period has ended in Ecuador (review may come earlier)', async () => {
    const current = YEAR + 1;
    const yearly = await create(preparer.client, { year: current });
    expect(yearly).toMatchObject({ periodEnded: false, approvableFrom: `${current + 1}-01-01` });
    // Reviewing before the end is allowed: a review is of the texts' version.
    const reviewed = await reviewer.client.post(`${REPORTS}/${yearly.id}/review`, { version: 1 });
    expect(reviewed.status).toBe(200);
    const early = await approver.client.post(`${REPORTS}/${yearly.id}/approve`, {
      version: (reviewed.body as Report).version,
      figuresDigest: (reviewed.body as Report).figuresDigest,
    });
    expect([early.status, early.body.code]).toEqual([409, 'period_not_ended']);
    expect(early.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(early.body.detail).toContain(`${current + 1}-01-01`);
    expect(await read(yearly.id)).toMatchObject({ status: 'draft', approvedBy: null });
    expect(await lastAudit('management_report.approve', yearly.id)).toBeUndefined();

    // A quarter is approved from the first day of the next.
    const q1 = await create(preparer.client, { year: current, quarter: 1 });
    expect(q1).toMatchObject({ approvableFrom: `${current}-04-01` });
    const q4 = await create(preparer.client, { year: YEAR, quarter: 4 });
    expect(q4).toMatchObject({ periodEnded: true, approvableFrom: `${current}-01-01` });
    for (const draft of [q1, q4]) {
      const res = await preparer.client.send('delete', `${REPORTS}/${draft.id}`);
      expect(res.status).toBe(204);
    }
  });

  it('download the files, each download audited', async () => {
    const draft = await create(preparer.client, { quarter: 1 });
    const pdf = await preparer.client.download(`${REPORTS}/${draft.id}.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(
      `attachment; filename="informe-de-gestion-${YEAR}-T1-borrador.pdf"`,
    );
    expect(pdf.headers['cache-control']).toBe('no-store');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await preparer.client.download(`${REPORTS}/${draft.id}.xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    for (const action of ['management_report.export_pdf', 'management_report.export_xlsx']) {
      expect(await lastAudit(action, draft.id)).toMatchObject({
        actor_id: preparer.user.id,
        outcome: 'success',
        resource_type: 'management_report',
      });
    }
  });
});

describe('a download', () => {
  it('renders the file after its transaction commits, with the audit row written', async () => {
    const draft = await create(preparer.client, { quarter: 2 });
    const deps = {
      store: t.database.store,
      clock: () => t.clock.now(),
      figures: managementFigures,
    };
    const actor = {
      id: preparer.user.id,
      role: 'coordinator' as const,
      institutionId: preparer.user.institutionId,
    };
    let seenByRender: unknown[] | undefined;
    const render: Renderer = async (snapshot) => {
      // Another transaction, while the file is made: on PGlite's single
      // connection it waits for any transaction still open (the timeout
      // fails the test); on a server it sees only what has committed.
      const waited = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('the render waited for a transaction')), 10_000).unref(),
      );
      seenByRender = await Promise.race([
        auditEvents(t, { action: 'management_report.export_pdf', resourceId: draft.id }),
        waited,
      ]);
      return Buffer.from(`${snapshot.period.year}`);
    };
    const file = await reportFile(deps, actor, draft.id, 'pdf', { ...RENDERERS, pdf: render });
    expect(file).toMatchObject({
      filename: `informe-de-gestion-${YEAR}-T2-borrador.pdf`,
      content: Buffer.from(`${YEAR}`),
    });
    expect(seenByRender).toEqual([
      expect.objectContaining({ actor_id: preparer.user.id, outcome: 'success' }),
    ]);
  });
});

describe("a draft's figures, against the records", () => {
  let yearly: Report;
  let q1: Report;
  beforeAll(async () => {
    yearly = await create(preparer.client, { year: YEAR });
    q1 = await create(preparer.client, { year: YEAR, quarter: 1 });
  });

  it('are the budget execution of each project, program and all, to the cent', () => {
    const s = yearly.snapshot;
    expect(s.institution.name).toBe('Agencia líder de prueba');
    const [p1] = s.programs;
    const [training, campaigns] = p1!.projects;
    // 4 884,00 / 5 500,00 = 88,80 %
    expect(training!.budget).toEqual({
      coded: '5500.00',
      accrued: '4884.00',
      executionPercent: '88.80',
    });
    // 1 000 000,01 / 1 234 567,89 = 81,0000008… %
    expect(campaigns!.budget).toEqual({
      coded: '1234567.89',
      accrued: '1000000.01',
      executionPercent: '81.00',
    });
    // 1 004 884,01 / 1 240 067,89 = 81,0346… %
    expect(p1!.budget).toEqual({
      coded: '1240067.89',
      accrued: '1004884.01',
      executionPercent: '81.03',
    });
    expect(s.budget).toEqual(p1!.budget);
    // Q1 alone: 1 000,00 / 5 500,00 = 18,1818… %
    expect(q1.snapshot.programs[0]!.projects[0]!.budget).toEqual({
      coded: '5500.00',
      accrued: '1000.00',
      executionPercent: '18.18',
    });
  });

  it("are each target's executed value from the records, and its progress", () => {
    const [training, campaigns] = yearly.snapshot.programs[0]!.projects;
    // Two of the three participants completed: 2 / 3 = 66,67 %.
    expect(training!.targets[0]).toMatchObject({
      programmed: '3.00',
      executed: '2.00',
      progressPercent: '66.67',
      planAlignment: 'Objetivo 2 del Plan cantonal: atención oportuna',
    });
    // 800 + 450 people reached of 1 000 programmed: 125,00 %, 800 in Q1 and 450 in Q2.
    expect(campaigns!.targets[0]).toMatchObject({
      executed: '1250.00',
      progressPercent: '125.00',
      quarters: [
        { quarter: 1, executed: '800.00' },
        { quarter: 2, executed: '450.00' },
        { quarter: 3, executed: '0.00' },
        { quarter: 4, executed: '0.00' },
      ],
    });
    expect(q1.snapshot.programs[0]!.projects[1]!.targets[0]).toMatchObject({
      executed: '800.00',
      progressPercent: '80.00',
    });
  });

  it('summarise the trainings and campaigns of the period', () => {
    expect(yearly.snapshot.trainings).toEqual({
      programmes: 1,
      sessions: 2,
      hoursDelivered: '10.00',
      enrolled: 3,
      trained: 2,
      certified: 1,
      completionPercent: '66.67',
      // (60 − 40 + 55 − 50) / 2 = 12,50
      averageKnowledgeGain: '12.50',
      bySector: [
        { ...SECURITY, label: 'Seguridad' },
        {
          sector: 'justice',
          label: 'Justicia',
          enrolled: 1,
          trained: 1,
          completionPercent: '100.00',
        },
        { sector: 'health', label: 'Salud', enrolled: 1, trained: 0, completionPercent: '0.00' },
      ],
    });
    // The programme ends in June: a Q1 report counts nobody yet.
    expect(q1.snapshot.trainings).toMatchObject({
      enrolled: 0,
      completionPercent: null,
      averageKnowledgeGain: null,
    });
    expect(yearly.snapshot.campaigns).toEqual({
      campaigns: 1,
      activities: 2,
      peopleReached: 1250,
      byGroup: [
        { group: 'migrant', label: 'Persona migrante', reached: 450 },
        { ...WOMAN, label: 'Mujer' },
        { group: 'general_public', label: 'Público general', reached: 300 },
      ],
      byProvince: [
        { province: 'Guayas', reached: 450 },
        { province: 'Pichincha', reached: 800 },
      ],
    });
    expect(q1.snapshot.campaigns).toMatchObject({ activities: 1, peopleReached: 800 });
  });

  it('add the people reached exactly beyond a 32-bit integer', async () => {
    // 2 200 activities of a million people each (the most one row holds), in a year of its own.
    await asSuperuser(
      t.database,
      `with c as (
         insert into campaigns (name, objective, territories, target_groups, channels,
                                starts_on, ends_on, budget_usd, planned_reach, created_by)
         values ('Campaña masiva', 'Prevención', '{Pichincha}', '{woman}', '{radio}',
                 '2095-01-01', '2095-12-31', 0, 0, '${preparer.user.id}')
         returning id),
       a as (
         insert into campaign_activities (campaign_id, happened_on, territory, channel, created_by)
         select c.id, '2095-05-05', 'Pichincha', 'radio', '${preparer.user.id}'
         from c, generate_series(1, 2200)
         returning id)
       insert into campaign_activity_reach (activity_id, reach_group, reached)
       select id, 'general_public', 1000000 from a`,
    );
    const report = await read((await create(preparer.client, { year: 2095 })).id);
    expect(report.snapshot.campaigns).toMatchObject({
      activities: 2200,
      peopleReached: 2_200_000_000,
      byGroup: [{ group: 'general_public', label: 'Público general', reached: 2_200_000_000 }],
      byProvince: [{ province: 'Pichincha', reached: 2_200_000_000 }],
    });
  });

  it("never carry a participant's data, only counts", () => {
    const json = JSON.stringify([yearly, q1]);
    for (const institution of ['Institución 0', 'Institución 1', 'Institución 2']) {
      expect(json).not.toContain(institution);
    }
  });

  it('link the published releases of the period only', () => {
    expect(yearly.snapshot.releases).toEqual([
      expect.objectContaining({
        id: q1Release,
        title: 'Víctimas por provincia',
        path: `/observatorio/${q1Release}`,
      }),
    ]);
    expect(q1.snapshot.releases.map((r) => r.id)).toEqual([q1Release]);
  });

  it('are what the PDF and the XLSX show', async () => {
    const pdf = await preparer.client.download(`${REPORTS}/${yearly.id}.pdf`);
    const text = pdfText(pdf.body as Buffer);
    expect(text).toContain('BORRADOR');
    expect(text).toContain('Agencia líder de prueba');
    expect(text).toContain(`Año ${YEAR}`);
    expect(text).toContain(
      'Proyecto P-1.1 — Capacitación especializada USD 5.500,00 USD 4.884,00 88,80 %',
    );
    expect(text).toContain('Total USD 1.240.067,89 USD 1.004.884,01 81,03 %');
    expect(text).toContain('personas 3 2 66,67 %');
    expect(text).toContain('personas 1.000 1.250 125,00 %');
    expect(text).toContain('Ejecutado por trimestre: T1 800, T2 450, T3 0, T4 0');
    expect(text).toContain('Horas de capacitación impartidas 10');
    expect(text).toContain('Tasa de finalización (capacitadas / inscritas) 66,67 %');
    expect(text).toContain('12,50');
    expect(text).toContain('Personas alcanzadas 1.250');
    expect(text).toContain('Víctimas por provincia Primer trimestre de');
    expect(text.replace(/\s/g, '')).toContain(`/observatorio/${q1Release}`);
    expect(text).toContain('Elaborado por Ana Quishpe Coordinador/a');

    const xlsx = readXlsx(
      (await preparer.client.download(`${REPORTS}/${yearly.id}.xlsx`)).body as Buffer,
    );
    const budget = sheetNamed(xlsx, 'Presupuesto');
    expect(textAt(budget, 'C6')).toBe('P-1.1');
    expect(numberAt(budget, 'E6').value).toBe(5500);
    expect(numberAt(budget, 'F6').value).toBe(4884);
    expect(numberAt(budget, 'G6').value).toBe(0.888);
    expect(numberAt(budget, 'E8')).toMatchObject({ value: 1240067.89, formula: 'SUM(E6:E7)' });
    expect(numberAt(budget, 'F8')).toMatchObject({ value: 1004884.01, formula: 'SUM(F6:F7)' });
    expect(numberAt(budget, 'G8').value).toBe(0.8103);
    const targets = sheetNamed(xlsx, 'Metas');
    expect(numberAt(targets, 'H7').value).toBe(1250);
    expect(numberAt(targets, 'I7').value).toBe(1.25);
    expect(numberAt(targets, 'N7').value).toBe(800);
    expect(numberAt(sheetNamed(xlsx, 'Capacitaciones'), 'B12').value).toBe(0.6667);
    expect(numberAt(sheetNamed(xlsx, 'Campañas'), 'B8').value).toBe(1250);
  });
});

describe('approval freezes the report', () => {
  it('keeps its figures and files whatever the records do later; a new draft shows the change', async () => {
    const draft = await create(preparer.client, {
      quarter: 4,
      conclusions: 'Metas de capacitación cumplidas en dos tercios.',
    });
    const reviewed = await reviewer.client.post(`${REPORTS}/${draft.id}/review`, { version: 1 });
    const { version, figuresDigest } = reviewed.body as Report;
    const res = await approver.client.post(`${REPORTS}/${draft.id}/approve`, {
      version,
      figuresDigest,
    });
    expect(res.status).toBe(200);
    const approved = res.body as Report;
    expect(approved.snapshot.approvedBy).toMatchObject({ name: 'María Tenesaca' });
    // The words the files print are frozen with the figures (format 2).
    expect(res.body.snapshot).toMatchObject({
      format: 2,
      labels: {
        pending: 'pendiente',
        trainings: { hours: 'Horas de capacitación impartidas' },
        campaigns: { reached: 'Personas alcanzadas' },
      },
      trainings: { bySector: expect.arrayContaining([{ ...SECURITY, label: 'Seguridad' }]) },
      campaigns: { byGroup: expect.arrayContaining([{ ...WOMAN, label: 'Mujer' }]) },
      releases: [{ id: q1Release, url: `https://amparo.test/observatorio/${q1Release}` }],
      preparedBy: { roleLabel: 'Coordinador/a' },
      reviewedBy: { roleLabel: 'Coordinador/a' },
      programs: [
        {
          projects: expect.arrayContaining([
            expect.objectContaining({
              targets: [expect.objectContaining({ sourceLabel: 'Registros de Amparo' })],
            }),
          ]),
        },
      ],
    });
    const pdfBefore = (await preparer.client.download(`${REPORTS}/${draft.id}.pdf`)).body as Buffer;
    const xlsxBefore = readXlsx(
      (await preparer.client.download(`${REPORTS}/${draft.id}.xlsx`)).body as Buffer,
    );
    const pdfTextBefore = pdfText(pdfBefore);
    expect(pdfTextBefore).not.toContain('BORRADOR');
    expect(pdfTextBefore).toContain('Aprobado por María Tenesaca Coordinador/a');
    expect(pdfTextBefore).toContain('Revisado por Luis Andrango Coordinador/a');

    // The records move on: more accrued, one more activity, a new release of Q2.
    const entry = await preparer.client.post(`/api/v1/budget/projects/${plan.training}/entries`, {
      kind: 'devengado',
      date: day('11-20'),
      amount: '100.00',
    });
    expect(entry.status).toBe(201);
    const activity = await preparer.client.post(`/api/v1/campaigns/${campaign}/activities`, {
      date: day('11-21'),
      territory: 'Pichincha',
      channel: 'radio',
      reach: [{ group: 'woman', count: 99 }],
    });
    expect(activity.status).toBe(201);
    await insertRelease(t.database, preparer.user.id, {
      tableId: 'victims_by_sex_age_group',
      year: YEAR,
      quarter: 2,
    });

    const after = await read(draft.id);
    expect(after.snapshot).toEqual(approved.snapshot);
    expect(after.figuresDigest).toBe(approved.figuresDigest);
    const pdfAfter = (await preparer.client.download(`${REPORTS}/${draft.id}.pdf`)).body as Buffer;
    expect(pdfAfter.equals(pdfBefore)).toBe(true);
    expect(
      readXlsx((await preparer.client.download(`${REPORTS}/${draft.id}.xlsx`)).body as Buffer),
    ).toEqual(xlsxBefore);

    // Its texts and signatures never change either.
    const edit = await preparer.client.patch(`${REPORTS}/${draft.id}`, {
      version: approved.version,
      conclusions: 'Otra cosa',
    });
    expect([edit.status, edit.body.code]).toEqual([409, 'report_approved']);
    const removal = await preparer.client.send('delete', `${REPORTS}/${draft.id}`);
    expect([removal.status, removal.body.code]).toEqual([409, 'report_approved']);
    const again = await reviewer.client.post(`${REPORTS}/${draft.id}/review`, {
      version: approved.version,
    });
    expect(again.status).toBe(409);

    // The yearly draft (the same months) shows the records as they are now.
    const fresh = await create(preparer.client, { year: YEAR });
    const training = fresh.snapshot.programs[0]!.projects[0]!;
    // 4 984,00 / 5 500,00 = 90,6181… %
    expect(training.budget).toEqual({
      coded: '5500.00',
      accrued: '4984.00',
      executionPercent: '90.62',
    });
    expect(fresh.snapshot.campaigns).toMatchObject({ peopleReached: 1349 });
    expect(fresh.snapshot.releases).toHaveLength(2);
    expect(approved.snapshot.programs[0]!.projects[0]!.budget.accrued).toBe('4884.00');
    expect(fresh.figuresDigest).not.toBe(approved.figuresDigest);
    expect(
      pdfText((await preparer.client.download(`${REPORTS}/${fresh.id}.pdf`)).body as Buffer),
    ).toContain('USD 5.500,00 USD 4.984,00 90,62 %');
  });

  it('refuses an approval when the figures moved after the approver read them', async () => {
    const draft = await create(preparer.client, { year: YEAR, quarter: 3 });
    const reviewed = (await reviewer.client.post(`${REPORTS}/${draft.id}/review`, { version: 1 }))
      .body as Report;
    await preparer.client.post(`/api/v1/budget/projects/${plan.campaigns}/entries`, {
      kind: 'devengado',
      date: day('09-01'),
      amount: '0.01',
    });
    const res = await approver.client.post(`${REPORTS}/${draft.id}/approve`, {
      version: reviewed.version,
      figuresDigest: reviewed.figuresDigest,
    });
    expect([res.status, res.body.code]).toEqual([409, 'figures_changed']);
    expect((await read(draft.id)).status).toBe('draft');
  });
});

describe('the database', () => {
  const as = (signed: Signed): DbActor => ({
    id: signed.user.id,
    role: 'coordinator',
    institutionId: signed.user.institutionId,
  });
  const attempt = (actor: DbActor, statement: string) =>
    inActorTransaction(t.database.store, actor, (trx) => sql.raw(statement).execute(trx));

  /** A superuser, who bypasses row-level security; the triggers still run. */
  async function asSuperuserWithTriggers(statement: string): Promise<void> {
    if (!adminUrl) {
      try {
        await sql.raw(`reset role; ${statement}`).execute(t.database.db);
      } finally {
        await sql.raw('set role amparo_app').execute(t.database.db);
      }
      return;
    }
    const database = new URL(t.database.urls!.app).pathname.slice(1);
    await withKysely(urlFor(adminUrl, new URL(adminUrl).username, database), (admin) =>
      sql.raw(`set search_path = amparo; ${statement}`).execute(admin),
    );
  }

  it('never changes or deletes an approved report, whoever asks', async () => {
    const draft = await reviewedDraft();
    const res = await approver.client.post(`${REPORTS}/${draft.id}/approve`, {
      version: draft.version,
      figuresDigest: draft.figuresDigest,
    });
    expect(res.status).toBe(200);
    const statements = [
      `update management_reports set conclusions = 'x' where id = '${draft.id}'`,
      `update management_reports set snapshot = '{}' where id = '${draft.id}'`,
      `update management_reports set status = 'draft', approved_by = null where id = '${draft.id}'`,
      `delete from management_reports where id = '${draft.id}'`,
    ];
    for (const statement of statements) {
      // Row-level security leaves the application nothing to change…
      const result = await attempt(as(preparer), statement);
      expect([statement, result.numAffectedRows]).toEqual([statement, 0n]);
      // …and the trigger refuses even a superuser.
      await expect(asSuperuserWithTriggers(statement)).rejects.toThrow(/frozen/);
    }
    const after = await read(draft.id);
    expect(after.status).toBe('approved');
    expect(after.snapshot).toEqual((res.body as Report).snapshot);
  });

  /** As asSuperuser (triggers off), for a statement expected to fail: the session is restored. */
  async function tamper(statement: string): Promise<void> {
    if (adminUrl) return asSuperuser(t.database, statement);
    try {
      await sql
        .raw(`reset role; set session_replication_role = replica; ${statement}`)
        .execute(t.database.db);
    } finally {
      await sql
        // A failed statement rolls back the SETs before it (one implicit transaction).
        .raw('reset role; set session_replication_role = origin; set role amparo_app')
        .execute(t.database.db);
    }
  }

  it('refuses an approval by the reviewer, or before the period ends (0029)', async () => {
    const reviewedBy = async (year: number) => {
      const draft = await create(preparer.client, { year });
      await attempt(
        as(reviewer),
        `update management_reports set reviewed_by = '${reviewer.user.id}' where id = '${draft.id}'`,
      );
      return draft.id;
    };
    const approve = (signed: Signed, id: string) =>
      attempt(
        as(signed),
        `update management_reports set status = 'approved', approved_by = '${signed.user.id}',
        snapshot = '{"format": 2}' where id = '${id}'`,
      );
    await expect(approve(reviewer, await reviewedBy(freeYear++))).rejects.toThrow(
      /management_reports_approver_not_reviewer/,
    );
    await expect(approve(approver, await reviewedBy(YEAR + 1))).rejects.toThrow(
      /management_reports_approved_after_period/,
    );

    // The day is Ecuador's: 23:30 on 31 March in Quito is already 1 April in UTC.
    const row = (quarter: number | null, approvedAt: string) =>
      `insert into management_reports (period_year, period_quarter, status, prepared_by,
         prepared_by_name, reviewed_by, reviewed_by_name, reviewed_at, approved_by,
         approved_by_name, approved_at, snapshot)
       values (2030, ${quarter ?? 'null'}, 'approved', '${preparer.user.id}', 'A',
         '${reviewer.user.id}', 'B', '${approvedAt}', '${approver.user.id}', 'C',
         '${approvedAt}', '{"format": 2}')`;
    for (const [quarter, early, first] of [
      [1, '2030-03-31T23:30:00-05:00', '2030-04-01T00:00:00-05:00'],
      [3, '2030-09-30T23:59:59-05:00', '2030-10-01T00:00:00-05:00'],
      [null, '2030-12-31T23:30:00-05:00', '2031-01-01T00:00:00-05:00'],
    ] as const) {
      await expect(tamper(row(quarter, early))).rejects.toThrow(
        /management_reports_approved_after_period/,
      );
      await tamper(row(quarter, first));
    }
    const { rows } = await inActorTransaction(t.database.store, as(preparer), (trx) =>
      sql<{ n: number }>`select count(*)::int as n from management_reports
                           where period_year = 2030 and status = 'approved'`.execute(trx),
    );
    expect(rows).toEqual([{ n: 3 }]);
  });

  it('holds the four-eyes rules and the signers’ names itself', async () => {
    const draft = await create(preparer.client, { year: freeYear++ });
    await expect(
      attempt(
        as(preparer),
        `update management_reports set reviewed_by = '${preparer.user.id}' where id = '${draft.id}'`,
      ),
    ).rejects.toThrow();
    await expect(
      attempt(
        as(reviewer),
        `update management_reports set reviewed_by = '${approver.user.id}' where id = '${draft.id}'`,
      ),
    ).rejects.toThrow(/acting staff member/);
    await expect(
      attempt(
        as(reviewer),
        `update management_reports set conclusions = 'ajeno' where id = '${draft.id}'`,
      ),
    ).rejects.toThrow(/only the preparer/);
    await expect(
      attempt(
        as(reviewer),
        `update management_reports set status = 'approved', approved_by = '${reviewer.user.id}',
        snapshot = '{}' where id = '${draft.id}'`,
      ),
    ).rejects.toThrow();
    await expect(
      attempt(
        as(reviewer),
        `insert into management_reports (period_year, prepared_by)
        values (2099, '${preparer.user.id}')`,
      ),
    ).rejects.toThrow(/row-level security/);
    await attempt(
      as(reviewer),
      `update management_reports set reviewed_by = '${reviewer.user.id}',
      reviewed_by_name = 'Otro nombre' where id = '${draft.id}'`,
    );
    expect((await read(draft.id)).reviewedBy).toMatchObject({ name: 'Luis Andrango' });
    // Other roles see no report at all.
    const { rows } = await inActorTransaction(
      t.database.store,
      { id: others.get('admin')!.user.id, role: 'admin', institutionId: null },
      (trx) => sql`select count(*)::int as n from management_reports`.execute(trx),
    );
    expect(rows).toEqual([{ n: 0 }]);
  });
});
