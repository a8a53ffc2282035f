/**
 * HAProxy (Debian's package) in front of the instances, with a generated
 * configuration in the cluster's temporary directory. The configuration is
 * the example docs/RELIABILITY.md gives operators; its choices are explained
 * in `haproxyConfig` below.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { writeProxyErrorFiles } from './haproxy-errors';
import { freePort, waitFor } from './net';

export interface Haproxy {
  url: string;
  statsUrl: string;
  config: string;
  /** HTTP answers each server (instance) has given through HAProxy, by index. */
  requestsPerServer(): Promise<number[]>;
  /** Each server's state as HAProxy's checks see it (UP, DOWN, …), by index. */
  serverStates(): Promise<string[]>;
  stop(): Promise<void>;
}

const HAPROXY = process.env.HAPROXY_PATH || 'haproxy';
const BACKEND = 'amparo';

/**
 * - Round robin, per request: sessions, CSRF tokens, step-up and break-glass
 *   live in PostgreSQL, so no stickiness is needed.
 * - Health: GET /readyz (200 only while the database answers and its
 *   migrations are current) every 500 ms; 2 failures take a server out, 2
 *   successes put it back. Requests already on a server marked down are
 *   left to finish: when the database is away the instance answers them
 *   with a fast 503 (nothing done), where cutting them would leave the
 *   client a closed connection or a 502 that cannot say whether a write
 *   happened (docs/RELIABILITY.md, load section); a dead instance's
 *   connections are gone anyway.
 * - Retries: only when the connection to an instance could not be made
 *   (`retry-on conn-failure`, HAProxy's default made explicit), and then to
 *   another instance (`option redispatch 1`). Such a request never reached an
 *   instance, so even a POST is safe to send again. Nothing is retried once
 *   the request may have been sent (no `empty-response`, `response-timeout`
 *   or `5xx`): a POST that reached an instance may have committed, and the
 *   client, not the proxy, decides whether to repeat it.
 * - Timeouts: connect 1 s (loopback or LAN: a live instance accepts at once),
 *   the client's request headers within 10 s (slow clients cannot hold
 *   connections), server 30 s (longer than any answer the API gives when its
 *   database is healthy; a stuck one ends as a 504), queue 5 s, idle
 *   keep-alive 10 s, the check itself 2 s (/readyz bounds its database probe
 *   to 2 s).
 */
export function haproxyConfig(
  ports: readonly number[],
  frontendPort: number,
  statsPort: number,
  /** `errorfile` lines: HAProxy's own answers as problem+json (haproxy-errors.ts). */
  errorFiles: readonly string[] = [],
) {
  const servers = ports.map(
    (port, index) => `  server app${index} 127.0.0.1:${port} check inter 500ms fall 2 rise 2`,
  );
  return [
    'global',
    '  maxconn 4096',
    '',
    'defaults',
    '  mode http',
    '  option forwardfor',
    '  timeout connect 1s',
    '  timeout http-request 10s',
    '  timeout client 30s',
    '  timeout server 30s',
    '  timeout queue 5s',
    '  timeout http-keep-alive 10s',
    '  timeout check 2s',
    '  retries 2',
    '  retry-on conn-failure',
    '  option redispatch 1',
    ...errorFiles,
    '',
    'frontend api',
    `  bind 127.0.0.1:${frontendPort}`,
    // The instance's Keep-Alive hint (its own 65 s idle limit) is about HAProxy's connection to it;
    // passed on, clients keep idle connections past HAProxy's 10 s and send on closed sockets.
    '  http-response del-header keep-alive',
    `  default_backend ${BACKEND}`,
    '',
    `backend ${BACKEND}`,
    '  balance roundrobin',
    '  option httpchk',
    '  http-check send meth GET uri /readyz',
    '  http-check expect status 200',
    ...servers,
    '',
    'listen stats',
    `  bind 127.0.0.1:${statsPort}`,
    '  stats enable',
    '  stats uri /stats',
    '',
  ].join('\n');
}

const execFileAsync = promisify(execFile);

export async function startHaproxy(ports: readonly number[], dir: string): Promise<Haproxy> {
  const [frontendPort, statsPort] = [await freePort(), await freePort()];
  const config = haproxyConfig(ports, frontendPort, statsPort, writeProxyErrorFiles(dir));
  const file = path.join(dir, 'haproxy.cfg');
  fs.writeFileSync(file, config);
  await execFileAsync(HAPROXY, ['-c', '-q', '-f', file]);

  // -db: stay in the foreground, no daemon (the test owns the process).
  const child: ChildProcess = spawn(HAPROXY, ['-db', '-f', file], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let running = true;
  void exited.then(() => (running = false));

  const url = `http://127.0.0.1:${frontendPort}`;
  const statsUrl = `http://127.0.0.1:${statsPort}/stats`;
  const rows = async () => serverRows(await (await fetch(`${statsUrl};csv`)).text());
  const haproxy: Haproxy = {
    url,
    statsUrl,
    config,
    requestsPerServer: async () =>
      (await rows()).map((row) =>
        Object.entries(row)
          .filter(([column]) => column.startsWith('hrsp_'))
          .reduce((sum, [, value]) => sum + Number(value || 0), 0),
      ),
    serverStates: async () => (await rows()).map((row) => row.status ?? ''),
    stop: async () => {
      if (!running) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
  try {
    await waitFor(
      async () => {
        if (!running) throw new Error(`haproxy exited: ${stderr.trim()}`);
        const states = await haproxy.serverStates().catch(() => []);
        return states.length === ports.length && states.every((state) => state === 'UP');
      },
      20_000,
      'HAProxy to see every instance UP',
    );
  } catch (error) {
    await haproxy.stop();
    throw error;
  }
  return haproxy;
}

/** The backend's server rows of HAProxy's CSV statistics, in configuration order. */
function serverRows(csv: string): Record<string, string>[] {
  const [header, ...lines] = csv.trim().split('\n');
  const columns = (header ?? '').replace(/^# /, '').split(',');
  return lines
    .map((line): Record<string, string> =>
      Object.fromEntries(line.split(',').map((value, i) => [columns[i] ?? '', value])),
    )
    .filter((row) => row.pxname === BACKEND && /^app\d+$/.test(row.svname ?? ''));
}
