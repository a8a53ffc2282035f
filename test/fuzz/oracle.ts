import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ActorRole } from '../../server/db/actor-transaction';
import { leaks } from '../helpers/canary';
import type { Answer } from './http-send';
import type { Who } from './requests';

/**
 * Every `code` the server can put in a problem: read from its source, where
 * each is a literal passed to `new ProblemError(status, 'code', …)`, to a
 * conflict helper (`problems.conflict('code', …)`, `conflictOn('code', …)`),
 * or a member of a `…Refusal` union type (the policy's refusals, passed on
 * as codes).
 */
export function knownProblemCodes(
  roots = ['../../server', '../../security'].map((dir) => path.resolve(__dirname, dir)),
): Set<string> {
  const codes = new Set<string>();
  const patterns = [/ProblemError\(\s*\d{3},\s*'([a-z_]+)'/g, /\w*[cC]onflict\w*\(\s*'([a-z_]+)'/g];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        const text = readFileSync(file, 'utf8');
        for (const pattern of patterns) {
          for (const match of text.matchAll(pattern)) codes.add(match[1]!);
        }
        for (const union of text.matchAll(/type \w*Refusal =([^;]+);/g)) {
          for (const member of union[1]!.matchAll(/'([a-z_]+)'/g)) codes.add(member[1]!);
        }
      }
    }
  };
  roots.forEach(visit);
  return codes;
}

/** 503s the server documents (busy hasher, database not ready): allowed, as problem+json. */
const DOCUMENTED_503 = new Set(['busy', 'not_ready']);

export interface Finding {
  kind: string;
  status: number;
  detail: string;
}

export interface Canary {
  value: string;
  readableBy: readonly ActorRole[];
  /** Sessions that obtained a break-glass grant on the case holding this canary. */
  breakGlassHolders?: ReadonlySet<ActorRole>;
}

const STACK_FRAME = /\n\s+at [^\n]+:\d+:\d+/;

/** What is wrong with one answer, if anything. */
export function judge(
  answer: Answer,
  request: { method: string; who: Who },
  codes: ReadonlySet<string>,
  canaries: readonly Canary[],
): Finding[] {
  const findings: Finding[] = [];
  const contentType = String(answer.headers['content-type'] ?? '');
  const text = answer.body.toString('utf8');
  const add = (kind: string, detail: string) =>
    findings.push({ kind, status: answer.status, detail });

  if (answer.parserRefusal) {
    // Node's HTTP parser refused the bytes before the app saw them: a bare 4xx or a closed connection.
    if (answer.status !== 0 && (answer.status < 400 || answer.status >= 500)) {
      add('parser_status', `parser answered ${answer.status}`);
    }
    return findings;
  }
  let problem: { code?: unknown; status?: unknown } | undefined;
  if (answer.status >= 400 && request.method !== 'HEAD') {
    if (!contentType.startsWith('application/problem+json')) {
      add('not_problem_json', `content-type ${contentType || '(none)'}`);
    } else {
      try {
        problem = JSON.parse(text) as typeof problem;
      } catch {
        add('problem_unparsable', text.slice(0, 80));
      }
      if (problem) {
        if (typeof problem.code !== 'string' || !codes.has(problem.code)) {
          add('unknown_code', String(problem.code));
        }
        if (problem.status !== answer.status) add('status_mismatch', String(problem.status));
      }
    }
  }
  if (answer.status >= 500) {
    const documented =
      answer.status === 503 &&
      typeof problem?.code === 'string' &&
      DOCUMENTED_503.has(problem.code);
    const code = typeof problem?.code === 'string' ? problem.code : text.slice(0, 80);
    if (!documented) add('server_error', code);
  }
  if (answer.status >= 200 && answer.status < 300 && request.method !== 'HEAD') {
    if (/json/.test(contentType) && answer.body.length > 0) {
      try {
        JSON.parse(text);
      } catch {
        add('2xx_unparsable', contentType);
      }
    }
  }
  if (STACK_FRAME.test(text)) add('stack_trace', 'a stack frame in the body');
  const headerLatin1 = JSON.stringify(answer.headers);
  const headerText = `${headerLatin1}${Buffer.from(headerLatin1, 'latin1').toString('utf8')}`;
  for (const canary of canaries) {
    if (request.who !== 'anonymous' && canary.readableBy.includes(request.who)) continue;
    // A granted break-glass is a legitimate, audited read (test/api covers its audit rows).
    if (request.who !== 'anonymous' && canary.breakGlassHolders?.has(request.who)) continue;
    if (leaks(text, canary.value) || leaks(answer.body.toString('latin1'), canary.value)) {
      add('canary_in_body', canary.value);
    }
    if (leaks(headerText, canary.value)) add('canary_in_header', canary.value);
  }
  return findings;
}

/** Log lines that carry a canary (every canary: no log line may, whoever asked). */
export function canariesInLog(lines: readonly string[], canaries: readonly Canary[]): string[] {
  const found: string[] = [];
  for (const line of lines) {
    for (const canary of canaries) {
      const hex = Buffer.from(canary.value, 'utf8').toString('hex');
      if (leaks(line, canary.value) || line.includes(hex)) found.push(canary.value);
    }
  }
  return found;
}
