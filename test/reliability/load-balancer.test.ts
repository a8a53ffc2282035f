/**
 * HAProxy in front of three instances (the configuration docs/RELIABILITY.md
 * gives operators): requests are spread over every instance, and an instance
 * killed outright costs no request while HAProxy takes it out of rotation
 * within its check interval.
 */
import { startCluster, type Cluster } from './support/cluster';
import { waitFor } from './support/net';

/** inter 500ms × fall 2, plus the check's own time and some slack on a busy machine. */
const MARKED_DOWN_WITHIN_MS = 5_000;

let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({ instances: 3 });
});

afterAll(async () => {
  await cluster?.stop();
});

async function burst(count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${cluster.url}/readyz`);
    await response.arrayBuffer();
    statuses.push(response.status);
  }
  return statuses;
}

const difference = (after: number[], before: number[]) =>
  after.map((value, i) => value - (before[i] ?? 0));

it('spreads a burst of requests over every instance', async () => {
  const before = await cluster.requestsPerInstance();
  expect(await burst(30)).toEqual(Array(30).fill(200));
  const served = difference(await cluster.requestsPerInstance(), before);
  expect(served.reduce((sum, n) => sum + n, 0)).toBe(30);
  // Round robin: each of the three gets its share (not one instance taking all).
  for (const count of served) expect(count).toBeGreaterThanOrEqual(5);
});

it('keeps serving when an instance is killed, and takes it out within the check interval', async () => {
  const victim = cluster.instance(1);
  await victim.kill('SIGKILL');
  const killedAt = Date.now();
  // Before the checks notice, a request HAProxy sends to the dead instance
  // fails to connect and is redispatched to a live one: none is lost.
  expect(await burst(12)).toEqual(Array(12).fill(200));
  await waitFor(
    async () => (await cluster.instanceStates())[1] !== 'UP',
    MARKED_DOWN_WITHIN_MS,
    'HAProxy to mark the killed instance down',
  );
  expect(Date.now() - killedAt).toBeLessThan(MARKED_DOWN_WITHIN_MS);

  const before = await cluster.requestsPerInstance();
  expect(await burst(12)).toEqual(Array(12).fill(200));
  const served = difference(await cluster.requestsPerInstance(), before);
  expect(served[1]).toBe(0);
  expect(served[0]! + served[2]!).toBe(12);
});

it('puts a restarted instance back in rotation', async () => {
  await cluster.instance(1).restart();
  await waitFor(
    async () => (await cluster.instanceStates()).every((state) => state === 'UP'),
    MARKED_DOWN_WITHIN_MS,
    'HAProxy to see the restarted instance up',
  );
  const before = await cluster.requestsPerInstance();
  expect(await burst(12)).toEqual(Array(12).fill(200));
  expect(difference(await cluster.requestsPerInstance(), before)[1]).toBeGreaterThan(0);
});
