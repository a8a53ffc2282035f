/**
 * What `npm run bench` measures. Each scenario is one request, sent over and
 * over by autocannon to Amparo and, when `baseline` is set, to the bare
 * Express server (bare-server.ts), which must then serve the same method and
 * path doing the same database work with no middleware. Later endpoints are
 * added here (and, for a baseline, a route in bare-server.ts).
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Scenario {
  name: string;
  method: HttpMethod;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** The bare server has the same route: report Amparo / bare ratios. */
  baseline: boolean;
}

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'readyz',
    method: 'GET',
    path: '/readyz',
    baseline: true,
  },
];
