/**
 * The login password step over HTTP, in process: the real app (session,
 * CSRF, throttle, audit, capped argon2id) on an ephemeral port, each worker
 * fetching a CSRF token and then posting the right password. A 503 (hashing
 * saturated) counts as refused.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { LocalKeyring } from '../../security/crypto';
import { HasherSaturatedError, type PasswordHasher } from '../../security/passwords';
import { buildApp } from '../../server/app';
import { STEP_UP_WINDOW_MS } from '../../server/modules/auth';
import { inActorTransaction, SYSTEM_ACTOR, type Store } from '../../server/db/actor-transaction';
import type { Database } from '../../server/db/database';
import { ensureLeadAgency } from '../../server/modules/institutions';

const PASSWORD = 'Río-montaña-Ñandú-cuarzo-7-login';

export async function loginWorkload(database: Database, store: Store, hasher: PasswordHasher) {
  const email = await seedBenchUser(store, hasher);
  const app = buildApp({
    database,
    logger: pino({ level: 'silent' }),
    config: {
      jsonBodyLimit: '100kb',
      serveClient: false,
      trustProxy: false,
      insecureHttpCookie: true,
      publicUrl: 'http://localhost:3000/',
      stepUpWindowMs: STEP_UP_WINDOW_MS,
    },
    secrets: {
      SESSION_SECRET: randomBytes(32),
      AUDIT_KEY: store.auditKey,
      BLIND_INDEX_KEY: randomBytes(32),
    },
    hasher,
    keyring: new LocalKeyring(new Map([[1, randomBytes(32)]])),
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/auth`;

  const login = async () => {
    const csrf = await fetch(`${base}/csrf`);
    const cookie = (csrf.headers.get('set-cookie') ?? '').split(';')[0]!;
    const { token } = (await csrf.json()) as { token: string };
    const res = await fetch(`${base}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': token },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    await res.arrayBuffer();
    if (res.status === 503) throw new HasherSaturatedError();
    if (res.status !== 200) throw new Error(`login answered ${res.status}`);
  };
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { login, close };
}

async function seedBenchUser(store: Store, hasher: PasswordHasher): Promise<string> {
  const { institution } = await ensureLeadAgency(store, {
    name: 'Agencia líder (bench)',
    sector: 'social_protection',
  });
  const email = `bench.${randomBytes(4).toString('hex')}@example.org`;
  const passwordHash = await hasher.hash(PASSWORD);
  await inActorTransaction(store, SYSTEM_ACTOR, (trx) =>
    trx
      .insertInto('users')
      .values({
        institution_id: institution.id,
        email,
        display_name: 'Bench',
        role: 'caseworker',
        password_hash: passwordHash,
        password_must_change: false,
      })
      .execute(),
  );
  return email;
}
