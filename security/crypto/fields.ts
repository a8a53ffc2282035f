import { decrypt, encrypt, keyIdOf } from './aead';

/** Where a ciphertext belongs: moved to another table, field or record, it fails to decrypt. */
export interface FieldAddress {
  table: string;
  field: string;
  recordId: string;
}

/** The data key's version goes into the AAD too (and into the ciphertext's key id byte). */
function fieldAad(address: FieldAddress, keyVersion: number): string {
  return `${address.table}|${address.field}|${address.recordId}|${keyVersion}`;
}

export function encryptField(
  dataKey: Buffer,
  keyVersion: number,
  address: FieldAddress,
  plaintext: string,
): Buffer {
  return encryptFieldBytes(dataKey, keyVersion, address, Buffer.from(plaintext, 'utf8'));
}

/** Throws DecryptionError on any mismatch (bit flipped, moved, wrong key). */
export function decryptField(dataKey: Buffer, address: FieldAddress, ciphertext: Buffer): string {
  return decryptFieldBytes(dataKey, address, ciphertext).toString('utf8');
}

/** The same for binary content (attachments). */
export function encryptFieldBytes(
  dataKey: Buffer,
  keyVersion: number,
  address: FieldAddress,
  plaintext: Buffer,
): Buffer {
  return encrypt(dataKey, keyVersion, plaintext, fieldAad(address, keyVersion));
}

export function decryptFieldBytes(
  dataKey: Buffer,
  address: FieldAddress,
  ciphertext: Buffer,
): Buffer {
  const keyVersion = keyIdOf(ciphertext) ?? 0;
  return decrypt(dataKey, ciphertext, fieldAad(address, keyVersion));
}
