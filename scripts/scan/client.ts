/**
 * A signed-in API session as a browser holds it: a session cookie, the CSRF
 * token of that session, and the account's authenticator (TOTP) for the
 * second factor. The scanners are handed the cookie and the token.
 */
// The journeys' authenticator: codes in increasing 30 s steps, as the server accepts them.
import { Authenticator } from '../../test/e2e/support/totp';

export class ScanSession {
  cookie = '';
  private csrf: string | undefined;
  private authenticator: Authenticator | undefined;

  constructor(readonly baseUrl: string) {}

  /** The CSRF token of the current session (fetched once per session cookie). */
  async csrfToken(): Promise<string> {
    if (!this.csrf) {
      const response = await this.send('GET', '/api/v1/auth/csrf');
      this.csrf = ((await response.json()) as { token: string }).token;
    }
    return this.csrf;
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.send(method, path, body);
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** The status only (keep-alive pings). */
  async status(method: string, path: string): Promise<number> {
    const response = await this.send(method, path);
    await response.arrayBuffer();
    return response.status;
  }

  private async send(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (method !== 'GET') headers['x-csrf-token'] = await this.csrfToken();
    if (this.cookie) headers.cookie = this.cookie;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
    if (cookies.length > 0) {
      this.cookie = cookies.filter((c) => !c.endsWith('=')).join('; ');
      this.csrf = undefined;
    }
    return response;
  }

  /** Password (changed to `newPassword` when the account must), second factor enrolled, code. */
  async signIn(email: string, password: string, newPassword: string): Promise<void> {
    let { next } = await this.request<{ next: string }>('POST', '/api/v1/auth/login', {
      email,
      password,
    });
    if (next === 'change_password') {
      ({ next } = await this.request<{ next: string }>('POST', '/api/v1/auth/password', {
        currentPassword: password,
        newPassword,
      }));
    }
    if (next !== 'enroll_totp') throw new Error(`sign-in: unexpected step ${next}`);
    const { secret } = await this.request<{ secret: string }>('POST', '/api/v1/auth/totp/enroll');
    this.authenticator = new Authenticator(secret);
    await this.request('POST', '/api/v1/auth/totp', { code: await this.authenticator.code() });
  }
}
