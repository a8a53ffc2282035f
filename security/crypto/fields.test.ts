import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { DecryptionError } from './aead';
import { decryptField, encryptField, type FieldAddress } from './fields';

const key = randomBytes(32);
const address: FieldAddress = {
  table: 'cases',
  field: 'full_name',
  recordId: '6f1c0c53-1a53-4d1e-9d7f-3b1f0f4f6a10',
};
const anyText = fc.string({ unit: 'grapheme', maxLength: 400 });
const anyAddress = fc.record({
  table: fc.constantFrom('cases', 'case_notes', 'referrals'),
  field: fc.constantFrom('full_name', 'document_number', 'phone', 'narrative'),
  recordId: fc.uuid(),
});

describe('field encryption (properties)', () => {
  it('round-trips any Unicode text at any address', () => {
    fc.assert(
      fc.property(anyText, anyAddress, fc.integer({ min: 1, max: 255 }), (text, at, version) => {
        const sealed = encryptField(key, version, at, text);
        expect(decryptField(key, at, sealed)).toBe(text);
      }),
    );
  });

  it('fails loudly when any bit is flipped', () => {
    fc.assert(
      fc.property(anyText, fc.nat(), fc.integer({ min: 0, max: 7 }), (text, position, bit) => {
        const sealed = encryptField(key, 1, address, text);
        const index = position % sealed.length;
        sealed[index] = sealed[index]! ^ (1 << bit);
        expect(() => decryptField(key, address, sealed)).toThrow(DecryptionError);
      }),
    );
  });

  it('fails when the ciphertext is moved to another field or record', () => {
    fc.assert(
      fc.property(anyText, anyAddress, (text, elsewhere) => {
        fc.pre(JSON.stringify(elsewhere) !== JSON.stringify(address));
        const sealed = encryptField(key, 1, address, text);
        expect(() => decryptField(key, elsewhere, sealed)).toThrow(DecryptionError);
      }),
    );
  });

  it('fails with the wrong key', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const sealed = encryptField(key, 1, address, text);
        expect(() => decryptField(randomBytes(32), address, sealed)).toThrow(DecryptionError);
      }),
    );
  });
});
