/**
 * One staff member's browser, reduced to what the API needs: a cookie jar,
 * the CSRF token of its session, an authenticator app, and a record of every
 * request it sends (workload.ts).
 */
import { NodeCryptoPlugin } from '@otplib/plugin-crypto-node';
import { generate } from '@otplib/totp';
import { base32Decode } from '../../../security/totp/base32';

/** How a request ended, from the client's side. */
export type Outcome =
  | 'ok' // 2xx
  | 'http' // any other HTTP answer
  | 'connection' // no HTTP answer: refused, reset, closed
  | 'timeout'; // no answer within the client's patience

export interface RequestRecord {
  client: number;
  op: string;
  method: string;
  /** Milliseconds since the run's start. */
  start: number;
  end: number;
  outcome: Outcome;
  /** 0 without an HTTP answer. */
  status: number;
  contentType?: string;
  /** The problem's `code` (problem+json answers). */
  code?: string;
  retryAfter?: string;
  /** What the acknowledged write created (the id the API returned). */
  id?: string;
  /** The case a note, consent or referral belongs to; the referral a transition moved. */
  of?: string;
  /** The body of a failure (a non-2xx answer), kept for the canary check. */
  errorBody?: string;
  /** The error of a request without an answer (its name and cause's code, no data). */
  error?: string;
}

export interface Answer {
  record: RequestRecord;
  json: unknown;
}

const crypto = new NodeCryptoPlugin();
const PERIOD_S = 30;
export const currentStep = () => Math.floor(Date.now() / 1000 / PERIOD_S);

/** An authenticator app: each 30 s step is used once (the server refuses a replay). */
export class Authenticator {
  private lastStep = 0;
  constructor(readonly secret: string) {}

  /** Whether a step is free now (the server accepts the previous, current and next one). */
  available(): boolean {
    return this.nextStep() !== undefined;
  }

  /** A code for a step never used, or undefined when the current and next one are spent. */
  async code(): Promise<string | undefined> {
    const step = this.nextStep();
    if (step === undefined) return undefined;
    // A code is spent once sent, whatever the answer: it may have been accepted.
    this.lastStep = step;
    return generate({ secret: base32Decode(this.secret), epoch: step * PERIOD_S, crypto });
  }

  /** The current step, else the next one (the same machine's clock: no skew to allow for). */
  private nextStep(): number | undefined {
    const step = Math.max(this.lastStep + 1, currentStep());
    return step > currentStep() + 1 ? undefined : step;
  }
}

export class Jar {
  cookie = '';
  csrf: string | undefined;
}

export interface ClientOptions {
  baseUrl: string;
  index: number;
  /** The run's time origin (performance.now()). */
  origin: number;
  /** A request without an answer after this long counts as a timeout. */
  patienceMs: number;
  record: (record: RequestRecord) => void;
}

export class StaffClient {
  jar = new Jar();
  authenticator: Authenticator | undefined;
  /** A distinct address per person (198.18.0.0/15, for benchmarks), as HAProxy forwards it. */
  private readonly address: string;

  constructor(private readonly options: ClientOptions) {
    this.address = `198.18.${Math.floor(options.index / 250)}.${(options.index % 250) + 1}`;
  }

  get index(): number {
    return this.options.index;
  }

  /** Where record times count from (the run's start). */
  set origin(origin: number) {
    this.options.origin = origin;
  }

  /** Sends and records one request; `jar` defaults to the client's own session. */
  async send(
    op: string,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    jar: Jar = this.jar,
  ): Promise<Answer> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'x-forwarded-for': this.address,
    };
    if (jar.cookie) headers.cookie = jar.cookie;
    if (method === 'POST') headers['x-csrf-token'] = jar.csrf ?? '';
    if (body !== undefined) headers['content-type'] = 'application/json';
    const start = performance.now();
    const base = { client: this.options.index, op, method, start: this.since(start) };
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${this.options.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.patienceMs),
      });
      text = await response.text();
    } catch (error) {
      const record: RequestRecord = {
        ...base,
        end: this.since(performance.now()),
        outcome: isTimeout(error) ? 'timeout' : 'connection',
        status: 0,
        error: describeError(error),
      };
      this.options.record(record);
      return { record, json: undefined };
    }
    const cookies = response.headers.getSetCookie().map((line) => line.split(';')[0] ?? '');
    if (cookies.length > 0) jar.cookie = cookies.filter((pair) => !/=$/.test(pair)).join('; ');
    const contentType = response.headers.get('content-type') ?? undefined;
    const json = contentType?.includes('json') ? parseJson(text) : undefined;
    const ok = response.status >= 200 && response.status < 300;
    const record: RequestRecord = {
      ...base,
      end: this.since(performance.now()),
      outcome: ok ? 'ok' : 'http',
      status: response.status,
      ...(contentType ? { contentType } : {}),
    };
    if (!ok) {
      record.errorBody = text;
      const code = field(json, 'code');
      if (code) record.code = code;
      const retryAfter = response.headers.get('retry-after');
      if (retryAfter !== null) record.retryAfter = retryAfter;
    }
    this.options.record(record);
    return { record, json };
  }

  /** Fetches a CSRF token into the jar; false when the API did not give one. */
  async csrf(jar: Jar = this.jar): Promise<boolean> {
    const { json } = await this.send('csrf', 'GET', '/api/v1/auth/csrf', undefined, jar);
    const token = field(json, 'token');
    if (token) jar.csrf = token;
    return token !== undefined;
  }

  /**
   * Signs in through every step into a new jar, which becomes the client's
   * session only when all steps succeeded (a failed sign-in leaves the
   * current session working). False when a step failed or no code was free.
   */
  async signIn(email: string, password: string): Promise<boolean> {
    const jar = new Jar();
    if (this.authenticator && !this.authenticator.available()) return false;
    if (!(await this.csrf(jar))) return false;
    const login = await this.send('login', 'POST', '/api/v1/auth/login', { email, password }, jar);
    const next = field(login.json, 'next');
    if (login.record.outcome !== 'ok' || !next) return false;
    if (!(await this.csrf(jar))) return false;
    if (next === 'enroll_totp') {
      const enrol = await this.send('login', 'POST', '/api/v1/auth/totp/enroll', undefined, jar);
      const secret = field(enrol.json, 'secret');
      if (!secret) return false;
      this.authenticator = new Authenticator(secret);
    }
    const code = await this.authenticator?.code();
    if (!code) return false;
    const totp = await this.send('login', 'POST', '/api/v1/auth/totp', { code }, jar);
    if (totp.record.outcome !== 'ok') return false;
    totp.record.op = 'login.complete';
    if (!(await this.csrf(jar))) return false;
    this.jar = jar;
    return true;
  }

  private since(now: number): number {
    return Math.round((now - this.options.origin) * 10) / 10;
  }
}

export function field(json: unknown, name: string): string | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const value = (json as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Errors from fetch come from another realm under jest: duck-typed, never `instanceof`. */
function isTimeout(error: unknown): boolean {
  const name = nameOf(error);
  return name === 'TimeoutError' || name === 'AbortError';
}

/** fetch wraps the socket's error as `cause`: its name and code (ECONNRESET, UND_ERR_SOCKET, …). */
function describeError(error: unknown): string {
  const cause =
    typeof error === 'object' && error !== null ? (error as { cause?: unknown }).cause : undefined;
  const code =
    typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined;
  return [nameOf(error), nameOf(cause), typeof code === 'string' ? code : undefined]
    .filter(Boolean)
    .join(' ');
}

function nameOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const name = (error as { name?: unknown }).name;
  return typeof name === 'string' ? name : undefined;
}
