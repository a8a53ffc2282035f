import { randomBytes } from 'node:crypto';
import type { Store } from '../../server/db/actor-transaction';
import fs from 'node:fs';
import { openEmbeddedDatabase, openServerDatabase, type Database } from '../../server/db/database';
import { APP_ROLE, createDatabase, dropDatabase, MIGRATOR_ROLE } from '../../server/db/provision';
import { urlFor, withKysely } from '../../server/db/provision-server';
import { adminUrl, TEMPLATE_ENV } from './engine';

export interface TestDatabase extends Database {
  /**
   * The statements sent while `during` runs, BEGIN and COMMIT included, once
   * every transaction begun meanwhile has ended (a request commits one it did
   * not hand to a use case when its response has gone).
   */
  recordStatements<T>(during: () => Promise<T>): Promise<{ result: T; statements: string[] }>;
  /** The database with a random audit key, as use cases take it. */
  store: Store;
  /** Server engine only: URLs of this test database for the app and migrator roles. */
  urls?: { app: string; migrator: string };
}

/** A fresh, migrated database on the selected engine, copied from the run's template. */
export async function openTestDatabase(): Promise<TestDatabase> {
  const template = process.env[TEMPLATE_ENV];
  if (!template) throw new Error('the jest global set-up did not prepare a template');
  const recorder = statementRecorder();
  if (!adminUrl) {
    const dump = new Blob([fs.readFileSync(template)]);
    const database = await openEmbeddedDatabase({ dump }, undefined, recorder.observe);
    return {
      ...database,
      store: { db: database.db, auditKey: randomBytes(32) },
      recordStatements: recorder.record,
    };
  }
  const name = `amparo_t_${randomBytes(6).toString('hex')}`;
  await withKysely(adminUrl, (admin) => createDatabase(admin, name, { template }));
  const urls = {
    app: urlFor(adminUrl, APP_ROLE, name),
    migrator: urlFor(adminUrl, MIGRATOR_ROLE, name),
  };
  const database = await openServerDatabase(urls.app, 5, recorder.observe);
  return {
    ...database,
    recordStatements: recorder.record,
    store: { db: database.db, auditKey: randomBytes(32) },
    urls,
    close: async () => {
      await database.close();
      await withKysely(adminUrl!, (admin) => dropDatabase(admin, name));
    },
  };
}

function statementRecorder() {
  let seen: string[] | undefined;
  const ended = (statements: string[]) => {
    const count = (pattern: RegExp) => statements.filter((text) => pattern.test(text)).length;
    return count(/^begin\b/i) === count(/^(commit|rollback)\b/i);
  };
  return {
    observe: (text: string) => void seen?.push(text.trim()),
    record: async <T>(during: () => Promise<T>) => {
      const statements: string[] = [];
      seen = statements;
      try {
        const result = await during();
        for (let waited = 0; !ended(statements) && waited < 2_000; waited += 10) {
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        return { result, statements: [...statements] };
      } finally {
        seen = undefined;
      }
    },
  };
}
