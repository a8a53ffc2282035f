/**
 * Memory of a child process as the kernel sees it, sampled from the parent
 * (Linux /proc/<pid>/status): the largest VmRSS seen while a scenario runs
 * (warm-up included), and VmHWM, the process's lifetime peak so far.
 * Elsewhere the figures are undefined and print as n/a.
 */
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export const RSS_SAMPLE_MS = 150;

export interface RssPeak {
  /** Largest sampled VmRSS during the window, MiB. */
  maxRssMiB: number;
  /** VmHWM at the end of the window (lifetime peak of the process), MiB. */
  hwmMiB: number;
  samples: number;
}

interface Status {
  rssKiB: number;
  hwmKiB: number;
}

function readStatus(pid: number): Status | undefined {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const field = (name: string) => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(text);
    return match ? Number(match[1]) : undefined;
  };
  const rssKiB = field('VmRSS');
  const hwmKiB = field('VmHWM');
  return rssKiB === undefined || hwmKiB === undefined ? undefined : { rssKiB, hwmKiB };
}

/** Samples `pid` every RSS_SAMPLE_MS until stop(); undefined when /proc could not be read. */
export function sampleRss(pid: number | undefined): { stop(): RssPeak | undefined } {
  if (pid === undefined || !readStatus(pid)) return { stop: () => undefined };
  let maxKiB = 0;
  let samples = 0;
  const sample = () => {
    const status = readStatus(pid);
    if (!status) return status;
    maxKiB = Math.max(maxKiB, status.rssKiB);
    samples++;
    return status;
  };
  sample();
  const timer = setInterval(sample, RSS_SAMPLE_MS);
  return {
    stop() {
      clearInterval(timer);
      const last = sample();
      if (!last) return undefined;
      return { maxRssMiB: maxKiB / 1024, hwmMiB: last.hwmKiB / 1024, samples };
    },
  };
}

/** One line of memory-probe.ts: MiB figures by component. */
export interface MemoryBreakdown {
  atPeakRss: Record<string, number>;
  maxima: Record<string, number>;
  heapSpacesNow: Record<string, number>;
  wasmMemories: number[];
}

export const PROBE_MODULE = './scripts/bench/memory-probe.ts';

/** Asks the child's memory probe for its figures since the last call (BENCH_MEMORY_PROBE). */
export async function probeMemory(
  pid: number | undefined,
  file: string,
): Promise<MemoryBreakdown | undefined> {
  if (pid === undefined) return undefined;
  process.kill(pid, 'SIGUSR2');
  for (let attempt = 0; attempt < 20; attempt++) {
    await sleep(100);
    const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n') : [];
    const mine = lines.filter((line) => line.startsWith(`{"pid":${pid},`));
    const last = mine[mine.length - 1];
    if (last && mine.length > (seen.get(pid) ?? 0)) {
      seen.set(pid, mine.length);
      return JSON.parse(last) as MemoryBreakdown;
    }
  }
  return undefined;
}

const seen = new Map<number, number>();
