import { createHash } from 'node:crypto';
import session, { type SessionData } from 'express-session';
import type { Kysely } from 'kysely';
import { inActorTransaction, SYSTEM_ACTOR, type Store } from '../../db/actor-transaction';
import type { DB } from '../../db/schema';

export const SESSION_IDLE_MS = 15 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 8 * 60 * 60 * 1000;

/** What Amparo keeps in a session besides express-session's cookie. */
declare module 'express-session' {
  interface SessionData {
    /** Set once, at creation: the session dies 8 h later whatever the activity. */
    startedAt: number;
    userId?: string;
  }
}

type Callback<T = void> = (error?: unknown, value?: T) => void;

/**
 * express-session store on PostgreSQL (either engine). Rows are keyed by the
 * SHA-256 of the session id; each read enforces both timeouts: idle (15 min,
 * renewed on activity) and absolute (8 h from creation).
 */
export class PostgresSessionStore extends session.Store {
  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  override get(sid: string, callback: Callback<SessionData | null>): void {
    this.system(async (db) => {
      const row = await db
        .selectFrom('sessions')
        .select(['data', 'expires_at'])
        .where('id_hash', '=', hashId(sid))
        .executeTakeFirst();
      if (!row) return null;
      const data = row.data as SessionData;
      if (row.expires_at.getTime() <= this.now() || this.pastAbsolute(data)) {
        await db.deleteFrom('sessions').where('id_hash', '=', hashId(sid)).execute();
        return null;
      }
      return data;
    }, callback);
  }

  override set(sid: string, data: SessionData, callback?: Callback): void {
    const row = {
      user_id: data.userId ?? null,
      data: JSON.stringify(data),
      expires_at: new Date(this.now() + SESSION_IDLE_MS),
    };
    this.system(async (db) => {
      await db
        .insertInto('sessions')
        .values({ id_hash: hashId(sid), ...row })
        .onConflict((oc) => oc.column('id_hash').doUpdateSet(row))
        .execute();
    }, callback);
  }

  override touch(sid: string, _data: SessionData, callback?: Callback): void {
    this.system(async (db) => {
      await db
        .updateTable('sessions')
        .set({ expires_at: new Date(this.now() + SESSION_IDLE_MS) })
        .where('id_hash', '=', hashId(sid))
        .execute();
    }, callback);
  }

  override destroy(sid: string, callback?: Callback): void {
    this.system(async (db) => {
      await db.deleteFrom('sessions').where('id_hash', '=', hashId(sid)).execute();
    }, callback);
  }

  /** Ends every session of a user at once (disabled account, role change, reset). */
  destroyAllForUser(userId: string): Promise<void> {
    return inActorTransaction(this.store, SYSTEM_ACTOR, async (db) => {
      await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
    });
  }

  /** Deletes expired rows; returns how many. Run periodically. */
  purgeExpired(): Promise<number> {
    return inActorTransaction(this.store, SYSTEM_ACTOR, async (db) => {
      const result = await db
        .deleteFrom('sessions')
        .where('expires_at', '<=', new Date(this.now()))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    });
  }

  private pastAbsolute(data: SessionData): boolean {
    return typeof data.startedAt !== 'number' || this.now() - data.startedAt > SESSION_ABSOLUTE_MS;
  }

  private system<T>(work: (db: Kysely<DB>) => Promise<T>, callback?: Callback<T>): void {
    inActorTransaction(this.store, SYSTEM_ACTOR, work).then(
      (value) => callback?.(undefined, value),
      (error: unknown) => callback?.(error),
    );
  }
}

function hashId(sid: string): Buffer {
  return createHash('sha256').update(sid, 'utf8').digest();
}
