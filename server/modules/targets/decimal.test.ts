import { compareDecimals, progressPercent, sumDecimals, toDecimal2 } from './decimal';

describe('exact decimals', () => {
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
