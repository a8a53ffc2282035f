import { Agent } from 'node:http';
import fc from 'fast-check';
import { SESSION_COOKIE } from '../../server/modules/auth';
import type { TestApp } from '../helpers/app';
import { rawRequest, sendHttp, sendRaw, type Answer, type Outgoing } from './http-send';
import { canariesInLog, judge, knownProblemCodes, type Finding } from './oracle';
import {
  draftArbitrary,
  draftBody,
  operationsOf,
  type Draft,
  type OpenApiDocument,
} from './requests';
import type { FuzzWorld, RoleSession } from './world';

export interface FuzzStats {
  requests: number;
  durationMs: number;
  /** `METHOD template` → answered status → count (the method as sent: wrong ones included). */
  byOperation: Map<string, Map<number, number>>;
  byClass: Record<string, number>;
  parserRefusals: number;
  sessionRefreshes: number;
  /** Each finding once per kind, operation and status, with the first request that showed it. */
  findings: (Finding & { operation: string; count: number; example: string })[];
  logCanaries: number;
}

export interface FuzzRun {
  t: TestApp;
  port: number;
  world: FuzzWorld;
  document: OpenApiDocument;
  seed: number;
  count: number;
  concurrency?: number;
  /** Skip this many requests of the seed's sequence (whole chunks of 250): replays a stretch of a long run. */
  skip?: number;
  /** Called after every chunk (progress lines in the script). */
  onChunk?: (done: number, stats: FuzzStats) => void;
}

const CHUNK = 250;

/** Generates `count` requests from `seed`, sends them, judges every answer. */
export async function runFuzz(run: FuzzRun): Promise<FuzzStats> {
  const operations = operationsOf(run.document);
  const arbitrary = draftArbitrary(operations, {
    components: run.document.components.schemas,
    idsFor: run.world.idsFor,
    allIds: { uuids: run.world.allIds },
  });
  const codes = knownProblemCodes();
  const agent = new Agent({ keepAlive: true, maxSockets: run.concurrency ?? 4 });
  const stats: FuzzStats = {
    requests: 0,
    durationMs: 0,
    byOperation: new Map(),
    byClass: {},
    parserRefusals: 0,
    sessionRefreshes: 0,
    findings: [],
    logCanaries: 0,
  };
  const findingIndex = new Map<string, FuzzStats['findings'][number]>();
  const started = performance.now();
  try {
    const firstChunk = Math.floor((run.skip ?? 0) / CHUNK);
    for (let chunk = firstChunk; stats.requests < run.count; chunk += 1) {
      const size = Math.min(CHUNK, run.count - stats.requests);
      const drafts = fc.sample(arbitrary, { seed: run.seed + chunk, numRuns: size });
      let next = 0;
      const worker = async () => {
        while (next < drafts.length) {
          const index = stats.requests + next;
          const draft = drafts[next++]!;
          const answer = await send(run, agent, draft, index);
          record(
            stats,
            findingIndex,
            draft,
            answer,
            judge(answer, draft, codes, run.world.canaries),
          );
          await afterAnswer(run, draft, answer);
        }
      };
      await Promise.all(Array.from({ length: run.concurrency ?? 4 }, worker));
      stats.requests += drafts.length;
      stats.logCanaries += canariesInLog(run.t.logs, run.world.canaries).length;
      run.t.logs.length = 0;
      run.onChunk?.(stats.requests, stats);
    }
  } finally {
    agent.destroy();
  }
  stats.durationMs = performance.now() - started;
  stats.sessionRefreshes = [...run.world.sessions.values()].reduce((n, s) => n + s.refreshes, 0);
  return stats;
}

function record(
  stats: FuzzStats,
  index: Map<string, FuzzStats['findings'][number]>,
  draft: Draft,
  answer: Answer,
  findings: Finding[],
) {
  const key =
    draft.method === draft.operation.split(' ')[0]
      ? draft.operation
      : `${draft.method} (wrong) ${draft.operation.split(' ')[1]}`;
  const statuses = stats.byOperation.get(key) ?? new Map<number, number>();
  statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
  stats.byOperation.set(key, statuses);
  const klass = answer.parserRefusal ? 'parser' : `${Math.floor(answer.status / 100)}xx`;
  stats.byClass[klass] = (stats.byClass[klass] ?? 0) + 1;
  if (answer.parserRefusal) stats.parserRefusals += 1;
  for (const finding of findings) {
    const id = `${finding.kind}|${draft.operation}|${finding.status}`;
    const seen = index.get(id);
    if (seen) {
      seen.count += 1;
      continue;
    }
    const entry = { ...finding, operation: draft.operation, count: 1, example: describe(draft) };
    index.set(id, entry);
    stats.findings.push(entry);
  }
}

