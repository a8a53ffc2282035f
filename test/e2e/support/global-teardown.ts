import fs from 'node:fs';
import path from 'node:path';

/** Stops the server (SIGTERM, as a process manager would) and removes the installation. */
export default async function globalTeardown(): Promise<void> {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) return;
  const pid = Number(fs.readFileSync(path.join(dataDir, 'server.pid'), 'utf8'));
  try {
    process.kill(pid, 'SIGTERM');
    for (let i = 0; i < 100; i += 1) {
      process.kill(pid, 0);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch {
    // Gone: the normal end.
  }
  if (!process.env.E2E_KEEP) fs.rmSync(dataDir, { recursive: true, force: true });
}
