import { CompiledQuery, sql } from 'kysely';
import { inActorTransaction, SYSTEM_ACTOR, type Store } from '../../db/actor-transaction';

/** The tables of rate-limiter-flexible's PostgreSQL layout (created by migrations 0005, 0030). */
export type ThrottleTable = 'login_throttle' | 'certificate_lookup_throttle';

/**
 * The pg-client shape rate-limiter-flexible calls (`query({text, values})` →
 * `{rows, rowCount}`), over Kysely on either engine, each query in its own
 * transaction with the system RLS context. bigint columns come back as numbers.
 * Counters kept here are shared by every instance on the database.
 */
export function throttleStoreClient(store: Store) {
  return {
    async query(query: { text: string; values?: unknown[] }) {
      const result = await inActorTransaction(store, SYSTEM_ACTOR, (trx) =>
        trx.executeQuery<Record<string, unknown>>(
          CompiledQuery.raw(query.text, query.values ?? []),
        ),
      );
      const rows = result.rows.map((row) =>
        Object.fromEntries(
          Object.entries(row).map(([k, v]) => [
            k,
            typeof v === 'string' && k === 'expire'
              ? Number(v)
              : typeof v === 'bigint'
                ? Number(v)
                : v,
          ]),
        ),
      );
      return { rows, rowCount: rows.length || Number(result.numAffectedRows ?? 0) };
    },
  };
}

/**
 * Deletes counters whose time is over (the limiter would start them again
 * anyway): without it, every client address ever seen keeps a row. The
 * session purge job runs it, once per interval across instances.
 */
export function purgeExpiredThrottleCounters(
  store: Store,
  table: ThrottleTable,
  now: Date,
): Promise<number> {
  return inActorTransaction(store, SYSTEM_ACTOR, async (trx) => {
    const result =
      await sql`delete from ${sql.table(table)} where expire < ${now.getTime()}`.execute(trx);
    return Number(result.numAffectedRows ?? 0);
  });
}
