import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { DecryptionError } from './aead';
import { LocalKeyring, UnknownKeyVersionError } from './keyring';

const v1 = randomBytes(32);
const v2 = randomBytes(32);

describe('keyring', () => {
  it('wraps with the newest version and unwraps any loaded version', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uuid(), (bytes, caseId) => {
        const dataKey = Buffer.from(bytes);
        const old = new LocalKeyring(new Map([[1, v1]]));
        const both = new LocalKeyring(
          new Map([
            [1, v1],
            [2, v2],
          ]),
        );
        const wrappedOld = old.wrap(dataKey, `case:${caseId}`);
        const wrappedNew = both.wrap(dataKey, `case:${caseId}`);
        expect(wrappedOld.kekVersion).toBe(1);
        expect(wrappedNew.kekVersion).toBe(2);
        expect(both.unwrap(wrappedOld, `case:${caseId}`).equals(dataKey)).toBe(true);
        expect(both.unwrap(wrappedNew, `case:${caseId}`).equals(dataKey)).toBe(true);
      }),
    );
  });

  it('refuses another context, a forged version, or a retired version', () => {
    const keyring = new LocalKeyring(new Map([[1, v1]]));
    const wrapped = keyring.wrap(randomBytes(32), 'case:a');
    expect(() => keyring.unwrap(wrapped, 'case:b')).toThrow(DecryptionError);
    const newer = new LocalKeyring(new Map([[2, v2]]));
    expect(() => newer.unwrap(wrapped, 'case:a')).toThrow(UnknownKeyVersionError);
    expect(() => newer.unwrap({ ...wrapped, kekVersion: 2 }, 'case:a')).toThrow(DecryptionError);
  });

  it('reloads its versions when asked for one it has not seen (rotation while running)', () => {
    const current = new Map([[1, v1]]);
    const reader = new LocalKeyring(new Map(current), () => current);
    const writer = new LocalKeyring(
      new Map([
        [1, v1],
        [2, v2],
      ]),
    );
    const wrapped = writer.wrap(randomBytes(32), 'case:x');
    expect(() => reader.unwrap(wrapped, 'case:x')).toThrow(UnknownKeyVersionError);
    current.set(2, v2);
    expect(reader.unwrap(wrapped, 'case:x')).toHaveLength(32);
    expect(reader.currentVersion()).toBe(2);
  });

  it('refuses bad key material', () => {
    expect(() => new LocalKeyring(new Map())).toThrow(/no key-encryption key/);
    expect(() => new LocalKeyring(new Map([[0, v1]]))).toThrow(/versions are/);
    expect(() => new LocalKeyring(new Map([[1, randomBytes(16)]]))).toThrow(/not 32 bytes/);
  });
});
