import { startTestApp, type TestApp } from '../helpers/app';
import { engine } from '../helpers/engine';
import { addEntry, BUDGET, createTarget, seedManagementYear, TARGETS } from '../helpers/targets';
import { signedIn } from '../helpers/users';

/**
 * One request, one transaction (ARCHITECTURE.md), for the targets' endpoints:
 * the budget entry written with its audit row and the project's budget read
 * back; and the management figures, whose cost grows by one statement per
 * target (one statement computes every period of a target), never per
 * quarter or per budget entry.
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

  it('the management figures cost one statement more per target, whatever the quarters', async () => {
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
    const after = await cost(() => coordinator.client.get(`${TARGETS}/progress?year=2025`), 200);
    expect(after.transactions).toBe(1);
    expect(after.statements.length).toBe(before.statements.length + 3);
    expect(after.statements.length).toBeLessThanOrEqual(14);
  });
});
