import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * PGlite serves one process: two processes on one data directory each keep
 * their own view of it and corrupt each other's. Whoever opens the directory
 * therefore holds `pgdata.lock` beside `pgdata`, a file holding its pid, host
 * name and pid namespace. A lock of this host and namespace whose pid is no
 * longer alive (a crash), or is this very process's pid while it does not
 * hold the directory (a container restarted with the same pid), is taken
 * over; a lock of another host or namespace (a shared volume, another
 * container) is never judged from here: its pid means nothing to us.
 *
 * A few lines of our own rather than a package: proper-lockfile, the usual
 * choice, judges staleness by an mtime that a timer must keep refreshing, and
 * cannot say which process holds the lock.
 */
export const LOCK_FILE = 'pgdata.lock';

export interface EmbeddedLock {
  /** Removes the lock file if it is still ours; safe to call twice. */
  release(): void;
}

export class EmbeddedDatabaseLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
    readonly holderHost?: string,
  ) {
    super(
      `the embedded database under ${dataDir} is in use by process ${holderPid}` +
        `${holderHost ? ` on host ${holderHost}` : ''} ` +
        '(the Amparo server, or another command): PGlite serves one process at a time. ' +
        'Stop the server first, then run this again.',
    );
    this.name = 'EmbeddedDatabaseLockedError';
  }
}

/** Takes the data directory (creating it if needed) or throws EmbeddedDatabaseLockedError. */
/** Which pid namespace our pid belongs to (Linux); `-` where that cannot be told. */
const PID_NAMESPACE = pidNamespace();

function pidNamespace(): string {
  try {
    return fs.readlinkSync('/proc/self/ns/pid').replace(/\s+/g, '');
  } catch {
    return '-';
  }
}

/** Data directories this process holds: it must not open one twice either. */
const heldHere = new Set<string>();

export function lockEmbeddedDataDir(dataDir: string): EmbeddedLock {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, LOCK_FILE);
  const content = `${process.pid} ${os.hostname()} ${PID_NAMESPACE}\n`;
  // Two attempts: the second follows the removal of a stale lock.
  for (let attempt = 0; attempt < 2; attempt++) {
    if (createExclusively(file, content)) return ownLock(file, content);
    const held = readLock(file);
    if (held === undefined) continue; // removed meanwhile
    const [pidText, host, namespace] = held.trim().split(/\s+/);
    const pid = Number.parseInt(pidText ?? '', 10);
    const valid = Number.isInteger(pid) && pid > 0;
    const elsewhere =
      (host !== undefined && host !== os.hostname()) ||
      (namespace !== undefined && namespace !== PID_NAMESPACE);
    if (valid && elsewhere) throw new EmbeddedDatabaseLockedError(dataDir, pid, host);
    const ownStale = pid === process.pid && !heldHere.has(path.resolve(file));
    if (valid && (pid === process.pid ? !ownStale : isAlive(pid))) {
      throw new EmbeddedDatabaseLockedError(dataDir, pid);
    }
    // Stale (or unreadable). Re-read just before removing so that a lock taken
    // meanwhile by another opener is not removed in its place.
    if (readLock(file) === held) fs.rmSync(file, { force: true });
  }
  throw new Error(`could not take the lock ${file}; another process is opening the same directory`);
}

/**
 * The lock appears complete or not at all: the pid is written to a private
 * file first, then hard-linked to the lock name (link fails if it exists).
 */
function createExclusively(file: string, content: string): boolean {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, content, { mode: 0o600 });
  try {
    fs.linkSync(temporary, file);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

function ownLock(file: string, content: string): EmbeddedLock {
  let held = true;
  heldHere.add(path.resolve(file));
  return {
    release() {
      if (!held) return;
      held = false;
      heldHere.delete(path.resolve(file));
      if (readLock(file) === content) fs.rmSync(file, { force: true });
    },
  };
}

function readLock(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/** Signal 0 only checks: EPERM means the process exists under another user. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

/** Structural, not instanceof: errors may come from another realm (a test sandbox). */
function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}
