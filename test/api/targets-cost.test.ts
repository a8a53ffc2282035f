import { startTestApp, type TestApp } from '../helpers/app';
import { engine } from '../helpers/engine';
import { addEntry, BUDGET, createTarget, seedManagementYear, TARGETS } from '../helpers/targets';
import { CAMPAIGNS, campaignBody } from '../helpers/campaigns';
import { createProgramme } from '../helpers/trainings';
import { signedIn } from '../helpers/users';

/**
 * One request, one transaction (ARCHITECTURE.md), for the targets' endpoints:
 * the budget entry written with its audit row and the project's budget read
 * back; and the management figures, whose cost does not grow with the
 * targets: one statement computes every period of every computed target,
 * and the filters' programmes and campaigns are checked once each, never
 * per target, quarter or budget entry.
 */
let t: TestApp;
let coordinator: Awaited<ReturnType<typeof signedIn>>;
let seeded: Awaited<ReturnType<typeof seedManagementYear>>;

beforeAll(async () => {
  t = await startTestApp();
  coordinator = await signedIn(t, 'coordinator');
  seeded = await seedManagementYear(coordinator.client, 2025);
}, 60_000);
afterAll(() => t.close());

async function cost(send: () => Promise<{ status: number }>, expectedStatus: number) {
  const { result, statements } = await t.database.recordStatements(send);
  expect(result.status).toBe(expectedStatus);
  const transactions = statements.filter((text) => /^begin\b/i.test(text)).length;
  return { statements, transactions };
}

describe(`cost of the targets' requests (${engine})`, () => {
  it('a budget entry is one transaction: written, audited and read back', async () => {
    const write = await cost(
      () =>
        coordinator.client.post(`${BUDGET}/projects/${seeded.projectId}/entries`, {
          kind: 'devengado',
          date: '2025-12-01',
          amount: '1.00',
        }),
      201,
    );
    expect(write.transactions).toBe(1);
    expect(write.statements.filter((s) => /insert into "audit_events"/.test(s))).toHaveLength(1);
    expect(write.statements.length).toBeLessThanOrEqual(8);
  });

  it('the management figures cost the same whatever the number of targets and quarters', async () => {
    const before = await cost(() => coordinator.client.get(`${TARGETS}/progress?year=2025`), 200);
    expect(before.transactions).toBe(1);
    for (const kind of ['campaign_activities_held', 'people_trained', 'cases_attended']) {
      await createTarget(coordinator.client, seeded.projectId, { measure: { kind } });
    }
    await addEntry(coordinator.client, seeded.projectId, {
      kind: 'devengado',
      date: '2025-12-02',
      amount: '2.00',
    });
    const three = await cost(() => coordinator.client.get(`${TARGETS}/progress?year=2025`), 200);
    expect(three.transactions).toBe(1);
    // One statement for all their values.
    expect(three.statements.length).toBe(before.statements.length + 1);
    const programme = await createProgramme(coordinator.client);
    const campaign = await coordinator.client.post(CAMPAIGNS, campaignBody());
    expect(campaign.status).toBe(201);
    for (const kind of ['people_certified', 'training_hours_delivered', 'people_trained']) {
      await createTarget(coordinator.client, seeded.projectId, {
        measure: { kind, filters: { programmeIds: [programme.id] } },
      });
    }
    for (const kind of ['people_reached', 'campaign_activities_held']) {
      await createTarget(coordinator.client, seeded.projectId, {
        measure: { kind, filters: { campaignIds: [(campaign.body as { id: string }).id] } },
      });
    }
    // Whether the programmes and the campaigns named still exist: one statement each.
    const eight = await cost(() => coordinator.client.get(`${TARGETS}/progress?year=2025`), 200);
    expect(eight.statements.length).toBe(three.statements.length + 2);
    const quarter = await cost(
      () => coordinator.client.get(`${TARGETS}/progress?year=2025&quarter=2`),
      200,
    );
    expect(quarter.statements.length).toBe(eight.statements.length);
    expect(eight.statements.length).toBeLessThanOrEqual(13);
  });
});
