import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { inActorTransaction, SYSTEM_ACTOR, type Store } from '../../server/db/actor-transaction';
import { openEmbeddedDatabase } from '../../server/db/database';
import { record } from '../../server/modules/audit';
import { openTestDatabase, type TestDatabase } from '../helpers/database';
import { engine } from '../helpers/engine';
import { asSuperuser } from '../helpers/superuser';

const ROOT = path.resolve(__dirname, '../..');
const run = promisify(execFile);
jest.setTimeout(120_000);

/** A database the script can open from its environment, on the selected engine. */
interface Subject {
  env: NodeJS.ProcessEnv;
  write(store: (s: Store) => Promise<void>): Promise<void>;
  tamper(statements: string): Promise<void>;
  cleanup(): Promise<void>;
}

async function subject(): Promise<Subject> {
  const auditKey = randomBytes(32);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-verify-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    AUDIT_KEY: auditKey.toString('base64'),
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  const removeDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  if (engine === 'postgres') {
    const t: TestDatabase = await openTestDatabase();
    env.DATABASE_URL = t.urls!.app;
    return {
      env,
      write: (work) => work({ db: t.db, auditKey }),
      tamper: (statements) => asSuperuser(t, statements),
      cleanup: async () => (await t.close(), removeDir()),
    };
  }
  // The embedded engine is single-process: open, work, close before the script runs.
  const withEmbedded = async (
    work: (db: Awaited<ReturnType<typeof openEmbeddedDatabase>>) => Promise<void>,
  ) => {
    const database = await openEmbeddedDatabase({ dataDir });
    try {
      await work(database);
    } finally {
      await database.close();
    }
  };
  return {
    env,
    write: (work) => withEmbedded((d) => work({ db: d.db, auditKey })),
    tamper: (statements) => withEmbedded((d) => asSuperuser(d, statements)),
    cleanup: () => Promise.resolve(removeDir()),
  };
}

async function verifyAudit(env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/verify-audit.ts'], {
      cwd: ROOT,
      env,
    });
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

it(`npm run verify-audit passes an intact log and names the first tampered event (${engine})`, async () => {
  const s = await subject();
  try {
    await s.write((store) =>
      inActorTransaction(store, SYSTEM_ACTOR, (trx) => {
        for (const action of ['institution.create', 'institution.update', 'user.create']) {
          record(trx, { action, outcome: 'success' });
        }
        return Promise.resolve();
      }),
    );
    const intact = await verifyAudit(s.env);
    expect(intact.output).toContain('Audit log intact: 3 events, last seq 3.');
    expect(intact.code).toBe(0);

    await s.tamper(`update audit_events set outcome = 'denied' where seq = 2`);
    const tampered = await verifyAudit(s.env);
    expect(tampered.code).toBe(2);
    expect(tampered.output).toMatch(/TAMPERED at seq 2 \(event [0-9a-f-]{36}\): modified/);
  } finally {
    await s.cleanup();
  }
});
