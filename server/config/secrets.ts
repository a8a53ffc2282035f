import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from './config';
import { ConfigError } from './config';

/**
 * Secrets never live in the database or in the repository. In production they
 * come from the environment (or the operator's secret manager that fills it)
 * and a missing one stops start-up naming it. In development each one is
 * generated once into DATA_DIR/secrets (directory 0700, files 0600).
 */
export const SECRET_SPECS = [
  { name: 'SESSION_SECRET', purpose: 'signs session cookies' },
  { name: 'DATA_KEK', purpose: 'key-encryption key that wraps per-case data keys' },
  { name: 'BLIND_INDEX_KEY', purpose: 'HMAC key for blind indexes (duplicate detection)' },
  { name: 'AUDIT_KEY', purpose: 'HMAC key that chains the audit log (tamper evidence)' },
] as const;

export type SecretName = (typeof SECRET_SPECS)[number]['name'];
/**
 * DATA_KEK is version 1 of the key-encryption keys. Once `npm run rotate-keys`
 * has moved every key to a later version it can be retired: it is then absent.
 */
export type Secrets = Readonly<Record<Exclude<SecretName, 'DATA_KEK'>, Buffer>> & {
  readonly DATA_KEK?: Buffer;
};

/** Later key-encryption key versions: DATA_KEK_V<N> variables, data_kek_v<N>.key files. */
export const KEK_VERSION_VARIABLE = /^DATA_KEK_V(\d{1,3})$/;
export const KEK_VERSION_FILE = /^data_kek_v(\d{1,3})\.key$/;

const SECRET_BYTES = 32;

export function loadSecrets(
  config: Pick<Config, 'isProduction' | 'dataDir'>,
  logger: Pick<Logger, 'info'>,
  env: NodeJS.ProcessEnv = process.env,
): Secrets {
  const problems: string[] = [];
  const entries = SECRET_SPECS.map(({ name }) => {
    const fromEnv = env[name];
    if (fromEnv) {
      const value = decodeSecret(fromEnv);
      if (!value) problems.push(`${name}: must be base64 of at least ${SECRET_BYTES} bytes`);
      return [name, value ?? Buffer.alloc(0)] as const;
    }
    if (name === 'DATA_KEK' && retired(config, env)) return [name, undefined] as const;
    if (config.isProduction) {
      problems.push(`${name}: missing (required in production; base64 of ${SECRET_BYTES} bytes)`);
      return [name, Buffer.alloc(0)] as const;
    }
    return [name, developmentSecret(config.dataDir, name, logger, problems)] as const;
  });
  if (problems.length > 0) throw new ConfigError(problems);
  const present = entries.filter((entry): entry is readonly [SecretName, Buffer] => !!entry[1]);
  return Object.freeze(Object.fromEntries(present) as unknown as Secrets);
}

/**
 * Version 1 has been retired: it is absent while a later version is configured
 * (in development: no key file of version 1, but one of a later version).
 * A version-1 key file that exists is always read.
 */
function retired(config: Pick<Config, 'isProduction' | 'dataDir'>, env: NodeJS.ProcessEnv) {
  const laterInEnv = Object.keys(env).some((name) => KEK_VERSION_VARIABLE.test(name) && env[name]);
  if (config.isProduction) return laterInEnv;
  const dir = path.join(config.dataDir, 'secrets');
  if (fs.existsSync(path.join(dir, 'data_kek.key'))) return false;
  return (
    laterInEnv || (fs.existsSync(dir) && fs.readdirSync(dir).some((f) => KEK_VERSION_FILE.test(f)))
  );
}

export function decodeSecret(encoded: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(encoded.trim())) return undefined;
  const value = Buffer.from(encoded.trim(), 'base64');
  return value.length >= SECRET_BYTES ? value : undefined;
}

function developmentSecret(
  dataDir: string,
  name: SecretName,
  logger: Pick<Logger, 'info'>,
  problems: string[],
): Buffer {
  const file = path.join(secretsDir(dataDir), `${name.toLowerCase()}.key`);
  if (createKeyFile(file)) {
    logger.info({ secret: name, file }, 'generated a development secret (value not logged)');
  }
  return readKeyFile(file, name, problems) ?? Buffer.alloc(0);
}

export function secretsDir(dataDir: string): string {
  const dir = path.join(dataDir, 'secrets');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/** A new random key file (0600); false when it already exists: keys are never overwritten. */
export function createKeyFile(file: string): boolean {
  try {
    fs.writeFileSync(file, randomBytes(SECRET_BYTES).toString('base64'), {
      mode: 0o600,
      flag: 'wx', // never overwrite: a lost key would make encrypted data unreadable
    });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return false;
  }
}

/** The key in a 0600 file, or undefined with the problem named. */
export function readKeyFile(file: string, name: string, problems: string[]): Buffer | undefined {
  if ((fs.statSync(file).mode & 0o077) !== 0) {
    problems.push(`${name}: ${file} is readable by other users; chmod 600 it`);
    return undefined;
  }
  const value = decodeSecret(fs.readFileSync(file, 'utf8'));
  if (!value) problems.push(`${name}: ${file} does not hold base64 of ${SECRET_BYTES} bytes`);
  return value;
}
