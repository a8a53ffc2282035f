import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** Test helpers: run the real openssl binary on what the library produces. */

export const CA_NAMES = { commonName: 'Amparo CA interna', organization: 'Fundación Amparo' };

export interface OpensslResult {
  status: number | null;
  stdout: Buffer;
  stderr: string;
}

/** The openssl executable on this PATH, or an error that says how to install it. */
export function findOpenssl(searchPath: string = process.env.PATH ?? ''): string {
  for (const dir of searchPath.split(delimiter)) {
    const candidate = join(dir, 'openssl');
    if (dir && isExecutableFile(candidate)) return candidate;
  }
  throw new Error(
    'openssl was not found on the PATH; the tests need it (Debian: apt-get install openssl)',
  );
}

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

let opensslPath: string | undefined;

/** No shell; extra environment variables (for -passin env:) are added to the current ones. */
export function openssl(args: string[], env: Record<string, string> = {}): OpensslResult {
  opensslPath ??= findOpenssl();
  const result = spawnSync(opensslPath, args, {
    env: { ...process.env, ...env },
    timeout: 20_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.toString() };
}

/** Like openssl() but throws with stderr when the command fails. */
export function opensslOk(args: string[], env: Record<string, string> = {}): Buffer {
  const result = openssl(args, env);
  if (result.status !== 0) throw new Error(`openssl ${args[0]} failed: ${result.stderr}`);
  return result.stdout;
}

export class TempDir {
  readonly path = mkdtempSync(join(tmpdir(), 'amparo-pki-'));

  write(name: string, content: string | Buffer): string {
    const file = join(this.path, name);
    writeFileSync(file, content, { mode: 0o600 });
    return file;
  }

  file(name: string): string {
    return join(this.path, name);
  }

  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

/** A CSR and its key made by `openssl req`, as an institution would. */
export function opensslCsr(
  dir: TempDir,
  name: string,
  newKey: string[],
  extra: string[] = [],
): { csrPem: string; keyFile: string } {
  const keyFile = dir.file(`${name}.key`);
  const csrPem = opensslOk([
    'req',
    '-new',
    ...newKey,
    '-nodes',
    '-keyout',
    keyFile,
    '-subj',
    '/CN=Sistema de la Fiscalía/O=Fiscalía Provincial',
    '-utf8',
    ...extra,
  ]).toString();
  return { csrPem, keyFile };
}

export const RSA_2048 = ['-newkey', 'rsa:2048'];

/** `openssl cms -decrypt` of a DER envelope with a recipient's certificate and key. */
export const cmsDecrypt = (envelope: string, certFile: string, keyFile: string) =>
  openssl([
    'cms',
    '-decrypt',
    '-inform',
    'DER',
    '-in',
    envelope,
    '-recip',
    certFile,
    '-inkey',
    keyFile,
  ]);

/** A self-signed RSA certificate (one day) and its key, written to the two files. */
export function selfSignedFiles(
  certFile: string,
  keyFile: string,
  subject: string,
  extra: string[] = [],
): void {
  opensslOk([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    keyFile,
    '-out',
    certFile,
    '-days',
    '1',
    '-subj',
    subject,
    ...extra,
  ]);
}
