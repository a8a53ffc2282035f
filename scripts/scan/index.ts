/**
 * npm run scan [-- --sqlmap-seconds 90 --sqlmap-minutes 12 --wapiti-seconds 60 --only sqlmap|wapiti]
 *
 * sqlmap and wapiti (Debian packages: `apt-get install sqlmap wapiti`) against
 * a fresh Amparo instance on loopback, with a signed-in session of each role
 * (cookie + CSRF token). Results go to scan-results/<time>/ (git-ignored): each
 * tool's log and report, the server's log, and summary.json; a summary is
 * printed. The whole run is bounded: each sqlmap target by --sqlmap-seconds and
 * all of them by --sqlmap-minutes (targets left are reported as skipped), each
 * wapiti run by --wapiti-seconds, one per role: at most about 25 minutes with
 * the defaults, set-up included. Not
 * part of CI. Exit 0 when nothing was found, 1 when a finding needs a look, 2
 * when the scan could not run.
 *
 * The database: SCAN_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres),
 * on which a database `amparo_scan` is made and dropped afterwards; the
 * embedded engine when that server does not answer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startInstance, type ScanInstance } from './server';
import { sqlmapTargets, wapitiStarts, type Who } from './targets';
import {
  runSqlmap,
  runWapiti,
  stopRunningTools,
  toolVersion,
  SQLMAP_OPTIONS,
  WAPITI_MODULES,
  type Credentials,
  type SqlmapResult,
  type WapitiResult,
} from './tools';
import { buildWorld, SCAN_ROLES, type ScanWorld } from './world';
import { readServerLog } from './server-log';

const ROOT = path.resolve(__dirname, '../..');
const KEEPALIVE_MS = 60_000;
const MIN_TARGET_SECONDS = 10;
let instance: ScanInstance | undefined;

const { values } = parseArgs({
  options: {
    'sqlmap-seconds': { type: 'string', default: '90' },
    'sqlmap-minutes': { type: 'string', default: '12' },
    'wapiti-seconds': { type: 'string', default: '60' },
    only: { type: 'string' },
  },
});
const sqlmapSeconds = Number(values['sqlmap-seconds']);
const sqlmapBudgetMs = Number(values['sqlmap-minutes']) * 60_000;
const wapitiSeconds = Number(values['wapiti-seconds']);
const only = values.only;

const log = (line: string) =>
  console.log(`[scan ${new Date().toISOString().slice(11, 19)}] ${line}`);

async function main(): Promise<number> {
  const versions = { sqlmap: toolVersion('sqlmap'), wapiti: toolVersion('wapiti') };
  if (!versions.sqlmap || !versions.wapiti) {
    console.error('sqlmap and wapiti are needed: apt-get install -y sqlmap wapiti');
    return 2;
  }
  const outDir = path.join(ROOT, 'scan-results', new Date().toISOString().replace(/[:.]/g, '-'));
  fs.mkdirSync(outDir, { recursive: true });
  log(`sqlmap ${versions.sqlmap}, ${versions.wapiti}; results in ${path.relative(ROOT, outDir)}`);

  const adminUrl = process.env.SCAN_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const started = Date.now();
  instance = await startInstance(adminUrl, path.join(outDir, 'server.log'), log);
  let keepalive: NodeJS.Timeout | undefined;
  try {
    log(`Amparo at ${instance.baseUrl} on ${instance.engine}`);
    const world = await buildWorld(instance.baseUrl, instance.admin, log);
    const credentials = await credentialsOf(world);
    // Sessions end after 15 idle minutes: each is kept in use while the tools run.
    keepalive = setInterval(() => {
      for (const session of Object.values(world.sessions)) {
        void session.status('GET', '/api/v1/auth/me').catch(() => undefined);
      }
    }, KEEPALIVE_MS);

    const sqlmap: SqlmapResult[] = [];
    const skipped: string[] = [];
    if (only !== 'wapiti') {
      const deadline = Date.now() + sqlmapBudgetMs;
      for (const target of sqlmapTargets(world)) {
        const left = Math.floor((deadline - Date.now()) / 1000);
        if (left < MIN_TARGET_SECONDS) {
          skipped.push(target.name);
          continue;
        }
        const result = await runSqlmap(
          instance.baseUrl,
          target,
          credentials[target.who],
          outDir,
          Math.min(sqlmapSeconds, left),
        );
        sqlmap.push(result);
        log(
          `sqlmap ${target.name} (${target.who}): ${result.injectable ? 'INJECTABLE' : 'not injectable'}` +
            `, ${result.parameters.length} parameters, ${Math.round(result.seconds)} s` +
            `${result.timedOut ? ' (time limit)' : ''}, HTTP errors ${JSON.stringify(result.httpErrors)}`,
        );
      }
    }
    const wapiti: WapitiResult[] = [];
    if (only !== 'sqlmap') {
      const starts = wapitiStarts(world);
      for (const who of Object.keys(starts) as Who[]) {
        const result = await runWapiti(
          instance.baseUrl,
          who,
          starts[who],
          credentials[who],
          outDir,
          wapitiSeconds,
        );
        wapiti.push(result);
        log(
          `wapiti (${who}): ${result.findings.length} findings, ${Math.round(result.seconds)} s` +
            `${result.reportWritten ? '' : ' (no report written)'}`,
        );
      }
    }
    const stillSignedIn = await signedInRoles(world);
    markKnownFalsePositives(wapiti, await fetch(`${instance.baseUrl}/`));
    clearInterval(keepalive);
    const alive = instance.alive();
    await instance.stop();
    const server = readServerLog(instance.serverLog, world.canaries);
    const summary = {
      date: new Date().toISOString(),
      minutes: Math.round((Date.now() - started) / 6000) / 10,
      versions,
      engine: instance.engine,
      roles: SCAN_ROLES,
      sqlmapOptions: SQLMAP_OPTIONS,
      wapitiModules: WAPITI_MODULES,
      serverAliveAtEnd: alive,
      stillSignedIn,
      server,
      sqlmap,
      sqlmapSkipped: skipped,
      wapiti,
    };
    fs.writeFileSync(path.join(outDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
    return printSummary(summary);
  } finally {
    clearInterval(keepalive);
    await instance.stop();
  }
}

/**
 * Wapiti 3.0.4 wants `X-XSS-Protection: 1`; helmet sends `0` on purpose (the
 * browsers' old XSS filter could be abused to leak data; the CSP is the
 * control). Marked only when the server really answers `0`.
 */
