/**
 * What the server's own log says about the scan: requests by status, the
 * routes that answered 5xx, and whether any planted canary reached the log.
 */
import fs from 'node:fs';

export interface ServerLogSummary {
  requests: number;
  byStatus: Record<string, number>;
  /**
   * `METHOD route status error-code` → count, for answers ≥ 500: the error code
   * tells input that broke a route from the database going away (57P01, ECONNREFUSED…).
   */
  serverErrors: Record<string, number>;
  /** How many log lines contain a canary (or its JSON-escaped form). */
  canariesFound: number;
}

export function readServerLog(file: string, canaries: readonly string[]): ServerLogSummary {
  const summary: ServerLogSummary = {
    requests: 0,
    byStatus: {},
    serverErrors: {},
    canariesFound: 0,
  };
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  for (const line of text.split('\n')) {
    if (canaries.some((c) => line.includes(c) || line.includes(JSON.stringify(c).slice(1, -1)))) {
      summary.canariesFound += 1;
    }
    if (!line.startsWith('{')) continue;
    let entry: {
      res?: { statusCode?: number };
      req?: { method?: string };
      route?: string;
      err?: { code?: string; type?: string };
    };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      continue;
    }
    const status = entry.res?.statusCode;
    if (status === undefined) continue;
    summary.requests += 1;
    summary.byStatus[String(status)] = (summary.byStatus[String(status)] ?? 0) + 1;
    if (status >= 500) {
      const cause = entry.err?.code ?? entry.err?.type ?? '-';
      const key = `${entry.req?.method ?? '?'} ${entry.route ?? '?'} ${status} ${cause}`;
      summary.serverErrors[key] = (summary.serverErrors[key] ?? 0) + 1;
    }
  }
  return summary;
}
