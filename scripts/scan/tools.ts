/**
 * Runs sqlmap and wapiti (Debian's packages) as child processes, each bounded
 * in time, and reads what they report. Both talk to 127.0.0.1 only: proxies
 * from the environment are dropped, wapiti never sends its bug reports, and
 * the modules that need an outside endpoint (ssrf, xxe) or download data
 * (nikto, wapp) are not run.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DEV_SESSION_COOKIE } from '../../server/modules/auth/session';
import type { SqlmapTarget } from './targets';

export interface Credentials {
  cookie: string;
  csrfToken: string;
}

/** Proxies dropped, loopback named as never proxied. */
function loopbackEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_PROXY: '127.0.0.1,localhost' };
  for (const key of ['http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY']) {
    delete env[key];
  }
  return env;
}

export function toolVersion(command: string): string | undefined {
  try {
    const out = execFileSync(command, ['--version'], { encoding: 'utf8', env: loopbackEnv() });
    const line = out
      .split('\n')
      .map((l) => l.trim())
      .find((l) => /^(\d+\.\d+|Wapiti[- ]\d)/.test(l));
    return line ?? out.trim().split('\n')[0];
  } catch {
    return undefined;
  }
}

interface Run {
  output: string;
  seconds: number;
  timedOut: boolean;
  code: number | null;
}

const running = new Set<ChildProcess>();

/** Ends the tool processes this scan started (on Ctrl-C or a failure). */
export function stopRunningTools(): void {
  for (const child of running) child.kill('SIGTERM');
}

/** Spawns a command with a deadline (SIGTERM, then SIGKILL after 10 s); output kept in a file too. */
function run(command: string, args: string[], logFile: string, limitSeconds: number): Promise<Run> {
  const started = performance.now();
  const log = fs.createWriteStream(logFile);
  log.write(`$ ${command} ${args.map((a) => JSON.stringify(a)).join(' ')}\n\n`);
  const child = spawn(command, args, { env: loopbackEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    log.write(chunk);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let timedOut = false;
  let kill: NodeJS.Timeout | undefined;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGTERM');
    kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
  }, limitSeconds * 1000);
  return new Promise((resolve) => {
    child.once('close', (code) => {
      running.delete(child);
      clearTimeout(timer);
      clearTimeout(kill);
      log.end();
      resolve({ output, seconds: (performance.now() - started) / 1000, timedOut, code });
    });
  });
}

export const SQLMAP_OPTIONS = [
  '--batch',
  '--dbms=PostgreSQL',
  '--level=2',
  '--risk=2',
  '--time-sec=2',
  '--threads=2',
  '--timeout=15',
  '--retries=1',
  '--ignore-proxy',
  '--disable-coloring',
  // Strict schemas answer sqlmap's WAF probe (an extra parameter) with 400: not a WAF.
  '--skip-waf',
  // The session cookie is the scan's credential, not a parameter (level ≥ 2 would test cookies).
  `--skip=${DEV_SESSION_COOKIE}`,
  // Never follow a redirect elsewhere; process the JSON body and the `*` marks.
  '--answers=follow=N,JSON=Y,process=Y,custom=Y',
];

export interface SqlmapResult {
  name: string;
  who: string;
  method: string;
  path: string;
  parameters: string[];
  injectable: boolean;
  /** sqlmap's "might be injectable" and "appears to be … injectable" lines, for review. */
  suspicions: string[];
  /** "HTTP error codes detected during run" as sqlmap counted them. */
  httpErrors: Record<string, number>;
  critical: string[];
  seconds: number;
  timedOut: boolean;
}

export async function runSqlmap(
  baseUrl: string,
  target: SqlmapTarget,
  credentials: Credentials | undefined,
  outDir: string,
  limitSeconds: number,
): Promise<SqlmapResult> {
  const args = ['-u', `${baseUrl}${target.path}`, '--method', target.method];
  args.push('-H', 'Accept: application/json');
  if (credentials) {
    args.push('-H', `Cookie: ${credentials.cookie}`);
    args.push('-H', `X-CSRF-Token: ${credentials.csrfToken}`);
  }
  if (target.body) {
    args.push('-H', 'Content-Type: application/json', '--data', JSON.stringify(target.body));
  }
  if (target.ignoreCodes) args.push(`--ignore-code=${target.ignoreCodes.join(',')}`);
  args.push(...SQLMAP_OPTIONS, '--output-dir', path.join(outDir, target.name), '--flush-session');
  const result = await run('sqlmap', args, path.join(outDir, `${target.name}.log`), limitSeconds);
  return {
    ...target,
    ...readSqlmap(result.output),
    seconds: result.seconds,
    timedOut: result.timedOut,
  };
}

