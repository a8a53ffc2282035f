import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { auditAlone, inActorTransaction, SYSTEM_ACTOR } from '../../server/db/actor-transaction';
import { openEmbeddedDatabase, type Database } from '../../server/db/database';
import { LOCK_FILE } from '../../server/db/embedded-lock';
import { engine } from '../helpers/engine';
import type { AuditAction } from '../../server/modules/audit';

/**
 * The lock is about PGlite's data directory, whatever engine the suite runs
 * on: each test opens PGlite in a directory of its own.
 */
jest.setTimeout(120_000);

let dataDir: string;
let lockFile: string;
const auditKey = randomBytes(32);

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-lock-'));
  lockFile = path.join(dataDir, LOCK_FILE);
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const write = (database: Database, action: AuditAction) =>
  auditAlone({ db: database.db, auditKey }, SYSTEM_ACTOR, { action, outcome: 'success' });

const actions = (database: Database) =>
  inActorTransaction({ db: database.db, auditKey }, SYSTEM_ACTOR, async (trx) => {
    const rows = await trx.selectFrom('audit_events').select('action').orderBy('written').execute();
    return rows.map((row) => row.action);
  });

/** What this process writes into the lock file: pid, host, pid namespace. */
function ownLock(): string {
  return `${process.pid} ${os.hostname()} ${fs.readlinkSync('/proc/self/ns/pid')}`;
}

/** A pid that was alive a moment ago and is not any more. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid;
}

describe(`the embedded data directory lock (suite on ${engine})`, () => {
  it('refuses a second opener while the first is open, and lets one in after close', async () => {
    const first = await openEmbeddedDatabase({ dataDir });
    try {
      await write(first, 'team.create');
      expect(fs.readFileSync(lockFile, 'utf8').trim()).toBe(ownLock());

      const second = openEmbeddedDatabase({ dataDir });
      await expect(second).rejects.toThrow(`in use by process ${process.pid}`);
      await expect(second).rejects.toThrow('Stop the server first');

      // The first opener is untouched by the refusal: it still reads and writes.
      await write(first, 'institution.create');
      expect(await actions(first)).toEqual(['team.create', 'institution.create']);
    } finally {
      await first.close();
    }
    expect(fs.existsSync(lockFile)).toBe(false);

    const next = await openEmbeddedDatabase({ dataDir });
    try {
      expect(await actions(next)).toEqual(['team.create', 'institution.create']);
    } finally {
      await next.close();
    }
  });

  it('takes over a stale lock left by a process that is gone', async () => {
    fs.writeFileSync(lockFile, `${deadPid()}\n`);
    const database = await openEmbeddedDatabase({ dataDir });
    try {
      expect(fs.readFileSync(lockFile, 'utf8').trim()).toBe(ownLock());
    } finally {
      await database.close();
    }
    expect(fs.existsSync(lockFile)).toBe(false);
  });

  it('names the live process that holds the lock, and leaves its lock in place', async () => {
    fs.writeFileSync(lockFile, '1\n');
    await expect(openEmbeddedDatabase({ dataDir })).rejects.toThrow(
      `the embedded database under ${dataDir} is in use by process 1`,
    );
    expect(fs.readFileSync(lockFile, 'utf8')).toBe('1\n');
  });

  it("takes over a lock bearing this process's own pid that it does not hold (a restarted container)", async () => {
    fs.writeFileSync(lockFile, `${ownLock()}\n`);
    const database = await openEmbeddedDatabase({ dataDir });
    await database.close();
    expect(fs.existsSync(lockFile)).toBe(false);
  });

  it('never judges a lock of another pid namespace (another container on the same host)', async () => {
    fs.writeFileSync(lockFile, `${process.pid} ${os.hostname()} pid:[1]\n`);
    await expect(openEmbeddedDatabase({ dataDir })).rejects.toThrow(
      `in use by process ${process.pid}`,
    );
    expect(fs.readFileSync(lockFile, 'utf8')).toContain('pid:[1]');
  });

  it('never judges a lock of another host (a shared volume), and names that host', async () => {
    fs.writeFileSync(lockFile, `${deadPid()} otro-servidor\n`);
    await expect(openEmbeddedDatabase({ dataDir })).rejects.toThrow('on host otro-servidor');
    expect(fs.readFileSync(lockFile, 'utf8')).toContain('otro-servidor');
  });

  it('creates a data directory that does not exist yet', async () => {
    const nested = path.join(dataDir, 'not', 'yet');
    const database = await openEmbeddedDatabase({ dataDir: nested });
    await database.close();
    expect(fs.existsSync(path.join(nested, 'pgdata'))).toBe(true);
  });
});
