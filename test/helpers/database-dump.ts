import { sql } from 'kysely';
import { inActorTransaction, SYSTEM_ACTOR } from '../../server/db/actor-transaction';
import type { TestApp } from './app';

/** Every row of every table of the schema as text: what a stolen database would show. */
export function databaseDump(t: TestApp): Promise<string> {
  return inActorTransaction(t.database.store, SYSTEM_ACTOR, async (trx) => {
    const { rows: tables } = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = 'amparo' and table_type = 'BASE TABLE'`.execute(trx);
    const parts: string[] = [];
    for (const { name: table } of tables) {
      const { rows } = await sql<{
        row: string;
      }>`select t::text as row from ${sql.table(table)} t`.execute(trx);
      parts.push(...rows.map((r) => r.row));
    }
    return parts.join('\n');
  });
}
