import { Authenticator } from './totp';

export interface Problem {
  status: number;
  code?: string;
}

/**
 * The API as a browser would use it, for the suite's own set-up (users, teams,
 * data a journey does not type itself): a cookie, the CSRF token, step-up
 * with the account's authenticator when asked.
 */
export class ApiSession {
  private cookie = '';
  private csrf: string | undefined;
  authenticator: Authenticator | undefined;

  constructor(readonly baseUrl: string) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.send(method, path, body);
    if (response.status === 401) {
      const problem = (await response.clone().json()) as { code?: string };
      if (problem.code === 'step_up_required' && this.authenticator) {
        await this.send('POST', '/api/v1/auth/step-up', { code: await this.authenticator.code() });
        return this.request<T>(method, path, body);
      }
    }
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
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
    const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0]);
    if (cookies.length > 0) {
      this.cookie = cookies.join('; ');
      this.csrf = undefined;
    }
    return response;
  }

  private async csrfToken(): Promise<string> {
    if (!this.csrf) {
      const response = await this.send('GET', '/api/v1/auth/csrf');
      this.csrf = ((await response.json()) as { token: string }).token;
    }
    return this.csrf;
  }

  /** Signs in through every step the account still needs; returns the password now valid. */
  async signIn(email: string, password: string, newPassword?: string): Promise<string> {
    let next = (
      await this.request<{ next: string }>('POST', '/api/v1/auth/login', { email, password })
    ).next;
    let current = password;
    if (next === 'change_password') {
      if (!newPassword) throw new Error(`${email} must change the password`);
      next = (
        await this.request<{ next: string }>('POST', '/api/v1/auth/password', {
          currentPassword: password,
          newPassword,
        })
      ).next;
      current = newPassword;
    }
    if (next === 'enroll_totp') {
      const { secret } = await this.request<{ secret: string }>('POST', '/api/v1/auth/totp/enroll');
      this.authenticator = new Authenticator(secret);
    }
    if (!this.authenticator) throw new Error(`${email}: no authenticator for the code step`);
    await this.request('POST', '/api/v1/auth/totp', { code: await this.authenticator.code() });
    return current;
  }
}
