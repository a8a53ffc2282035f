/**
 * Memory of a child process as the kernel sees it, sampled from the parent
 * (Linux /proc/<pid>/status): the largest VmRSS seen while a scenario runs
 * (warm-up included), and VmHWM, the process's lifetime peak so far.
 * Elsewhere the figures are undefined and print as n/a.
 */
import fs from 'node:fs';

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
