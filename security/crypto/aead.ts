import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM with a random 96-bit IV and associated data that binds a
 * ciphertext to where it belongs (table, field, record id): moved elsewhere,
 * it fails to decrypt. Layout: version (1) ‖ key id (1) ‖ IV (12) ‖ tag (16) ‖ data.
 */
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 2 + IV_BYTES + TAG_BYTES;

export class DecryptionError extends Error {
  constructor() {
    super('ciphertext could not be authenticated');
    this.name = 'DecryptionError';
  }
}

export function encrypt(key: Buffer, keyId: number, plaintext: Buffer, aad: string): Buffer {
  assertKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION, keyId]), iv, cipher.getAuthTag(), data]);
}

/** Throws DecryptionError on any mismatch: never returns garbage. */
export function decrypt(key: Buffer, ciphertext: Buffer, aad: string): Buffer {
  assertKey(key);
  if (ciphertext.length < HEADER_BYTES || ciphertext[0] !== VERSION) throw new DecryptionError();
  const iv = ciphertext.subarray(2, 2 + IV_BYTES);
  const tag = ciphertext.subarray(2 + IV_BYTES, HEADER_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext.subarray(HEADER_BYTES)), decipher.final()]);
  } catch {
    throw new DecryptionError();
  }
}

/** The key id a ciphertext was made with (for rotation). */
export function keyIdOf(ciphertext: Buffer): number | undefined {
  return ciphertext.length >= HEADER_BYTES ? ciphertext[1] : undefined;
}

/** A separate key per purpose from one root secret (HKDF-SHA-256). */
export function deriveKey(root: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', root, Buffer.alloc(0), `amparo:${purpose}`, 32));
}

function assertKey(key: Buffer) {
  if (key.length !== 32) throw new Error('AES-256-GCM needs a 32-byte key');
}
