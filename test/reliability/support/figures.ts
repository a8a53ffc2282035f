/**
 * What a run's records add up to, per phase (before, during and after a
 * fault): requests, acknowledged ones per second, latency percentiles, and
 * failures by kind. Printed by the tests and the soak; docs/BENCHMARKS.md
 * quotes them.
 */
import type { RequestRecord } from './http-client';

export interface Phase {
  name: string;
  /** Milliseconds since the run's start; a request belongs to the phase it started in. */
  from: number;
  to: number;
}

export interface PhaseFigures {
  phase: string;
  seconds: number;
  requests: number;
  acknowledged: number;
  /** Acknowledged (2xx) answers per second. */
  throughput: number;
  /** Latency of every request of the phase, whatever its outcome, in ms. */
  p50: number;
  p99: number;
  max: number;
  /** Failures by kind (errorKind). */
  errors: Record<string, number>;
}

/** `503 database_unavailable`, `502 text/html`, `connection UND_ERR_SOCKET`, `timeout`… */
export function errorKind(record: RequestRecord): string {
  if (record.outcome === 'timeout') return 'timeout';
  if (record.outcome === 'connection') return `connection ${record.error ?? ''}`.trim();
  return `${record.status} ${record.code ?? record.contentType?.split(';')[0] ?? 'no body'}`;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? 0;
}

export function phaseFigures(records: readonly RequestRecord[], phase: Phase): PhaseFigures {
  const mine = records.filter((record) => record.start >= phase.from && record.start < phase.to);
  const latencies = mine.map((record) => record.end - record.start).sort((a, b) => a - b);
  const acknowledged = mine.filter((record) => record.outcome === 'ok').length;
  const seconds = Math.max(0.001, (phase.to - phase.from) / 1000);
  const errors: Record<string, number> = {};
  for (const record of mine) {
    if (record.outcome === 'ok') continue;
    const kind = errorKind(record);
    errors[kind] = (errors[kind] ?? 0) + 1;
  }
  return {
    phase: phase.name,
    seconds: round(seconds),
    requests: mine.length,
    acknowledged,
    throughput: round(acknowledged / seconds),
    p50: round(percentile(latencies, 50)),
    p99: round(percentile(latencies, 99)),
    max: round(latencies[latencies.length - 1] ?? 0),
    errors,
  };
}

export function formatFigures(title: string, rows: readonly PhaseFigures[]): string {
  const lines = [
    title,
    'phase        seconds  requests   2xx/s     p50 ms    p99 ms    max ms  failures by kind',
  ];
  for (const row of rows) {
    const errors = Object.entries(row.errors)
      .sort(([, a], [, b]) => b - a)
      .map(([kind, count]) => `${kind}: ${count}`)
      .join(', ');
    lines.push(
      [
        row.phase.padEnd(12),
        String(row.seconds).padStart(7),
        String(row.requests).padStart(9),
        String(row.throughput).padStart(7),
        String(row.p50).padStart(10),
        String(row.p99).padStart(9),
        String(row.max).padStart(9),
        `  ${errors || 'none'}`,
      ].join(' '),
    );
  }
  return lines.join('\n');
}

const round = (value: number) => Math.round(value * 10) / 10;