/** A request as a reader can replay it (bodies cut short). */
export function describe(draft: Draft): string {
  const body = draftBody(draft);
  return JSON.stringify({
    method: draft.method,
    target: draft.target.slice(0, 300),
    who: draft.who,
    cookie: draft.cookie,
    csrf: draft.csrf,
    headers: draft.headers.map(([n, v]) => [n, v.slice(0, 100)]),
    contentType: draft.body?.contentType,
    shape: draft.body?.shape.kind,
    raw: draft.raw,
    body: body?.subarray(0, 300).toString('utf8'),
  });
}

async function liveSession(run: FuzzRun, draft: Draft): Promise<RoleSession | undefined> {
  if (draft.who === 'anonymous') return undefined;
  const session = run.world.sessions.get(draft.who)!;
  if (session.stale) {
    session.refreshing ??= run.world.refresh(session).finally(() => {
      session.refreshing = undefined;
    });
    await session.refreshing;
  }
  return session;
}

function cookieHeader(
  run: FuzzRun,
  draft: Draft,
  session: RoleSession | undefined,
): string | undefined {
  const own = session?.client.cookie;
  switch (draft.cookie) {
    case 'none':
      return undefined;
    case 'session':
      return own;
    case 'garbage':
      return `${SESSION_COOKIE}=garbage%00%ZZ; other=1`;
    case 'several':
      return [`${SESSION_COOKIE}=s%3Anot-a-session.sig`, own].filter(Boolean).join('; ');
    case 'forged':
      return `${SESSION_COOKIE}=s%3A${Buffer.from(draft.target).toString('base64url').slice(0, 32)}.AAAA`;
    case 'huge':
      return [`pad=${'x'.repeat(6000)}`, own].filter(Boolean).join('; ');
  }
}

function csrfHeader(
  run: FuzzRun,
  draft: Draft,
  session: RoleSession | undefined,
): string | undefined {
  if (!session) return draft.csrf === 'wrong' ? 'not-a-token' : undefined;
  switch (draft.csrf) {
    case 'valid':
      return session.client.csrfToken;
    case 'none':
      return undefined;
    case 'wrong':
      return `${session.client.csrfToken ?? ''}x`;
    case 'other-session': {
      const other = [...run.world.sessions.values()].find((s) => s !== session);
      return other?.client.csrfToken;
    }
  }
}

async function send(run: FuzzRun, agent: Agent, draft: Draft, index: number): Promise<Answer> {
  const session = await liveSession(run, draft);
  const headers: Record<string, string | string[]> = {
    'X-Forwarded-Proto': 'https',
    // Spread over addresses: the per-address login throttle is not what is under test here.
    'X-Forwarded-For': `198.51.100.${(index % 250) + 1}`,
  };
  const cookie = cookieHeader(run, draft, session);
  if (cookie) headers.Cookie = cookie;
  const csrf = csrfHeader(run, draft, session);
  if (csrf) headers['x-csrf-token'] = csrf;
  if (draft.body?.contentType) headers['Content-Type'] = draft.body.contentType;
  for (const [name, value] of draft.headers) {
    const seen = headers[name];
    headers[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  const out: Outgoing = {
    method: draft.method,
    target: draft.target,
    headers,
    body: draftBody(draft),
  };
  if (draft.raw) return sendRaw(run.port, rawRequest(out, draft.raw));
  try {
    return await sendHttp(agent, run.port, out);
  } catch (error) {
    // The server closed the connection on a request it would not parse (as for a raw one).
    if ((error as NodeJS.ErrnoException).code === 'ECONNRESET' || /hang up/.test(String(error))) {
      return { status: 0, headers: {}, body: Buffer.alloc(0), parserRefusal: true };
    }
    throw error;
  }
}

/** Keeps the role's session as the server left it: a rotated cookie, an ended session. */
async function afterAnswer(run: FuzzRun, draft: Draft, answer: Answer) {
  if (draft.who === 'anonymous' || draft.cookie !== 'session') return;
  const { canaryCase } = run.world;
  if (
    draft.method === 'POST' &&
    answer.status >= 200 &&
    answer.status < 300 &&
    draft.target.toLowerCase().startsWith(`/api/v1/cases/${canaryCase.id}/break-glass`)
  ) {
    canaryCase.breakGlassHolders.add(draft.who);
  }
  const session = run.world.sessions.get(draft.who)!;
  const setCookie = answer.headers['set-cookie'];
  for (const line of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
    if (!line.startsWith(`${SESSION_COOKIE}=`)) continue;
    const pair = line.split(';')[0]!;
    if (/=$/.test(pair) || /Expires=Thu, 01 Jan 1970/i.test(line)) session.stale = true;
    else session.client.cookie = pair;
  }
  const code = problemCode(answer);
  if (code === 'unauthenticated' || (code === 'csrf_failed' && draft.csrf === 'valid')) {
    const me = await session.client.get('/api/v1/auth/me');
    if (me.status === 401) session.stale = true;
    else if (code === 'csrf_failed') await session.client.refreshCsrf();
  }
}

function problemCode(answer: Answer): string | undefined {
  if (answer.status < 400 || answer.body.length === 0) return undefined;
  try {
    const { code } = JSON.parse(answer.body.toString('utf8')) as { code?: unknown };
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}
