import { createHash } from 'node:crypto';
import session, { type SessionData } from 'express-session';
import type { Kysely, Transaction } from 'kysely';
import { inActorTransaction, SYSTEM_ACTOR, type Store } from '../../db/actor-transaction';
import { currentRequestTransaction, type RequestTransaction } from '../../db/request-transaction';
import type { DB } from '../../db/schema';
import { actorFor } from './auth.context';
import { extendSession, openSession } from './auth.repository';
import { SESSION_IDLE_MS } from './session-limits';
import type { SessionUser } from './auth.types';

export { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from './session-limits';

/** What Amparo keeps in a session besides express-session's cookie. */
declare module 'express-session' {
  interface SessionData {
    /** Set once, at creation: the session dies 8 h later whatever the activity. */
    startedAt: number;
    userId?: string;
  }
}

type Callback<T = void> = (error?: unknown, value?: T) => void;

/** A session as the request's first statement found it (open_session, migration 0019). */
export interface OpenedSession {
  data: SessionData;
  expiresAt: Date;
  /** This read wrote a new idle limit. */
  extended: boolean;
  /** Present when the session is signed in and the account still allows it. */
  user?: SessionUser;
}

/**
 * express-session store on PostgreSQL (either engine). Rows are keyed by the
 * SHA-256 of the session id; each read enforces both timeouts: idle (15 min,
 * extended at most once a minute, so a session ends 14 to 15 minutes after
 * its last request) and absolute (8 h from creation).
 *
 * Reading a session is the first statement of the request's transaction:
 * the same statement re-reads the account and sets the row-level-security
 * context to the signed-in user, and the request's use case runs in that
 * transaction (server/db/request-transaction.ts). The signed-in user it found
 * is kept for Passport's deserializer (`signedInUser`).
 */
export class PostgresSessionStore extends session.Store {
  private readonly opened = new WeakMap<RequestTransaction, OpenedSession>();

  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  override get(sid: string, callback: Callback<SessionData | null>): void {
    this.open(sid).then(
      (opened) => callback(undefined, opened?.data ?? null),
      (error: unknown) => callback(error),
    );
  }

  /** The user this request's session is signed in as, if it is `userId`. */
  signedInUser(userId: string): SessionUser | undefined {
    const user = this.openedHere()?.user;
    return user?.id === userId ? user : undefined;
  }

  /**
   * Reads the session again (a new request transaction, for the use case to
   * come): is it still signed in as this same user, role and institution?
   */
  async signedInAgain(sid: string, user: SessionUser): Promise<boolean> {
    const again = (await this.open(sid))?.user;
    return (
      again !== undefined &&
      again.id === user.id &&
      again.role === user.role &&
      again.institution.id === user.institution.id
    );
  }

  /** When this request's session ends if nothing else happens. */
  expiresAt(): Date | undefined {
    return this.openedHere()?.expiresAt;
  }

  /** The session as this request's first statement found it. */
  private openedHere(): OpenedSession | undefined {
    const request = currentRequestTransaction();
    return request && this.opened.get(request);
  }

  private async open(sid: string): Promise<OpenedSession | undefined> {
    const request = currentRequestTransaction();
    const idHash = hashId(sid);
    const read = async (trx: Transaction<DB>) => {
      const opened = await openSession(trx, idHash, new Date(this.now()));
      const user = opened?.user;
      // Should the use case roll the transaction back, the extension is written again.
      const afterRollback = opened?.extended
        ? () =>
            inActorTransaction(this.store, SYSTEM_ACTOR, (db) =>
              extendSession(db, idHash, opened.expiresAt),
            )
        : undefined;
      return { value: opened, actor: user && actorFor(user), afterRollback };
    };
    if (!request) return (await inActorTransaction(this.store, SYSTEM_ACTOR, read)).value;
    const opened = await request.begin(this.store.db, read);
    if (opened) this.opened.set(request, opened);
    return opened;
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

  /** Nothing to do: open_session extends the idle limit when it is due. */
  override touch(_sid: string, _data: SessionData, callback?: Callback): void {
    callback?.();
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
