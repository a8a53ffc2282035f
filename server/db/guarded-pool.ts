import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';
import { DatabaseUnreachableError } from './database-failure';

/**
 * The pool Kysely sees: `pg`'s, with a client-side timeout on every
 * statement. `pg`'s own `query_timeout` only rejects the statement: the
 * connection keeps waiting for the answer, the next statement (the ROLLBACK)
 * queues behind it, and the pool hands the connection out again. Here the
 * first timeout marks the connection broken: whatever else is sent on it
 * fails at once, and on release the pool destroys it.
 */
export function guardedPool(pool: pg.Pool, queryTimeoutMs: number): PostgresPool {
  const clients = new WeakMap<pg.PoolClient, GuardedClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let guarded = clients.get(client);
      if (!guarded) {
        guarded = new GuardedClient(client, queryTimeoutMs);
        clients.set(client, guarded);
      }
      return guarded;
    },
    end: () => pool.end(),
  };
}

class GuardedClient implements PostgresPoolClient {
  private broken: DatabaseUnreachableError | undefined;

  constructor(
    private readonly client: pg.PoolClient,
    private readonly timeoutMs: number,
  ) {}

  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query(cursor: never): never;
  query<R>(sql: string, parameters: ReadonlyArray<unknown> = []): Promise<PostgresQueryResult<R>> {
    if (this.broken) return Promise.reject(this.broken);
    // pg's result carries what Kysely reads (command, rowCount, rows), typed by pg's own names.
    const sent = this.client.query(sql, [...parameters]) as unknown as Promise<
      PostgresQueryResult<R>
    >;
    if (this.timeoutMs <= 0) return sent;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.broken = new DatabaseUnreachableError();
        reject(this.broken);
      }, this.timeoutMs);
    });
    // The statement's own failure, should it come after the timeout, is not reported twice.
    sent.catch(() => undefined);
    return Promise.race([sent, timeout]).finally(() => clearTimeout(timer));
  }

  release(): void {
    // An error makes pg-pool destroy the client instead of keeping it.
    this.client.release(this.broken);
  }
}
