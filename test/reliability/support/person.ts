/**
 * One person's browser: a cookie and a CSRF token, with every request sent to
 * an instance the test names (not through the load balancer), so that a
 * journey's steps are known to land on different processes.
 */
import { Authenticator } from '../../e2e/support/totp';
import type { Instance } from './cluster';

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

type Where = Pick<Instance, 'url'>;

export class Person {
  private cookie = '';
  /** The last CSRF token this browser fetched (from whichever instance). */
  csrf = '';
  authenticator: Authenticator | undefined;
  /** The password now valid (after the forced change at first sign-in). */
  password = '';

  constructor(readonly email: string) {}

  async send<T = Record<string, unknown>>(
    at: Where,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<Answer<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.cookie) headers.cookie = this.cookie;
    if (method !== 'GET' && this.csrf) headers['x-csrf-token'] = this.csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${at.url}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? '';
      this.cookie = /=$/.test(pair) ? '' : pair;
    }
    const text = await response.text();
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : {}) as T,
      headers: response.headers,
    };
  }

  get = <T = Record<string, unknown>>(at: Where, path: string) => this.send<T>(at, 'GET', path);
  post = <T = Record<string, unknown>>(at: Where, path: string, body?: unknown) =>
    this.send<T>(at, 'POST', path, body ?? {});

  /** Fetches a CSRF token from `at` (the session's token: any instance accepts it). */
  async fetchCsrf(at: Where): Promise<string> {
    const answer = await this.get<{ token: string }>(at, '/api/v1/auth/csrf');
    expectStatus(answer, 200, 'GET /api/v1/auth/csrf');
    this.csrf = answer.body.token;
    return this.csrf;
  }

  /** The sign-in steps each on the next of `steps` in turn (round the list). */
  async signIn(steps: readonly Where[], initialPassword: string, newPassword?: string) {
    let turn = 0;
    const next = () => steps[turn++ % steps.length]!;
    await this.fetchCsrf(next());
    const login = await this.post<{ next: string }>(next(), '/api/v1/auth/login', {
      email: this.email,
      password: initialPassword,
    });
    expectStatus(login, 200, 'login');
    let step = login.body.next;
    this.password = initialPassword;
    if (step === 'change_password') {
      if (!newPassword) throw new Error(`${this.email} must change the password`);
      await this.fetchCsrf(next()); // login regenerated the session
      const changed = await this.post<{ next: string }>(next(), '/api/v1/auth/password', {
        currentPassword: initialPassword,
        newPassword,
      });
      expectStatus(changed, 200, 'password change');
      step = changed.body.next;
      this.password = newPassword;
    }
    if (step === 'enroll_totp') {
      await this.fetchCsrf(next());
      const enrolled = await this.post<{ secret: string }>(next(), '/api/v1/auth/totp/enroll');
      expectStatus(enrolled, 200, 'enrolment');
      this.authenticator = new Authenticator(enrolled.body.secret);
    }
    if (!this.authenticator) throw new Error(`${this.email}: no authenticator`);
    await this.fetchCsrf(next());
    const done = await this.post(next(), '/api/v1/auth/totp', { code: await this.code() });
    expectStatus(done, 200, 'second factor');
    await this.fetchCsrf(next()); // the signed-in session's own token
    return done;
  }

  async code(): Promise<string> {
    if (!this.authenticator) throw new Error(`${this.email}: not enrolled`);
    return this.authenticator.code();
  }
}

export function expectStatus(answer: Answer<unknown>, status: number, what: string): void {
  if (answer.status !== status) {
    throw new Error(
      `${what}: expected ${status}, got ${answer.status} ${JSON.stringify(answer.body)}`,
    );
  }
}