function markKnownFalsePositives(wapiti: WapitiResult[], root: Response): void {
  const xssProtection = root.headers.get('x-xss-protection');
  for (const finding of wapiti.flatMap((w) => w.findings)) {
    if (finding.info === 'X-XSS-Protection is not set' && xssProtection === '0') {
      finding.falsePositive = 'the server sends X-XSS-Protection: 0 on purpose (helmet)';
    }
  }
}

async function credentialsOf(world: ScanWorld): Promise<Record<Who, Credentials>> {
  const entries = await Promise.all(
    [
      ...SCAN_ROLES.map((role) => [role, world.sessions[role]] as const),
      ['anonymous', world.anonymous] as const,
    ].map(
      async ([who, session]) =>
        [who, { cookie: session.cookie, csrfToken: await session.csrfToken() }] as const,
    ),
  );
  return Object.fromEntries(entries) as Record<Who, Credentials>;
}

/** Which sessions still answer /auth/me with 200 (a scan that lost its session tested little). */
async function signedInRoles(world: ScanWorld): Promise<Record<string, boolean>> {
  const out: Record<string, boolean> = {};
  for (const role of SCAN_ROLES) {
    out[role] = (await world.sessions[role].status('GET', '/api/v1/auth/me')) === 200;
  }
  return out;
}

function printSummary(s: {
  minutes: number;
  engine: string;
  serverAliveAtEnd: boolean;
  stillSignedIn: Record<string, boolean>;
  server: ReturnType<typeof readServerLog>;
  sqlmap: SqlmapResult[];
  sqlmapSkipped: string[];
  wapiti: WapitiResult[];
}): number {
  const lines = [
    '',
    `== scan summary (${s.minutes} min, ${s.engine}) ==`,
    `server alive at the end: ${s.serverAliveAtEnd}; sessions still valid: ${JSON.stringify(s.stillSignedIn)}`,
    `server log: ${s.server.requests} requests, by status ${JSON.stringify(s.server.byStatus)}, ` +
      `5xx routes ${JSON.stringify(s.server.serverErrors)}, canaries found ${s.server.canariesFound}`,
    'sqlmap:',
    ...s.sqlmap.map(
      (r) =>
        `  ${r.injectable ? 'INJECTABLE' : 'ok        '} ${r.name} (${r.who}) ${r.method} — ` +
        `${r.parameters.length} parameters${r.timedOut ? ', time limit' : ''}` +
        `${r.suspicions.length ? `, ${r.suspicions.length} suspicions` : ''}` +
        `${r.critical.length ? `, critical: ${r.critical.join(' | ')}` : ''}`,
    ),
    ...(s.sqlmapSkipped.length ? [`  skipped (time budget): ${s.sqlmapSkipped.join(', ')}`] : []),
    'wapiti:',
    ...s.wapiti.flatMap((w) => [
      `  ${w.who}: ${w.findings.length} findings${w.reportWritten ? '' : ' (no report)'}`,
      ...w.findings.map(
        (f) =>
          `    ${f.kind} ${f.category}: ${f.method} ${f.path} [${f.parameter}] ${f.info}` +
          `${f.falsePositive ? ` — false positive: ${f.falsePositive}` : ''}`,
      ),
    ]),
  ];
  console.log(lines.join('\n'));
  const findings =
    s.sqlmap.some(
      (r) => r.injectable || r.suspicions.length > 0 || (r.httpErrors['500'] ?? 0) > 0,
    ) ||
    s.wapiti.some((w) => w.findings.some((f) => !f.falsePositive)) ||
    Object.keys(s.server.serverErrors).length > 0 ||
    s.server.canariesFound > 0 ||
    !s.serverAliveAtEnd;
  return findings ? 1 : 0;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stopRunningTools();
    void (instance?.stop() ?? Promise.resolve()).finally(() => process.exit(2));
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
