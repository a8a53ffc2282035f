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
  return encrypt(
    dataKey,
    keyVersion,
    Buffer.from(plaintext, 'utf8'),
    fieldAad(address, keyVersion),
  );
}

/** Throws DecryptionError on any mismatch (bit flipped, moved, wrong key). */
export function decryptField(dataKey: Buffer, address: FieldAddress, ciphertext: Buffer): string {
  const keyVersion = keyIdOf(ciphertext) ?? 0;
  return decrypt(dataKey, ciphertext, fieldAad(address, keyVersion)).toString('utf8');
}
