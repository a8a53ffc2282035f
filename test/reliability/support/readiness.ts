/**
 * Polls each instance's /readyz directly (not through HAProxy) every
 * `everyMs` during a run: what an orchestrator or the load balancer sees.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface ReadySample {
  instance: number;
  /** Milliseconds since the run's origin. */
  at: number;
  /** 0: no HTTP answer (refused, or no answer within the poll's timeout). */
  status: number;
  ms: number;
}

export function pollReadiness(
  urls: readonly string[],
  origin: number,
  everyMs = 250,
): { stop(): Promise<ReadySample[]> } {
  const samples: ReadySample[] = [];
  let running = true;
  const poll = async (instance: number, url: string) => {
    while (running) {
      const started = performance.now();
      let status = 0;
      try {
        const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5_000) });
        await response.arrayBuffer();
        status = response.status;
      } catch {
        status = 0;
      }
      const now = performance.now();
      samples.push({ instance, at: started - origin, status, ms: now - started });
      await sleep(Math.max(0, everyMs - (now - started)));
    }
  };
  const loops = urls.map((url, instance) => poll(instance, url));
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
      return samples.sort((a, b) => a.at - b.at);
    },
  };
}
