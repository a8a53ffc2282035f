import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema';

export interface MigrationFile {
  version: string;
  name: string;
  checksum: string;
  sql: string;
}

export const MIGRATIONS_DIR = path.join(__dirname, 'migrations');
const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** Reads `NNNN_name.sql` files in order; a gap or a stray file is a mistake, not a warning. */
export function loadMigrationFiles(dir: string = MIGRATIONS_DIR): MigrationFile[] {
  const files = fs.readdirSync(dir).sort();
  return files.map((file, index) => {
    const match = FILE_PATTERN.exec(file);
    if (!match) throw new Error(`migration file name must look like 0001_name.sql: ${file}`);
    const [, version = '', name = ''] = match;
    if (Number(version) !== index + 1) throw new Error(`migration ${file} is out of sequence`);
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    return { version, name, checksum: createHash('sha256').update(text).digest('hex'), sql: text };
  });
}

export type MigrationState =
  | { current: true }
  | { current: false; reason: 'pending' | 'changed' | 'unknown_applied'; version: string };

/** Compares what the database has applied with the files this code ships. */
export function compareMigrations(
  files: readonly MigrationFile[],
  applied: readonly { version: string; checksum: string }[],
): MigrationState {
  const appliedByVersion = new Map(applied.map((row) => [row.version, row.checksum]));
  for (const row of applied) {
    if (!files.some((file) => file.version === row.version)) {
      return { current: false, reason: 'unknown_applied', version: row.version };
    }
  }
  for (const file of files) {
    const checksum = appliedByVersion.get(file.version);
    if (checksum === undefined) return { current: false, reason: 'pending', version: file.version };
    if (checksum !== file.checksum) {
      return { current: false, reason: 'changed', version: file.version };
    }
  }
  return { current: true };
}

export async function readAppliedMigrations(db: Kysely<DB>) {
  return db.selectFrom('schema_migrations').select(['version', 'checksum']).execute();
}

/**
 * Applies pending migrations, each in its own transaction with its bookkeeping
 * row, under a session advisory lock so that two instances never migrate at once.
 * Must run as the migrator role (the owner of the `amparo` schema).
 */
export async function migrate(
  db: Kysely<DB>,
  files: readonly MigrationFile[] = loadMigrationFiles(),
): Promise<string[]> {
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(hashtext('amparo.migrate'))`.execute(conn);
    try {
      await sql`
        create table if not exists schema_migrations (
          version    text primary key,
          name       text not null,
          checksum   text not null,
          applied_at timestamptz not null default now()
        )`.execute(conn);
      await sql`grant select on schema_migrations to amparo_app`.execute(conn);

      const applied = await readAppliedMigrations(conn);
      const state = compareMigrations(files, applied);
      if (!state.current && state.reason !== 'pending') {
        throw new Error(`cannot migrate: migration ${state.version} is ${state.reason}`);
      }
      const appliedVersions = new Set(applied.map((row) => row.version));
      const done: string[] = [];
      for (const file of files.filter((f) => !appliedVersions.has(f.version))) {
        await conn.transaction().execute(async (trx) => {
          await sql.raw(file.sql).execute(trx);
          await trx
            .insertInto('schema_migrations')
            .values({ version: file.version, name: file.name, checksum: file.checksum })
            .execute();
        });
        done.push(`${file.version}_${file.name}`);
      }
      return done;
    } finally {
      await sql`select pg_advisory_unlock(hashtext('amparo.migrate'))`.execute(conn);
    }
  });
}
