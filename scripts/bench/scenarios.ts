/**
 * What `npm run bench` measures. Each scenario is one request, sent over and
 * over by autocannon to Amparo and, when it has a `bare` request, to the bare
 * Express server (bare-server.ts), which must then do the same database work
 * with no middleware. The signed-in scenarios are in http-scenarios.ts.
 */
import type { BenchSession } from './session';
import type { BenchWorld } from './world';
import { sessionScenarios } from './http-scenarios';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface BenchRequest {
  method: HttpMethod;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface Scenario {
  name: ScenarioName;
  amparo: BenchRequest;
  /** The bare server's request doing the same rows' work: report Amparo / bare ratios. */
  bare?: BenchRequest;
}

export const SCENARIO_NAMES = [
  'readyz',
  'case-read',
  'case-list',
  'auth-me',
  'note-write',
  'referral-create',
] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/** What the signed-in scenarios need: the seeded worlds (Amparo's, the bare server's) and the session. */
export interface ScenarioContext {
  amparoWorld: BenchWorld;
  /** The same as amparoWorld on a PostgreSQL server (one database); its own on PGlite. */
  bareWorld: BenchWorld;
  session: BenchSession;
}

export function buildScenarios(context: ScenarioContext): Scenario[] {
  const readyz: Scenario = {
    name: 'readyz',
    amparo: { method: 'GET', path: '/readyz' },
    bare: { method: 'GET', path: '/readyz' },
  };
  return [readyz, ...sessionScenarios(context)];
}

/** BENCH_ONLY=<comma-separated names>: a subset of the scenarios (`in-process` names the in-process part). */
export function readOnly(raw: string | undefined): {
  scenarios: ReadonlySet<ScenarioName>;
  inProcess: boolean;
} {
  if (raw === undefined || raw.trim() === '') {
    return { scenarios: new Set(SCENARIO_NAMES), inProcess: true };
  }
  const names = raw
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const known = new Set<string>([...SCENARIO_NAMES, 'in-process']);
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new Error(`BENCH_ONLY: unknown ${unknown.join(', ')} (known: ${[...known].join(', ')})`);
  }
  return {
    scenarios: new Set(SCENARIO_NAMES.filter((name) => names.includes(name))),
    inProcess: names.includes('in-process'),
  };
}
