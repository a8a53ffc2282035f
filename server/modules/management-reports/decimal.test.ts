import fc from 'fast-check';
import { compare, isZero, mean, percentOf, roundHalfUp, subtract, sum } from './decimal';

describe('exact decimals', () => {
  it('adds money to the cent without binary error', () => {
    expect(sum(['0.10', '0.20'])).toBe('0.30');
    expect(sum(['5500.00', '1234567.89', '160'])).toBe('1240227.89');
    expect(sum([])).toBe('0');
    expect(subtract('1.00', '0.01')).toBe('0.99');
    expect(compare('10.5', '10.50')).toBe(0);
    expect(compare('-1', '0')).toBe(-1);
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
    expect(percentOf('4884', '5500')).toBe('88.80');
    expect(percentOf('1', '3')).toBe('33.33');
    expect(percentOf('2', '3')).toBe('66.67');
    expect(percentOf('1.00', '160.00')).toBe('0.63'); // 0.625: banker's rounding says 0.62
    expect(percentOf('1250', '1000')).toBe('125.00');
    expect(percentOf('0', '7')).toBe('0.00');
    expect(percentOf('5', '0')).toBeNull();
    expect(percentOf('0.5', '2')).toBe('25.00');
  });

  it('agrees with exact rational arithmetic on any amounts', () => {
    const cents = fc.bigInt({ min: 0n, max: 99_999_999_999_999n });
    fc.assert(
      fc.property(cents, cents, (part, whole) => {
        const asText = (c: bigint) => `${c / 100n}.${String(c % 100n).padStart(2, '0')}`;
        const got = percentOf(asText(part), asText(whole));
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
    expect(() => percentOf('NaN', '1')).toThrow(RangeError);
    expect(() => roundHalfUp('1,5')).toThrow(RangeError);
  });
});
