import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { blindIndex, normaliseDocumentNumber, normalisePhone } from './blind-index';

const root = randomBytes(32);

describe('blind indexes', () => {
  it('match the same document number however it is typed', () => {
    const a = blindIndex(root, 'document_number', '1712-345.678 a');
    expect(a).toHaveLength(4);
    expect(blindIndex(root, 'document_number', '1712345678A')?.equals(a!)).toBe(true);
    expect(blindIndex(root, 'document_number', '1712345679A')?.equals(a!)).toBe(false);
    expect(normaliseDocumentNumber(' ab-12/3.4 ')).toBe('AB1234');
  });

  it('match the same phone in international, 00 and national form', () => {
    expect(normalisePhone('+593 99 123 4567')).toBe('593991234567');
    expect(normalisePhone('00593 99-123-4567')).toBe('593991234567');
    expect(normalisePhone('099 123 4567')).toBe('593991234567');
    const forms = ['+593 99 123 4567', '00593991234567', '(099) 123-4567'];
    const indexes = forms.map((form) => blindIndex(root, 'phone', form)!.toString('hex'));
    expect(new Set(indexes).size).toBe(1);
  });

  it('use a separate key per field and never the plain value', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{6,12}$/), (digits) => {
        const doc = blindIndex(root, 'document_number', digits)!;
        const phone = blindIndex(root, 'phone', `+${digits}`)!;
        expect(doc.equals(phone)).toBe(false);
        expect(doc.toString('utf8')).not.toContain(digits);
        expect(blindIndex(randomBytes(32), 'document_number', digits)!.equals(doc)).toBe(false);
      }),
    );
  });

  it('give nothing for values that normalise to nothing', () => {
    expect(blindIndex(root, 'phone', ' - ')).toBeUndefined();
    expect(blindIndex(root, 'document_number', '..')).toBeUndefined();
  });
});
