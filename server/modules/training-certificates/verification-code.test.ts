import {
  CODE_LENGTH,
  formatVerificationCode,
  newVerificationCode,
  normaliseVerificationCode,
  verificationCodeDigest,
} from './verification-code';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

describe('training certificate verification codes', () => {
  it('are 16 symbols of Crockford base32 whose check symbol verifies, and all different', () => {
    const codes = Array.from({ length: 2000 }, newVerificationCode);
    for (const code of codes) {
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
      expect(normaliseVerificationCode(code)).toBe(code);
    }
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('draw every symbol about equally often (no bias from the random bytes)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 4000; i++) {
      for (const symbol of newVerificationCode().slice(0, -1)) {
        counts.set(symbol, (counts.get(symbol) ?? 0) + 1);
      }
    }
    // 60 000 symbols: 1875 expected each; 6 standard deviations is about ±260.
    expect(counts.size).toBe(32);
    for (const count of counts.values()) expect(Math.abs(count - 1875)).toBeLessThan(260);
  });

  it('read case, hyphens, spaces and the confusable letters as people type them', () => {
    const code = newVerificationCode();
    const grouped = formatVerificationCode(code);
    expect(grouped).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(normaliseVerificationCode(grouped)).toBe(code);
    expect(normaliseVerificationCode(` ${grouped.toLowerCase()} `)).toBe(code);
    expect(normaliseVerificationCode(grouped.replace(/-/g, ' '))).toBe(code);
    expect(normaliseVerificationCode(grouped.replace(/-/g, '–'))).toBe(code);
    const withZeroAndOne = `01${code.slice(2, -1)}`;
    const valid = [...ALPHABET]
      .map((check) => withZeroAndOne + check)
      .find((candidate) => normaliseVerificationCode(candidate) === candidate);
    expect(valid).toBeDefined();
    const typed = `o${valid?.slice(1) ?? ''}`.replace(/^o1/, 'oL');
    expect(normaliseVerificationCode(typed)).toBe(valid);
    expect(normaliseVerificationCode(`OI${valid?.slice(2) ?? ''}`)).toBe(valid);
  });

  it('catch every mistyped symbol and every swap of two different neighbours (but 0 and Z)', () => {
    for (let n = 0; n < 50; n++) {
      const code = newVerificationCode();
      for (let i = 0; i < CODE_LENGTH; i++) {
        for (const symbol of ALPHABET) {
          if (symbol === code[i]) continue;
          const typo = code.slice(0, i) + symbol + code.slice(i + 1);
          expect(normaliseVerificationCode(typo)).toBeNull();
        }
        const a = code[i];
        const b = code[i + 1];
        if (b === undefined || a === b || [a, b].sort().join('') === '0Z') continue;
        const swapped = code.slice(0, i) + b + a + code.slice(i + 2);
        expect(normaliseVerificationCode(swapped)).toBeNull();
      }
    }
  });

  it('refuse what cannot be a code', () => {
    const code = newVerificationCode();
    for (const input of [
      '',
      code.slice(0, -1),
      `${code}0`,
      code.replace(/.$/, 'U'),
      `${code.slice(0, 5)}*${code.slice(6)}`,
      `${code.slice(0, 5)}é${code.slice(6)}`,
      '-'.repeat(64) + code,
      '../../etc/passwd',
    ]) {
      expect([input, normaliseVerificationCode(input)]).toEqual([input, null]);
    }
  });

  it('are stored as a digest that does not contain the code', () => {
    const code = newVerificationCode();
    const digest = verificationCodeDigest(code);
    expect(digest).toHaveLength(32);
    expect(digest.toString('hex')).not.toContain(Buffer.from(code).toString('hex'));
    expect(verificationCodeDigest(code).equals(digest)).toBe(true);
    expect(verificationCodeDigest(newVerificationCode()).equals(digest)).toBe(false);
  });
});
