import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestHandler } from 'express';
import type { ControlledTransaction, Kysely } from 'kysely';
import type { DbActor } from './rls-context';
import type { DB } from './schema';

type Trx = ControlledTransaction<DB>;

/** The request's open transaction, and what to write again should its use case roll it back. */
export interface OpenTransaction {
  trx: Trx;
  actor: ActorKey;
  afterRollback?: () => Promise<void>;
}

/**
 * One request, one transaction (ARCHITECTURE, "The data path"). The session
 * check opens a transaction and leaves its row-level-security context set to
 * the signed-in user (open_session, migration 0019); the request's first use
 * case for that same actor runs in it and commits it (see inActorTransaction).
 *
 * Anything else the request does on the database — another actor's work, the
 * session store saving, the audit of a refusal after a rollback — first
 * commits it: a request never holds two connections at once (the embedded
 * engine has only one, and a pool would run dry under load). A transaction
 * nobody took is committed when the response ends.
 */
export class RequestTransaction {
  private open: OpenTransaction | undefined;
  /** The response has gone (or the client left): nothing may be kept open any more. */
  private ended = false;

  /**
   * Runs the request's first statement in a new transaction and keeps the
   * transaction for `actor` (what that statement set the RLS context to), or
   * commits it at once when there is no actor to keep it for.
   */
  async begin<T>(
    db: Kysely<DB>,
    first: (
      trx: Trx,
    ) => Promise<{ value: T; actor?: ActorKey; afterRollback?: () => Promise<void> }>,
  ): Promise<T> {
    await this.release();
    const trx = await db.startTransaction().execute();
    let result: Awaited<ReturnType<typeof first>>;
    try {
      result = await first(trx);
    } catch (error) {
      await rollbackQuietly(trx);
      throw error;
    }
    if (result.actor && !this.ended) {
      this.open = { trx, actor: result.actor, afterRollback: result.afterRollback };
    } else {
      await commitOrRollback(trx);
    }
    return result.value;
  }

  /** The open transaction, handed over once, when its context is this actor's. */
  takeFor(actor: DbActor): OpenTransaction | undefined {
    const open = this.open;
    if (!open || !sameActor(open.actor, actor)) return undefined;
    this.open = undefined;
    return open;
  }

  /** The response has gone: commits what nobody took, and keeps nothing open from now on. */
  end(): Promise<void> {
    this.ended = true;
    return this.release();
  }

  /** Commits the transaction if nobody took it. */
  async release(): Promise<void> {
    const open = this.open;
    this.open = undefined;
    if (open) await commitOrRollback(open.trx);
  }
}

/** What the RLS context of an open transaction says: who, in which role and institution. */
export type ActorKey = Pick<DbActor, 'id' | 'role' | 'institutionId'>;

function sameActor(a: ActorKey, b: ActorKey): boolean {
  return a.id === b.id && a.role === b.role && a.institutionId === b.institutionId;
}

const requests = new AsyncLocalStorage<RequestTransaction>();

/** The request being served, when the caller runs on behalf of one. */
export function currentRequestTransaction(): RequestTransaction | undefined {
  return requests.getStore();
}

/**
 * Gives every request its RequestTransaction. The one nobody took is
 * committed as the response is ended — not when a slow client has read it —
 * or when the client goes away.
 */
export const requestTransactions: RequestHandler = (_req, res, next) => {
  const request = new RequestTransaction();
  // Nothing in this transaction can matter to the response any more, and a
  // failed commit only loses a session-expiry extension.
  const end = () => void request.end().catch(() => undefined);
  const endResponse = res.end.bind(res) as (...args: unknown[]) => typeof res;
  res.end = ((...args: unknown[]) => {
    const result = endResponse(...args);
    end();
    return result;
  }) as typeof res.end;
  res.once('close', end);
  requests.run(request, next);
};

/** Commits; when COMMIT fails, rolls back so that the connection goes back to the pool. */
export async function commitOrRollback(trx: Trx): Promise<void> {
  try {
    await trx.commit().execute();
  } catch (error) {
    await rollbackQuietly(trx);
    throw error;
  }
}

/** Kysely releases the connection even when ROLLBACK fails; the first error is the one to report. */
export async function rollbackQuietly(trx: Trx): Promise<void> {
  if (trx.isCommitted || trx.isRolledBack) return;
  await trx
    .rollback()
    .execute()
    .catch(() => undefined);
}

/**
 * For a route that reads a large body after the session check (an upload):
 * commits the request's transaction first, so that no connection waits on a
 * slow client (on the embedded engine, everyone would wait). The use case
 * then runs in a transaction of its own.
 */
export const releaseBeforeBody: RequestHandler = (_req, _res, next) => {
  releaseRequestTransaction().then(() => next(), next);
};

/** Commits the current request's open transaction, if any (before work of another kind). */
export async function releaseRequestTransaction(): Promise<void> {
  await currentRequestTransaction()?.release();
}

/**
 * Slow work that needs no database (password hashing): the request's open
 * transaction is committed first, so that no connection waits on it.
 */
export async function outsideRequestTransaction<T>(work: () => Promise<T>): Promise<T> {
  await releaseRequestTransaction();
  return work();
}
