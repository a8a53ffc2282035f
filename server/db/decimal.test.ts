import fc from 'fast-check';
import {
  compareDecimals,
  isZero,
  mean,
  progressPercent,
  roundHalfUp,
  subtract,
  sum,
  sumDecimals,
  toDecimal2,
} from './decimal';

describe('exact decimals: targets and budget', () => {
  it('round percentages half-up to two decimals, once', () => {
    expect(progressPercent('888', '1000')).toBe('88.80');
    expect(progressPercent('2', '3')).toBe('66.67');
    expect(progressPercent('1', '3')).toBe('33.33');
    expect(progressPercent('1', '8')).toBe('12.50');
    // 0.125 % → 0.13 (half-up), 0.124… → 0.12
    expect(progressPercent('1', '800')).toBe('0.13');
    expect(progressPercent('31', '25000')).toBe('0.12');
    expect(progressPercent('8880.00', '10000.00')).toBe('88.80');
    expect(progressPercent('1500', '1000')).toBe('150.00');
    expect(progressPercent('0', '1000')).toBe('0.00');
    expect(progressPercent('5', '0')).toBeNull();
    expect(progressPercent('0.00', '0.00')).toBeNull();
    // Half away from zero on the negative side too.
    expect(progressPercent('-1', '800')).toBe('-0.13');
  });

  it('sum money without floats', () => {
    expect(sumDecimals(['0.10', '0.20'])).toBe('0.30');
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sumDecimals(Array.from({ length: 1000 }, () => '0.01'))).toBe('10.00');
    expect(sumDecimals(['999999999999.99', '0.01'])).toBe('1000000000000.00');
    expect(sumDecimals([])).toBe('0.00');
    expect(sumDecimals(['5', '2.5', '0.05'])).toBe('7.55');
  });

  it('write two decimals and compare exactly', () => {
    expect(toDecimal2('888')).toBe('888.00');
    expect(toDecimal2('12.345')).toBe('12.35');
    expect(toDecimal2('0.5')).toBe('0.50');
    expect(compareDecimals('1.10', '1.1')).toBe(0);
    expect(compareDecimals('1000', '999.99')).toBe(1);
    expect(compareDecimals('0.01', '0.1')).toBe(-1);
    expect(() => toDecimal2('1e3')).toThrow('not a decimal');
  });
});

describe('exact decimals: the management report', () => {
  it('adds money to the cent without binary error', () => {
    expect(sum(['0.10', '0.20'])).toBe('0.30');
    expect(sum(['5500.00', '1234567.89', '160'])).toBe('1240227.89');
    expect(sum([])).toBe('0');
    expect(subtract('1.00', '0.01')).toBe('0.99');
    expect(compareDecimals('10.5', '10.50')).toBe(0);
    expect(compareDecimals('-1', '0')).toBe(-1);
    expect(isZero('0.000')).toBe(true);
  });

  it('rounds half away from zero, once', () => {
    expect(roundHalfUp('0.125')).toBe('0.13');
    expect(roundHalfUp('0.124999')).toBe('0.12');
    expect(roundHalfUp('2.675')).toBe('2.68'); // a float would say 2.67
    expect(roundHalfUp('-0.125')).toBe('-0.13');
    expect(roundHalfUp('7')).toBe('7.00');
    expect(roundHalfUp('1.5', 0)).toBe('2');
  });

  it('computes percentages with two decimals, half up, and none of nothing', () => {
    expect(progressPercent('4884', '5500')).toBe('88.80');
    expect(progressPercent('1', '3')).toBe('33.33');
    expect(progressPercent('2', '3')).toBe('66.67');
    expect(progressPercent('1.00', '160.00')).toBe('0.63'); // 0.625: banker's rounding says 0.62
    expect(progressPercent('1250', '1000')).toBe('125.00');
    expect(progressPercent('0', '7')).toBe('0.00');
    expect(progressPercent('5', '0')).toBeNull();
    expect(progressPercent('0.5', '2')).toBe('25.00');
  });

  it('agrees with exact rational arithmetic on any amounts', () => {
    const cents = fc.bigInt({ min: 0n, max: 99_999_999_999_999n });
    fc.assert(
      fc.property(cents, cents, (part, whole) => {
        const asText = (c: bigint) => `${c / 100n}.${String(c % 100n).padStart(2, '0')}`;
        const got = progressPercent(asText(part), asText(whole));
        if (whole === 0n) return got === null;
        // 100 × part / whole in hundredths, rounded half up: floor((2·p·10⁴ + w) / 2w).
        const expected = (2n * part * 10_000n + whole) / (2n * whole);
        return got === `${expected / 100n}.${String(expected % 100n).padStart(2, '0')}`;
      }),
    );
  });

  it('takes means to two decimals', () => {
    expect(mean(['10', '20', '25'])).toBe('18.33');
    expect(mean(['0.005'])).toBe('0.01');
    expect(mean([])).toBeNull();
  });

  it('refuses what is not a decimal', () => {
    expect(() => sum(['1e3'])).toThrow(RangeError);
    expect(() => progressPercent('NaN', '1')).toThrow(RangeError);
    expect(() => roundHalfUp('1,5')).toThrow(RangeError);
  });
});
