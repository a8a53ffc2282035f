import { sql, type Kysely, type Transaction } from 'kysely';
import type { Store } from '../../db/actor-transaction';
import type { DB } from '../../db/schema';

/**
 * Runs several use cases in ONE transaction: the store handed to `work`
 * opens no transaction of its own, so each use case's inActorTransaction
 * runs in this one — its actor's row-level-security context, its
 * validation and its audit events as always. A part of the demo data is
 * then written whole or not at all, and a later start that finds its name
 * knows it is complete.
 *
 * Only for start-up work with no request around it: the use cases' own
 * isolation levels are not applied (nothing else runs yet). Parts take a
 * transaction-scoped advisory lock, so that two instances starting together
 * on one server seed once.
 */
export function inOneTransaction<T>(store: Store, work: (shared: Store) => Promise<T>): Promise<T> {
  return store.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('amparo.demo-data'))`.execute(trx);
    return work({ ...store, db: sharing(trx) });
  });
}

/** `trx`, except that `transaction().execute(work)` runs `work` in it. */
function sharing(trx: Transaction<DB>): Kysely<DB> {
  const builder = {
    setIsolationLevel: () => builder,
    setAccessMode: () => builder,
    execute: <T>(work: (inner: Transaction<DB>) => Promise<T>) => work(trx),
  };
  return new Proxy(trx, {
    get(target, property) {
      if (property === 'transaction') return () => builder;
      // Kysely's classes keep their state in private fields: call methods on the real object.
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
}
