import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import forge from 'node-forge';

export const CA_KEY_BITS = 3072;
export const INSTITUTION_KEY_BITS = 2048;

/** Native key generation: forge's JavaScript RSA key generation takes seconds. */
export function generateRsaKeyPair(modulusLength: number): {
  privateKey: KeyObject;
  publicKey: KeyObject;
} {
  return generateKeyPairSync('rsa', { modulusLength, publicExponent: 0x10001 });
}

/**
 * 16 random bytes as lower-case hex. The top bit is cleared so the INTEGER is
 * positive, and the next one set so the first byte is never zero: a leading
 * zero byte would be a non-minimal DER encoding that OpenSSL rejects.
 */
export function randomSerialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] as number) & 0x7f) | 0x40;
  return bytes.toString('hex');
}

export function forgePublicKey(publicKey: KeyObject | string): forge.pki.rsa.PublicKey {
  const pem =
    typeof publicKey === 'string'
      ? publicKey
      : publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return forge.pki.publicKeyFromPem(pem);
}

export function forgePrivateKey(privateKey: KeyObject): forge.pki.rsa.PrivateKey {
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return forge.pki.privateKeyFromPem(pem);
}
