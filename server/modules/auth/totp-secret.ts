import { decrypt, encrypt } from '../../../security/crypto/aead';

/** Key id 1: the key derived from DATA_KEK for TOTP secrets (the keyring comes with cases). */
const KEY_ID = 1;
const aad = (userId: string) => `users|totp_secret_enc|${userId}`;

export function sealTotpSecret(key: Buffer, userId: string, secret: string): Buffer {
  return encrypt(key, KEY_ID, Buffer.from(secret, 'utf8'), aad(userId));
}

export function openTotpSecret(key: Buffer, userId: string, sealed: Buffer): string {
  return decrypt(key, sealed, aad(userId)).toString('utf8');
}
