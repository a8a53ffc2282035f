/**
 * A real signed-in session, obtained over HTTP from the Amparo child as a
 * browser would: CSRF token, password step, second-factor enrolment (the
 * seeded caseworker has none yet), a TOTP code for the current 30 s step,
 * then a fresh CSRF token. The bench signs in ONE session and every
 * autocannon connection sends its cookie (and, for writes, its token), so
 * every measured request goes through the whole session path: cookie,
 * session store, account re-read, CSRF check, audit. Codes are single-use
 * per time step, so one session per connection would need one user each.
 */
import { NodeCryptoPlugin } from '@otplib/plugin-crypto-node';
import { generate } from '@otplib/totp';
import { base32Decode } from '../../security/totp/base32';

export interface BenchSession {
  /** `name=value` of the session cookie. */
  cookie: string;
  csrfToken: string;
}

const crypto = new NodeCryptoPlugin();

export async function signIn(port: number, email: string, password: string): Promise<BenchSession> {
  const base = `http://127.0.0.1:${port}/api/v1/auth`;
  let cookie: string | undefined;

  const send = async (method: 'GET' | 'POST', path: string, token?: string, body?: object) => {
    const headers: Record<string, string> = {};
    if (cookie) headers.cookie = cookie;
    if (token) headers['x-csrf-token'] = token;
    if (body) headers['content-type'] = 'application/json';
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? '';
      cookie = /=$/.test(pair) ? undefined : pair;
    }
    const text = await res.text();
    if (res.status !== 200)
      throw new Error(`sign-in: ${method} ${path} answered ${res.status}: ${text}`);
    return JSON.parse(text) as unknown;
  };
  const csrf = async () => ((await send('GET', '/csrf')) as { token: string }).token;

  const login = (await send('POST', '/login', await csrf(), { email, password })) as {
    next: string;
  };
  if (login.next !== 'enroll_totp') throw new Error(`sign-in: unexpected step ${login.next}`);
  let token = await csrf();
  const { secret } = (await send('POST', '/totp/enroll', token)) as { secret: string };
  const code = await generate({
    secret: base32Decode(secret),
    epoch: Math.floor(Date.now() / 1000),
    crypto,
  });
  await send('POST', '/totp', token, { code });
  token = await csrf();
  if (!cookie) throw new Error('sign-in: no session cookie');
  return { cookie, csrfToken: token };
}