function readSqlmap(output: string) {
  const lines = output.split('\n');
  const parameters = new Set<string>();
  for (const line of lines) {
    const tested = /testing if (.+?) parameter '(.+?)' is dynamic/.exec(line);
    const skipped = /(.+?) parameter '(.+?)' does not seem to be injectable/.exec(line);
    const m = tested ?? skipped;
    if (m) parameters.add(`${(m[1] ?? '').replace(/^.*\] /, '')} ${m[2]}`);
  }
  const httpErrors: Record<string, number> = {};
  const codes = /HTTP error codes detected during run:\s*\n?(.+)/.exec(output);
  if (codes?.[1]) {
    for (const m of codes[1].matchAll(/(\d{3}) \([^)]*\) - (\d+) times/g)) {
      httpErrors[m[1] ?? '?'] = Number(m[2]);
    }
  }
  return {
    parameters: [...parameters],
    injectable:
      /sqlmap identified the following injection point/.test(output) ||
      /\[INFO\] .*is vulnerable/.test(output),
    suspicions: lines
      .filter((l) => /might be injectable|appears to be .* injectable/.test(l))
      .map((l) => l.trim()),
    httpErrors,
    critical: lines.filter((l) => /\[CRITICAL\]/.test(l)).map((l) => l.trim()),
  };
}

export const WAPITI_MODULES = [
  'sql',
  'blindsql',
  'exec',
  'file',
  'xss',
  'permanentxss',
  'crlf',
  'redirect',
  'http_headers',
  'cookieflags',
  'csp',
  'methods',
];

export interface WapitiFinding {
  kind: 'vulnerability' | 'anomaly';
  category: string;
  method: string;
  path: string;
  parameter: string;
  info: string;
  /** Why this finding is known not to be one (checked against the running server). */
  falsePositive?: string;
}

export interface WapitiResult {
  who: string;
  starts: string[];
  findings: WapitiFinding[];
  seconds: number;
  timedOut: boolean;
  reportWritten: boolean;
}

export async function runWapiti(
  baseUrl: string,
  who: string,
  starts: string[],
  credentials: Credentials | undefined,
  outDir: string,
  scanSeconds: number,
): Promise<WapitiResult> {
  const report = path.join(outDir, `wapiti-${who}.json`);
  const state = path.join(outDir, `wapiti-${who}-state`);
  fs.mkdirSync(state, { recursive: true });
  // Wapiti 3.0.4 builds every module, even those not asked for, and the wapp module
  // downloads its database from the web when none is in the config folder: an empty
  // one keeps the scan off the network.
  fs.writeFileSync(path.join(state, 'apps.json'), '{"apps":{},"categories":{}}');
  const args = ['-u', `${baseUrl}/`, '--scope', 'folder'];
  for (const start of starts) args.push('-s', `${baseUrl}${start}`);
  // No `-x` exclusion: wapiti 3.0.4's pattern for it fails on Python 3.11 ("global flags
  // not at the start"). Nothing is lost: logout is POST only and wapiti crawls and attacks GETs.
  args.push('-m', WAPITI_MODULES.join(','));
  args.push('-H', 'Accept: application/json');
  if (credentials) {
    args.push('-H', `Cookie: ${credentials.cookie}`);
    args.push('-H', `X-CSRF-Token: ${credentials.csrfToken}`);
  }
  args.push(
    '--no-bugreport',
    '-d',
    '1',
    '--max-scan-time',
    String(scanSeconds),
    '--max-attack-time',
    String(Math.max(10, Math.floor(scanSeconds / 4))),
    '-t',
    '10',
    '--flush-session',
    '--store-session',
    state,
    '--store-config',
    state,
    '-f',
    'json',
    '-o',
    report,
    '-v',
    '1',
  );
  // Wapiti's own limit ends its attacks; the hard deadline is only a backstop.
  const result = await run(
    'wapiti',
    args,
    path.join(outDir, `wapiti-${who}.log`),
    scanSeconds + 120,
  );
  const written = fs.existsSync(report);
  return {
    who,
    starts,
    findings: written ? readWapiti(fs.readFileSync(report, 'utf8'), baseUrl) : [],
    seconds: result.seconds,
    timedOut: result.timedOut,
    reportWritten: written,
  };
}

interface WapitiEntry {
  method?: string;
  path?: string;
  parameter?: string;
  info?: string;
}

function readWapiti(json: string, baseUrl: string): WapitiFinding[] {
  const report = JSON.parse(json) as {
    vulnerabilities?: Record<string, WapitiEntry[]>;
    anomalies?: Record<string, WapitiEntry[]>;
  };
  const findings: WapitiFinding[] = [];
  const add = (kind: WapitiFinding['kind'], groups: Record<string, WapitiEntry[]> | undefined) => {
    for (const [category, entries] of Object.entries(groups ?? {})) {
      for (const e of entries) {
        findings.push({
          kind,
          category,
          method: e.method ?? '',
          path: (e.path ?? '').replace(baseUrl, ''),
          parameter: e.parameter ?? '',
          info: e.info ?? '',
        });
      }
    }
  };
  add('vulnerability', report.vulnerabilities);
  add('anomaly', report.anomalies);
  return findings;
}
