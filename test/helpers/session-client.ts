import { NodeCryptoPlugin } from '@otplib/plugin-crypto-node';
import { generate } from '@otplib/totp';
import type { Express } from 'express';
import request from 'supertest';
import { base32Decode } from '../../security/totp/base32';
import type { TestClock } from './app';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
const crypto = new NodeCryptoPlugin();

/**
 * A browser-like client: keeps the session cookie by hand (supertest's agent
 * would not send a Secure cookie over the test's plain HTTP), says it came over
 * HTTPS through the trusted loopback proxy, and sends the CSRF token it holds.
 */
export class SessionClient {
  cookie: string | undefined;
  csrfToken: string | undefined;
  /** Base32 TOTP secret, once enrolled. */
  totpSecret: string | undefined;

  constructor(
    private readonly app: Express,
    private readonly clock: TestClock,
  ) {}

  async send(
    method: Method,
    path: string,
    body?: object | Buffer,
    headers: Record<string, string> = {},
  ): Promise<request.Response> {
    let req = request(this.app)[method](path).set('X-Forwarded-Proto', 'https');
    if (this.cookie) req = req.set('Cookie', this.cookie);
    if (this.csrfToken && method !== 'get') req = req.set('x-csrf-token', this.csrfToken);
    for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
    const res = body === undefined ? await req : await req.send(body);
    this.keepCookie(res);
    return res;
  }

  get = (path: string, headers?: Record<string, string>) =>
    this.send('get', path, undefined, headers);
  post = (path: string, body: object = {}, headers?: Record<string, string>) =>
    this.send('post', path, body, headers);
  patch = (path: string, body: object, headers?: Record<string, string>) =>
    this.send('patch', path, body, headers);

  /** A GET whose body is kept as raw bytes (`res.body` is a Buffer), e.g. a CMS envelope. */
  async download(path: string): Promise<request.Response> {
    let req = request(this.app)
      .get(path)
      .set('X-Forwarded-Proto', 'https')
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    if (this.cookie) req = req.set('Cookie', this.cookie);
    const res = await req;
    this.keepCookie(res);
    return res;
  }

  /** A binary body (attachments) with the session cookie and CSRF token. */
  upload = (path: string, content: Buffer, headers: Record<string, string>) =>
    this.send('post', path, content, headers);

  async refreshCsrf(): Promise<string> {
    const res = await this.get('/api/v1/auth/csrf');
    if (res.status !== 200) throw new Error(`csrf: ${res.status}`);
    this.csrfToken = (res.body as { token: string }).token;
    return this.csrfToken;
  }

  /** The current TOTP code; each call moves the clock one step so no code is reused. */
  async nextCode(): Promise<string> {
    if (!this.totpSecret) throw new Error('not enrolled');
    this.clock.advance(30);
    const epoch = Math.floor(this.clock.now().getTime() / 1000);
    return generate({ secret: base32Decode(this.totpSecret), epoch, crypto });
  }

  /** Password step, enrolment when needed, second factor: a signed-in session with a fresh token. */
  async signIn(email: string, password: string): Promise<request.Response> {
    await this.refreshCsrf();
    const login = await this.post('/api/v1/auth/login', { email, password });
    if (login.status !== 200) throw new Error(`login: ${login.status}`);
    await this.refreshCsrf();
    if ((login.body as { next: string }).next === 'enroll_totp') {
      const enrol = await this.post('/api/v1/auth/totp/enroll');
      if (enrol.status !== 200) throw new Error(`enrol: ${enrol.status}`);
      this.totpSecret = (enrol.body as { secret: string }).secret;
    }
    const done = await this.post('/api/v1/auth/totp', { code: await this.nextCode() });
    if (done.status !== 200) throw new Error(`totp: ${done.status}`);
    await this.refreshCsrf();
    return done;
  }

  private keepCookie(res: request.Response) {
    const setCookie = res.headers['set-cookie'] as string[] | string | undefined;
    const cookies = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
    for (const line of cookies) {
      const pair = line.split(';')[0]!;
      this.cookie = /=$/.test(pair) || /Expires=Thu, 01 Jan 1970/i.test(line) ? undefined : pair;
    }
  }
}
