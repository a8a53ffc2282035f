/**
 * The OpenAPI-driven fuzzer in full, as its own process:
 *   npm run fuzz -- --count 100000 [--seed S] [--concurrency C]
 * The real app (startTestApp: a fresh migrated database on the test engine,
 * PGlite unless TEST_DATABASE_URL names a PostgreSQL server) behind a real
 * HTTP listener on loopback, in this process so that its log is captured for
 * the canary check and its memory can be read after a forced GC (run with
 * --expose-gc, as the npm script does). Prints requests by operation and
 * status, duration, RSS before/after, and every finding; exits 1 on any.
 */
import globalSetup from '../test/helpers/global-setup';
import globalTeardown from '../test/helpers/global-teardown';
import { startTestApp } from '../test/helpers/app';
import { engine } from '../test/helpers/engine';
import { apiDocument, listen, plainGet } from '../test/fuzz/listen';
import { runFuzz, type FuzzStats } from '../test/fuzz/runner';
import { seedWorld } from '../test/fuzz/world';
import { runMtlsFuzz } from '../test/fuzz/mtls-fuzz';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isSafeInteger(value) || value < 0)
    throw new Error(`--${name} must be a whole number`);
  return value;
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const gc = (globalThis as { gc?: () => void }).gc;

function memory(label: string) {
  gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  console.log(`${label}: RSS ${mib(rss)}, heap used ${mib(heapUsed)}${gc ? ' (after a GC)' : ''}`);
  return rss;
}

function printStats(stats: FuzzStats) {
  console.log(
    `\nrequests: ${stats.requests} in ${(stats.durationMs / 1000).toFixed(1)} s (${(stats.requests / (stats.durationMs / 1000)).toFixed(0)}/s)`,
  );
  console.log(`by status class: ${JSON.stringify(stats.byClass)}`);
  console.log(`refused by Node's HTTP parser before the app: ${stats.parserRefusals}`);
  console.log(
    `sessions signed in again (logged out or locked by the fuzzer): ${stats.sessionRefreshes}`,
  );
  console.log(`canaries in log lines: ${stats.logCanaries}`);
  console.log('\nby operation (method as sent) and status:');
  for (const [operation, statuses] of [...stats.byOperation].sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    const cells = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}:${n}`);
    console.log(`  ${operation}  ${cells.join(' ')}`);
  }
  console.log(`\nfindings: ${stats.findings.length}`);
  for (const f of stats.findings) {
    console.log(
      `  [${f.kind}] ${f.status} ${f.operation} ×${f.count}: ${f.detail}\n    e.g. ${f.example.slice(0, 600)}`,
    );
  }
}

async function main() {
  const count = option('count', 100_000);
  const seed = option('seed', Date.now() % 1_000_000);
  const concurrency = option('concurrency', 4);
  const skip = option('skip', 0);
  console.log(
    `fuzz: ${count} requests, seed ${seed}, concurrency ${concurrency}, engine ${engine}`,
  );
  await globalSetup();
  const t = await startTestApp();
  const listener = await listen(t.app);
  let failed = false;
  try {
    const world = await seedWorld(t);
    const before = memory('before (after seeding)');
    let last = performance.now();
    let printed = 0;
    const stats = await runFuzz({
      t,
      port: listener.port,
      world,
      document: apiDocument(),
      seed,
      count,
      concurrency,
      skip,
      onChunk: (done, s) => {
        for (const f of s.findings.slice(printed)) {
          console.log(
            `  finding [${f.kind}] ${f.status} ${f.operation}: ${f.detail}\n    e.g. ${f.example.slice(0, 600)}`,
          );
        }
        printed = s.findings.length;
        if (performance.now() - last < 10_000 && done < count) return;
        last = performance.now();
        const { rss } = process.memoryUsage();
        console.log(
          `  ${done}/${count} ${JSON.stringify(s.byClass)} findings ${s.findings.length} RSS ${mib(rss)}`,
        );
      },
    });
    const peak = process.memoryUsage().rss;
    printStats(stats);
    const mtls = await runMtlsFuzz(t, Math.max(50, Math.round(count / 200)), seed);
    console.log(
      `\nmTLS listener: ${JSON.stringify(mtls.outcomes)}; findings ${mtls.findings.length}`,
    );
    for (const f of mtls.findings) console.log(`  ${f}`);
    const health = await plainGet(listener.port, '/healthz');
    const caseworker = world.sessions.get('caseworker')!;
    if (caseworker.stale) await world.refresh(caseworker);
    const cases = await plainGet(listener.port, '/api/v1/cases', {
      Cookie: caseworker.client.cookie!,
    });
    console.log(
      `\nafterwards: /healthz ${health.status}, a caseworker's GET /api/v1/cases ${cases.status}`,
    );
    console.log(`RSS at the end of the run (before a GC): ${mib(peak)}`);
    const after = memory('after');
    console.log(`RSS after/before: ${((after / before) * 100).toFixed(0)} %`);
    failed =
      stats.findings.length > 0 ||
      stats.logCanaries > 0 ||
      mtls.findings.length > 0 ||
      health.status !== 200 ||
      cases.status !== 200;
  } finally {
    await listener.close();
    await t.close();
    await globalTeardown();
  }
  process.exitCode = failed ? 1 : 0;
}

void main();
