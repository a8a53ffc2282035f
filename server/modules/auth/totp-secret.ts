import type { KeyEncryptionKeys, WrappedKey } from '../../../security/crypto';
import { decrypt } from '../../../security/crypto/aead';

/**
 * A TOTP secret is a credential: stored only wrapped by the versioned keyring,
 * bound to its account (the same context `npm run rotate-keys` rewraps it under).
 */
export const totpKeyContext = (userId: string) => `users|totp|${userId}`;

export function sealTotpSecret(
  keyring: KeyEncryptionKeys,
  userId: string,
  secret: string,
): WrappedKey {
  return keyring.wrap(Buffer.from(secret, 'utf8'), totpKeyContext(userId));
}

export function openTotpSecret(
  keyring: KeyEncryptionKeys,
  userId: string,
  sealed: WrappedKey,
): string {
  return keyring.unwrap(sealed, totpKeyContext(userId)).toString('utf8');
}

/**
 * The earlier format (before migration 0017): AES-256-GCM under a key derived
 * from the first DATA_KEK, outside the keyring. Only read to convert it.
 */
export function openLegacyTotpSecret(legacyKey: Buffer, userId: string, sealed: Buffer): string {
  return decrypt(legacyKey, sealed, `users|totp_secret_enc|${userId}`).toString('utf8');
}
