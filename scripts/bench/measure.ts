/**
 * One measurement: a preflight request (the target must answer 2xx), a
 * warm-up run that is not recorded, then the measured run. autocannon's own
 * latency histogram has a 1 ms resolution, too coarse on loopback, so p50/p99
 * come from every response time it reports (in fractional milliseconds).
 */
import http from 'node:http';
import autocannon from 'autocannon';
import type { BenchRequest } from './scenarios';

export interface LoadSettings {
  connections: number;
  warmupSeconds: number;
  seconds: number;
}

export interface Measurement {
  /** Average of the per-second request counts (autocannon's requests.average). */
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  durationSeconds: number;
}

/** Grace beyond the planned duration before a run is stopped, then abandoned. */
const STOP_GRACE_MS = 15_000;
const ABANDON_GRACE_MS = 5_000;
const PREFLIGHT_TIMEOUT_MS = 10_000;

let current: autocannon.Instance | undefined;

/** Stops the run in progress, if any (Ctrl-C). */
export function stopCurrentRun(): void {
  current?.stop();
}

export async function measure(
  port: number,
  scenario: BenchRequest,
  settings: LoadSettings,
): Promise<Measurement> {
  await preflight(port, scenario);
  await run(port, scenario, settings.connections, settings.warmupSeconds);
  return run(port, scenario, settings.connections, settings.seconds);
}

function run(
  port: number,
  scenario: BenchRequest,
  connections: number,
  seconds: number,
): Promise<Measurement> {
  return new Promise<Measurement>((resolve, reject) => {
    const latencies: number[] = [];
    const timers: NodeJS.Timeout[] = [];
    const settle = (outcome: () => void) => {
      timers.forEach((timer) => clearTimeout(timer));
      current = undefined;
      outcome();
    };
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}${scenario.path}`,
        method: scenario.method,
        ...(scenario.headers ? { headers: scenario.headers } : {}),
        ...(scenario.body !== undefined ? { body: scenario.body } : {}),
        connections,
        pipelining: 1,
        duration: seconds,
        timeout: 10,
      },
      (error: unknown, result) => {
        if (error) {
          settle(() =>
            reject(
              error instanceof Error ? error : new Error('autocannon failed', { cause: error }),
            ),
          );
          return;
        }
        latencies.sort((a, b) => a - b);
        settle(() =>
          resolve({
            reqPerSec: result.requests.average,
            p50Ms: percentile(latencies, 50),
            p99Ms: percentile(latencies, 99),
            requests: result.requests.total,
            non2xx: result.non2xx,
            errors: result.errors,
            timeouts: result.timeouts,
            durationSeconds: result.duration,
          }),
        );
      },
    );
    current = instance;
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      latencies.push(responseTime);
    });
    timers.push(
      setTimeout(() => instance.stop(), seconds * 1000 + STOP_GRACE_MS),
      setTimeout(
        () => settle(() => reject(new Error(`autocannon did not finish within ${seconds} s`))),
        seconds * 1000 + STOP_GRACE_MS + ABANDON_GRACE_MS,
      ),
    );
  });
}

/** Nearest-rank percentile of sorted values; NaN when there are none. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/**
 * One request on its own connection (or `agent`'s): a target that does not
 * answer 2xx is not worth measuring. The counting pass sends its requests so.
 */
export function preflight(
  port: number,
  scenario: BenchRequest,
  agent: http.Agent | false = false,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path: scenario.path,
        method: scenario.method,
        headers: scenario.headers,
        agent,
        timeout: PREFLIGHT_TIMEOUT_MS,
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          if (body.length < 500) body += chunk;
        });
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve();
          else reject(new Error(`${scenario.method} ${scenario.path} answered ${status}: ${body}`));
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error('preflight request timed out')));
    request.on('error', reject);
    request.end(scenario.body);
  });
}
