import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { SessionData } from 'express-session';
import { PasswordHasher } from '../../security/passwords';
import { inActorTransaction, SYSTEM_ACTOR } from '../../server/db/actor-transaction';
import {
  PostgresSessionStore,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
} from '../../server/modules/auth/session-store';
import { SESSION_EXTEND_EVERY_MS } from '../../server/modules/auth/session-limits';
import { createFirstAdmin } from '../../server/modules/users';
import { openTestDatabase, type TestDatabase } from '../helpers/database';
import { engine } from '../helpers/engine';

let t: TestDatabase;
let clock: number;
let store: PostgresSessionStore;
let userId: string;

beforeAll(async () => {
  t = await openTestDatabase();
  const { user } = await createFirstAdmin(
    t.store,
    new PasswordHasher(),
    { email: 'admin@municipio.gob.ec', displayName: 'Admin' },
    { name: 'Secretaría', sector: 'social_protection' },
  );
  userId = user.id;
});
afterAll(() => t.close());
beforeEach(() => {
  clock = Date.UTC(2026, 10, 22, 9, 0, 0);
  store = new PostgresSessionStore(t.store, () => clock);
});

/** express-session's callback API as promises. */
function settle<T>(
  call: (done: (error?: unknown, value?: T) => void) => void,
): Promise<T | undefined> {
  return new Promise((resolve, reject) =>
    call((error, value) =>
      error
        ? reject(error instanceof Error ? error : new Error('session store failed'))
        : resolve(value),
    ),
  );
}

const promised = {
  get: (sid: string) => settle<SessionData | null>((done) => store.get(sid, done)),
  set: (sid: string, data: Partial<SessionData>) =>
    settle((done) => store.set(sid, data as SessionData, done)),
  touch: (sid: string) => settle((done) => store.touch(sid, {} as SessionData, done)),
  destroy: (sid: string) => settle((done) => store.destroy(sid, done)),
};

/** The stored idle limit of a session, as the system reads it (undefined: no row). */
function expiresAt(sid: string): Promise<Date | undefined> {
  return inActorTransaction(t.store, SYSTEM_ACTOR, async (trx) => {
    const rows = await trx.selectFrom('sessions').select(['id_hash', 'expires_at']).execute();
    const hash = createHash('sha256').update(sid, 'utf8').digest();
    return rows.find((row) => Buffer.from(row.id_hash).equals(hash))?.expires_at;
  });
}

const session = (extra: Partial<SessionData> = {}): Partial<SessionData> => ({
  startedAt: clock,
  ...extra,
});

describe(`PostgresSessionStore (${engine})`, () => {
  it('stores sessions under the hash of their id, never the id itself', async () => {
    const sid = 'sid-Ñandú-0123456789abcdef';
    await promised.set(sid, session({ userId }));
    expect(await promised.get(sid)).toEqual(session({ userId }));
    const raw = await inActorTransaction(t.store, SYSTEM_ACTOR, async (trx) => {
      const { rows } = await sql`select s::text as row from sessions s`.execute(trx);
      return JSON.stringify(rows);
    });
    expect(raw).not.toContain(sid);
    expect(await promised.get('another-id')).toBeNull();
  });

  it('expires after 15 idle minutes; a read renews it', async () => {
    await promised.set('idle', session());
    clock += SESSION_IDLE_MS - 1_000;
    expect(await promised.get('idle')).not.toBeNull();
    clock += SESSION_IDLE_MS - 1_000;
    expect(await promised.get('idle')).not.toBeNull();
    clock += SESSION_IDLE_MS;
    expect(await promised.get('idle')).toBeNull();
  });

  it('writes a new idle limit at most once a minute, not on every read', async () => {
    await promised.set('busy', session());
    const written = await expiresAt('busy');
    clock += SESSION_EXTEND_EVERY_MS - 1_000;
    expect(await promised.get('busy')).not.toBeNull();
    expect(await expiresAt('busy')).toEqual(written);
    clock += 2_000;
    expect(await promised.get('busy')).not.toBeNull();
    expect(await expiresAt('busy')).toEqual(new Date(clock + SESSION_IDLE_MS));
    // Never longer than the idle limit after the last read, never below it by a minute.
    clock += SESSION_IDLE_MS - SESSION_EXTEND_EVERY_MS + 1_000;
    expect(await promised.get('busy')).not.toBeNull();
    clock += SESSION_IDLE_MS - 1_000;
    expect(await promised.get('busy')).not.toBeNull();
  });

  it('touch writes nothing: the read extends the idle limit when it is due', async () => {
    await promised.set('quiet', session());
    const written = await expiresAt('quiet');
    clock += 5 * 60 * 1000;
    await promised.touch('quiet');
    expect(await expiresAt('quiet')).toEqual(written);
  });

  it('expires 8 hours after it started, however active', async () => {
    await promised.set('long', session());
    for (let elapsed = 0; elapsed <= SESSION_ABSOLUTE_MS; elapsed += 10 * 60 * 1000) {
      clock += 10 * 60 * 1000;
      await promised.get('long');
    }
    expect(await promised.get('long')).toBeNull();
    expect(await expiresAt('long')).toBeUndefined();
  });

  it('destroys one session, or all sessions of a user at once', async () => {
    await promised.set('a', session({ userId }));
    await promised.set('b', session({ userId }));
    await promised.set('c', session());
    await promised.destroy('a');
    expect(await promised.get('a')).toBeNull();
    await store.destroyAllForUser(userId);
    expect(await promised.get('b')).toBeNull();
    expect(await promised.get('c')).not.toBeNull();
  });

  it('purges expired rows', async () => {
    await promised.set('old', session());
    clock += SESSION_IDLE_MS + 1;
    expect(await store.purgeExpired()).toBeGreaterThanOrEqual(1);
  });

  it('is invisible to every actor but the system (row-level security)', async () => {
    await promised.set('visible-to-system-only', session({ userId }));
    const seen = await inActorTransaction(
      t.store,
      { id: userId, role: 'admin', institutionId: null },
      (trx) => trx.selectFrom('sessions').select('user_id').execute(),
    );
    expect(seen).toEqual([]);
  });
});
