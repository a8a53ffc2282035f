import { startTestApp, type TestApp } from '../helpers/app';
import { engine } from '../helpers/engine';
import { apiDocument, listen, plainGet } from './listen';
import { runMtlsFuzz } from './mtls-fuzz';
import { operationsOf } from './requests';
import { runFuzz, type FuzzStats } from './runner';
import { seedWorld, type FuzzWorld } from './world';

/**
 * The OpenAPI-driven fuzzer with a fixed seed and a count that fits CI (the
 * full run is `npm run fuzz`): no 5xx but a documented 503, every 4xx a
 * problem+json with a code the server defines, every 2xx JSON parses, no
 * canary in any answer (to a session that may not read it) or log line, and
 * the server still serving afterwards.
 */
const SEED = 16;
const COUNT = Number(process.env.FUZZ_CI_COUNT ?? 1500);

let t: TestApp;
let listener: Awaited<ReturnType<typeof listen>>;
let world: FuzzWorld;
let stats: FuzzStats;

beforeAll(async () => {
  t = await startTestApp();
  listener = await listen(t.app);
  world = await seedWorld(t);
  stats = await runFuzz({
    t,
    port: listener.port,
    world,
    document: apiDocument(),
    seed: SEED,
    count: COUNT,
  });
}, 300_000);
afterAll(async () => {
  await listener.close();
  await t.close();
});

it(`sends ${COUNT} requests over every documented operation (${engine})`, () => {
  expect(stats.requests).toBe(COUNT);
  const documented = operationsOf(apiDocument()).map((op) => `${op.method} ${op.template}`);
  const reached = [...stats.byOperation.keys()];
  // Every operation drawn at least once at this count and seed.
  expect(documented.filter((op) => !reached.includes(op))).toEqual([]);
});

it('finds no 5xx, no non-problem 4xx, no unknown code, no unparsable 2xx, no canary', () => {
  expect(stats.findings).toEqual([]);
  expect(stats.logCanaries).toBe(0);
});

it('still serves /healthz and a signed-in request afterwards', async () => {
  expect((await plainGet(listener.port, '/healthz')).status).toBe(200);
  const caseworker = world.sessions.get('caseworker')!;
  if (caseworker.stale) await world.refresh(caseworker);
  const cookie = caseworker.client.cookie!;
  const cases = await plainGet(listener.port, '/api/v1/cases', { Cookie: cookie });
  expect(cases.status).toBe(200);
  expect(JSON.parse(cases.body)).toMatchObject({ items: expect.any(Array) });
});

it('the mutual-TLS listener: odd certificates refused (TLS or 401), garbage never a 5xx, still serving', async () => {
  const result = await runMtlsFuzz(t, 100, SEED);
  expect(result.findings).toEqual([]);
  for (const kind of ['none', 'selfSigned', 'otherCa', 'expired']) {
    expect(result.outcomes[`${kind}:tls_refused`]).toBeGreaterThan(0);
  }
  expect(result.outcomes['revoked:401']).toBeGreaterThan(0);
  expect(result.outcomes['offTheBooks:401']).toBeGreaterThan(0);
  expect(result.outcomes['valid:200']).toBeGreaterThan(0);
}, 120_000);
