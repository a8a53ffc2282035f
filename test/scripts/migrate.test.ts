import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openEmbeddedDatabase } from '../../server/db/database';
import { loadMigrationFiles } from '../../server/db/migrator';
import { openTestDatabase } from '../helpers/database';
import { engine } from '../helpers/engine';
import { runScript } from '../helpers/script-subject';

jest.setTimeout(120_000);

let dataDir: string;
/** The script's environment: a DATA_DIR of its own, neither database URL. */
let env: NodeJS.ProcessEnv;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-migrate-'));
  env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  delete env.MIGRATION_DATABASE_URL;
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe(`npm run migrate (${engine})`, () => {
  if (engine === 'postgres') {
    it('migrates the server MIGRATION_DATABASE_URL names, without DATABASE_URL', async () => {
      const t = await openTestDatabase();
      try {
        const result = await runScript('scripts/migrate.ts', [], {
          ...env,
          MIGRATION_DATABASE_URL: t.urls!.migrator,
        });
        expect(result.output).toContain('Nothing to apply.');
        expect(result.code).toBe(0);
        expect(fs.existsSync(path.join(dataDir, 'pgdata'))).toBe(false);
      } finally {
        await t.close();
      }
    });
  }

  if (engine === 'pglite') {
    it('migrates the embedded database under DATA_DIR (created if missing)', async () => {
      const fresh = path.join(dataDir, 'fresh');
      const result = await runScript('scripts/migrate.ts', [], { ...env, DATA_DIR: fresh });
      expect(result.output).toContain(
        `Embedded database under ${fresh} is current (${loadMigrationFiles().length} migrations).`,
      );
      expect(result.code).toBe(0);
    });

    it('is refused while the embedded database is held open', async () => {
      const held = await openEmbeddedDatabase({ dataDir });
      try {
        const result = await runScript('scripts/migrate.ts', [], env);
        expect(result.code).not.toBe(0);
        expect(result.output).toContain(
          `Migration failed: the embedded database under ${dataDir} ` +
            `is in use by process ${process.pid}`,
        );
        expect(result.output).toContain('Stop the server first');
      } finally {
        await held.close();
      }
    });
  }

  it('asks for MIGRATION_DATABASE_URL when only DATABASE_URL is set', async () => {
    const result = await runScript('scripts/migrate.ts', [], {
      ...env,
      DATABASE_URL: 'postgres://amparo_app@127.0.0.1:1/amparo',
    });
    expect(result.code).toBe(1);
    expect(result.output).toContain(
      'MIGRATION_DATABASE_URL: required to migrate a PostgreSQL server',
    );
  });
});
