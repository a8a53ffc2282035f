/**
 * Stops and starts the local PostgreSQL server (Debian's cluster tools, as
 * root or the postgres user): the outage the reliability tests inflict.
 * `stop` is pg_ctl's fast mode: sessions are ended, open transactions rolled
 * back, as in a restart for a minor-version upgrade or a failover.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The newest installed major version (the one CI starts). */
export function clusterVersion(): string {
  const versions = fs
    .readdirSync('/etc/postgresql')
    .filter((name) => /^\d+(\.\d+)?$/.test(name))
    .sort((a, b) => Number(a) - Number(b));
  const newest = versions[versions.length - 1];
  if (!newest) throw new Error('no PostgreSQL cluster under /etc/postgresql');
  return newest;
}

async function ctl(action: 'stop' | 'start'): Promise<void> {
  await run(
    'pg_ctlcluster',
    [
      '--skip-systemctl-redirect',
      clusterVersion(),
      'main',
      action,
      ...(action === 'stop' ? ['-m', 'fast'] : []),
    ],
    { timeout: 60_000 },
  );
}

export const stopPostgres = () => ctl('stop');
export const startPostgres = () => ctl('start');
