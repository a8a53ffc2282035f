import { randomBytes } from 'node:crypto';
import { decrypt, DecryptionError, deriveKey, encrypt, keyIdOf } from './aead';

const key = randomBytes(32);
const aad = 'users|totp_secret|7c1f0e8a-3f1e-4d7a-9a43-0f1f5d8c9b11';

describe('AES-256-GCM with associated data', () => {
  it('round-trips Unicode and carries its key id', () => {
    const text = 'Ñandú Pérez — 🇪🇨 ✓';
    const sealed = encrypt(key, 3, Buffer.from(text), aad);
    expect(keyIdOf(sealed)).toBe(3);
    expect(sealed.toString('utf8')).not.toContain('Ñandú');
    expect(decrypt(key, sealed, aad).toString('utf8')).toBe(text);
  });

  it('uses a fresh IV each time', () => {
    const a = encrypt(key, 1, Buffer.from('same'), aad);
    const b = encrypt(key, 1, Buffer.from('same'), aad);
    expect(a.equals(b)).toBe(false);
  });

  it('fails loudly on a flipped bit, another record, a wrong key or a truncated value', () => {
    const sealed = encrypt(key, 1, Buffer.from('secreto'), aad);
    for (let i = 0; i < sealed.length; i++) {
      const flipped = Buffer.from(sealed);
      flipped[i]! ^= 0x01;
      if (i === 1) continue; // the key id byte is not authenticated: it only picks the key
      expect(() => decrypt(key, flipped, aad)).toThrow(DecryptionError);
    }
    expect(() => decrypt(key, sealed, aad.replace('7c1f', '8d2a'))).toThrow(DecryptionError);
    expect(() => decrypt(randomBytes(32), sealed, aad)).toThrow(DecryptionError);
    expect(() => decrypt(key, sealed.subarray(0, 20), aad)).toThrow(DecryptionError);
  });

  it('derives different keys per purpose, deterministically', () => {
    const root = randomBytes(32);
    expect(deriveKey(root, 'totp').equals(deriveKey(root, 'totp'))).toBe(true);
    expect(deriveKey(root, 'totp').equals(deriveKey(root, 'blind-index'))).toBe(false);
  });
});
