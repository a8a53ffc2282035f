import fs from 'node:fs';
import path from 'node:path';
import { LocalKeyring, MAX_KEK_VERSION } from '../../security/crypto';
import type { Config } from './config';
import { ConfigError } from './config';
import {
  createKeyFile,
  decodeSecret,
  KEK_VERSION_FILE,
  KEK_VERSION_VARIABLE,
  readKeyFile,
  secretsDir,
  type Secrets,
} from './secrets';

/**
 * The key-encryption keys, by version. Version 1 is DATA_KEK. Later versions
 * come from DATA_KEK_V2 … DATA_KEK_V255 in the environment (production) or,
 * in development, from files DATA_DIR/secrets/data_kek_v<N>.key, which
 * `npm run rotate-keys -- --new-version` creates. The newest version wraps new
 * data keys; an old one can be removed once rotate-keys has rewrapped
 * everything away from it. The versions are read again when a wrapped key
 * names one not yet loaded (rotation while the API runs).
 */
export function loadKeyring(
  config: Pick<Config, 'isProduction' | 'dataDir'>,
  secrets: Pick<Secrets, 'DATA_KEK'>,
  env: NodeJS.ProcessEnv = process.env,
): LocalKeyring {
  const read = () => readVersions(config, secrets, env);
  return new LocalKeyring(read(), read);
}

function readVersions(
  config: Pick<Config, 'isProduction' | 'dataDir'>,
  secrets: Pick<Secrets, 'DATA_KEK'>,
  env: NodeJS.ProcessEnv,
): Map<number, Buffer> {
  const problems: string[] = [];
  const keys = new Map<number, Buffer>(secrets.DATA_KEK ? [[1, secrets.DATA_KEK]] : []);
  for (const [name, value] of Object.entries(env)) {
    const version = versionOf(KEK_VERSION_VARIABLE, name);
    if (version === undefined || !value) continue;
    const key = decodeSecret(value);
    if (key) keys.set(version, key);
    else problems.push(`${name}: must be base64 of at least 32 bytes`);
  }
  if (!config.isProduction) {
    const dir = secretsDir(config.dataDir);
    for (const file of fs.readdirSync(dir)) {
      const version = versionOf(KEK_VERSION_FILE, file);
      if (version === undefined) continue;
      const key = readKeyFile(path.join(dir, file), `DATA_KEK_V${version}`, problems);
      if (key) keys.set(version, key.subarray(0, 32));
    }
  }
  if (keys.size === 0) {
    problems.push(
      'DATA_KEK: no key-encryption key (set DATA_KEK, or DATA_KEK_V<N> once v1 is retired)',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return new Map([...keys].map(([version, key]) => [version, key.subarray(0, 32)]));
}

function versionOf(pattern: RegExp, name: string): number | undefined {
  const match = pattern.exec(name);
  const version = match ? Number(match[1]) : undefined;
  return version !== undefined && version >= 2 && version <= MAX_KEK_VERSION ? version : undefined;
}

/** Development only: a new KEK version file; returns the version. */
export function addDevelopmentKekVersion(
  config: Pick<Config, 'isProduction' | 'dataDir'>,
  keyring: LocalKeyring,
): number {
  if (config.isProduction) {
    throw new ConfigError([
      'DATA_KEK_V<N>: in production add the new version to the environment of the API and of rotate-keys',
    ]);
  }
  const version = keyring.currentVersion() + 1;
  if (version > MAX_KEK_VERSION)
    throw new ConfigError([`DATA_KEK: no versions left after ${MAX_KEK_VERSION}`]);
  createKeyFile(path.join(secretsDir(config.dataDir), `data_kek_v${version}.key`));
  return version;
}
