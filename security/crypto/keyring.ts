import { decrypt, encrypt } from './aead';

/**
 * Key-encryption keys (KEKs), by version. Data keys are stored only wrapped
 * by one of them; the KEKs themselves never enter the database. This is the
 * whole interface a KMS or Vault adapter would implement instead.
 */
export interface KeyEncryptionKeys {
  /** The version new data keys are wrapped with. */
  currentVersion(): number;
  /** Every version this keyring can open, ascending. */
  versions(): number[];
  wrap(dataKey: Buffer, context: string): WrappedKey;
  /** Throws UnknownKeyVersionError or DecryptionError; never returns a wrong key. */
  unwrap(wrapped: WrappedKey, context: string): Buffer;
}

export interface WrappedKey {
  kekVersion: number;
  wrapped: Buffer;
}

export class UnknownKeyVersionError extends Error {
  constructor(readonly version: number) {
    super(`no key-encryption key of version ${version} is loaded`);
    this.name = 'UnknownKeyVersionError';
  }
}

/** Versions 1–255: the version is the key id byte of the wrapped key's ciphertext. */
export const MAX_KEK_VERSION = 255;

/**
 * KEKs held in memory, loaded from configuration (environment or key files).
 * `reload` is asked for the versions again when a wrapped key names a version
 * this process has not seen: `npm run rotate-keys` may have added one while
 * the API runs.
 */
export class LocalKeyring implements KeyEncryptionKeys {
  private keys: ReadonlyMap<number, Buffer>;

  constructor(
    keys: ReadonlyMap<number, Buffer>,
    private readonly reload?: () => ReadonlyMap<number, Buffer>,
  ) {
    this.keys = checked(keys);
  }

  currentVersion(): number {
    return Math.max(...this.keys.keys());
  }

  versions(): number[] {
    return [...this.keys.keys()].sort((a, b) => a - b);
  }

  wrap(dataKey: Buffer, context: string): WrappedKey {
    const version = this.currentVersion();
    const wrapped = encrypt(this.key(version), version, dataKey, wrapAad(version, context));
    return { kekVersion: version, wrapped };
  }

  unwrap({ kekVersion, wrapped }: WrappedKey, context: string): Buffer {
    return decrypt(this.key(kekVersion), wrapped, wrapAad(kekVersion, context));
  }

  private key(version: number): Buffer {
    let key = this.keys.get(version);
    if (!key && this.reload) {
      this.keys = checked(this.reload());
      key = this.keys.get(version);
    }
    if (!key) throw new UnknownKeyVersionError(version);
    return key;
  }
}

/** A wrapped data key is bound to what it protects and to the KEK version. */
function wrapAad(version: number, context: string): string {
  return `data-key|${context}|kek-v${version}`;
}

function checked(keys: ReadonlyMap<number, Buffer>): ReadonlyMap<number, Buffer> {
  if (keys.size === 0) throw new Error('the keyring holds no key-encryption key');
  for (const [version, key] of keys) {
    if (!Number.isInteger(version) || version < 1 || version > MAX_KEK_VERSION) {
      throw new Error(`key-encryption key versions are 1–${MAX_KEK_VERSION}`);
    }
    if (key.length !== 32) throw new Error(`key-encryption key v${version} is not 32 bytes`);
  }
  return new Map(keys);
}
