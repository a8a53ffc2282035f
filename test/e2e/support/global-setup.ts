import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiSession } from './api-session';
import { E2E_BASE_URL, E2E_PORT, E2E_STEP_UP_WINDOW_SECONDS, serverLogFile } from './env';
import { writeState } from './state';

const repo = path.resolve(__dirname, '../../..');
export const ADMIN_EMAIL = 'admin@e2e.example';
/** A passphrase the server's policy accepts (zxcvbn score 4, no context words). */
export const STRONG_PASSWORD = 'Colibrí-ventana-naranja-47!';

async function waitUntilReady(deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const ok = await fetch(`${E2E_BASE_URL}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`the server did not answer /readyz: see ${serverLogFile()}`);
}

/**
 * A fresh installation: a new embedded data folder, the first administrator
 * made by the operator command, the server started as `npm start` runs it
 * (the client built beforehand by `npm run test:e2e`), and the administrator
 * signed in once (password change, second factor) to create the journeys' users.
 */
export default async function globalSetup(): Promise<void> {
  const busy = await fetch(`${E2E_BASE_URL}/readyz`).then(
    () => true,
    () => false,
  );
  if (busy) throw new Error(`${E2E_BASE_URL} already answers: set E2E_PORT to a free port`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-e2e-'));
  process.env.E2E_DATA_DIR = dataDir;
  const env = { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'development' };

  const created = execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/create-admin.ts',
      '--email',
      ADMIN_EMAIL,
      '--name',
      'Admin E2E',
      '--json',
    ],
    { cwd: repo, env, encoding: 'utf8' },
  );
  const admin = JSON.parse(created.trim().split('\n').pop() ?? '{}') as { password: string };

  const log = fs.openSync(serverLogFile(), 'a');
  const server = spawn(
    process.execPath,
    ['--max-old-space-size=512', '--import', 'tsx', 'server/main.ts'],
    {
      cwd: repo,
      env: {
        ...env,
        HOST: '127.0.0.1',
        PORT: String(E2E_PORT),
        DEMO_DATA: 'true',
        STEP_UP_WINDOW_SECONDS: String(E2E_STEP_UP_WINDOW_SECONDS),
      },
      stdio: ['ignore', log, log],
    },
  );
  fs.writeFileSync(path.join(dataDir, 'server.pid'), String(server.pid));
  await waitUntilReady(Date.now() + 60_000);

  const session = new ApiSession(E2E_BASE_URL);
  const password = await session.signIn(ADMIN_EMAIL, admin.password, STRONG_PASSWORD);
  const me = await session.request<{ institution: { id: string } }>('GET', '/api/v1/auth/me');
  writeState({
    adminEmail: ADMIN_EMAIL,
    adminPassword: password,
    adminSecret: session.authenticator?.secret ?? '',
    adminLastStep: session.authenticator?.lastStep ?? 0,
    leadAgencyId: me.institution.id,
  });
}
