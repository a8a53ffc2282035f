import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { openTestDatabase, type TestDatabase } from '../helpers/database';
import { engine } from '../helpers/engine';
import { selfSignedFiles } from '../helpers/openssl';

/**
 * Starts the real server (server/main.ts) in a child process, opens a request
 * that is still being sent when SIGTERM arrives, and checks that the server
 * stops accepting, answers that request, closes the database and exits 0.
 */
const ROOT = path.resolve(__dirname, '../..');
jest.setTimeout(120_000);

let dataDir: string;
let serverDb: TestDatabase | undefined;
let child: ChildProcess;
let output = '';

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-shutdown-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    PORT: '0',
    DATA_DIR: dataDir,
    SERVE_CLIENT: 'false',
    LOG_LEVEL: 'info',
    ...mtlsListener(dataDir),
  };
  delete env.DATABASE_URL;
  if (engine === 'postgres') {
    serverDb = await openTestDatabase();
    await serverDb.db.destroy();
    env.DATABASE_URL = serverDb.urls!.app;
  }
  child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
});

afterAll(async () => {
  if (child.exitCode === null) child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (serverDb) await serverDb.close();
});

/** The optional mutual-TLS listener, on its own port, with a self-signed server certificate. */
function mtlsListener(dir: string) {
  const cert = path.join(dir, 'tls.pem');
  const key = path.join(dir, 'tls.key');
  selfSignedFiles(cert, key, '/CN=localhost');
  return { MTLS_PORT: '0', MTLS_CERT_PATH: cert, MTLS_KEY_PATH: key };
}

async function listeningPort(message = 'Amparo is listening'): Promise<number> {
  for (let i = 0; i < 1200; i++) {
    const match = new RegExp(`"port":(\\d+),"msg":"${message}"`).exec(output);
    if (match) return Number(match[1]);
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server did not start:\n${output}`);
}

const exited = () =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
  });

const canConnect = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

it('starts the mutual-TLS listener, which refuses a client without a certificate', async () => {
  const port = await listeningPort('mutual-TLS listener is up');
  const refused = await new Promise<string>((resolve) => {
    const socket = tls.connect({ port, host: '127.0.0.1', rejectUnauthorized: false }, () => {
      socket.write('GET /api/v1/referrals HTTP/1.1\r\nHost: localhost\r\n\r\n');
    });
    socket.on('data', (chunk: Buffer) => resolve(`answered: ${chunk.toString()}`));
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(`error: ${error.code ?? ''}`));
    socket.on('close', () => resolve('closed'));
  });
  expect(refused).not.toMatch(/^answered/);
});

it(`finishes an in-flight request after SIGTERM, then exits 0 (${engine})`, async () => {
  const port = await listeningPort();
  const body = JSON.stringify({ slow: 'x'.repeat(64) });
  const socket = net.connect(port, '127.0.0.1');
  let response = '';
  socket.on('data', (chunk) => (response += chunk.toString()));
  await new Promise((resolve) => socket.once('connect', resolve));

  // Headers and half the body now; the other half after SIGTERM.
  socket.write(
    `POST /api/v1/unknown HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 20)}`,
  );
  await new Promise((resolve) => setTimeout(resolve, 300));
  child.kill('SIGTERM');
  for (let i = 0; i < 50 && !output.includes('shutting down'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(output).toContain('shutting down');
  expect(await canConnect(port)).toBe(false);
  expect(child.exitCode).toBeNull(); // still serving the request in flight

  socket.write(body.slice(20));
  const code = await exited();
  expect(response).toMatch(/^HTTP\/1\.1 404 /);
  expect(response).toContain('"code":"not_found"');
  expect(code).toBe(0);
  expect(output).toContain('"msg":"stopped"');
});
