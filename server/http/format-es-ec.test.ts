import {
  formatDate,
  formatDecimal,
  formatInteger,
  formatMoney,
  formatPercent,
  formatPeriod,
  formatQuantity,
} from './format-es-ec';

describe('Ecuadorian formatting', () => {
  it('writes money as USD with "." thousands and "," decimals', () => {
    expect(formatMoney('5500')).toBe('USD 5.500,00');
    expect(formatMoney('5500.00')).toBe('USD 5.500,00');
    expect(formatMoney('1234567.891')).toBe('USD 1.234.567,89');
    expect(formatMoney('0.005')).toBe('USD 0,01');
    expect(formatMoney('999')).toBe('USD 999,00');
    expect(formatMoney('-1000.5')).toBe('USD -1.000,50');
    expect(formatMoney('-0.001')).toBe('USD 0,00');
  });

  it('writes percentages with two decimals and a space before the sign', () => {
    expect(formatPercent('88.8')).toBe('88,80 %');
    expect(formatPercent('88.80')).toBe('88,80 %');
    expect(formatPercent('1234.5')).toBe('1.234,50 %');
    expect(formatPercent(null)).toBe('—');
  });

  it('writes counts and quantities', () => {
    expect(formatInteger(1234)).toBe('1.234');
    expect(formatInteger(0)).toBe('0');
    expect(formatInteger(1000000)).toBe('1.000.000');
    expect(formatQuantity('1250')).toBe('1.250');
    expect(formatQuantity('42.5')).toBe('42,50');
    expect(formatQuantity('3.001')).toBe('3');
    expect(formatDecimal('12.345', 1)).toBe('12,3');
  });

  it('leaves out the decimals a figure does not need, when asked (hours)', () => {
    const needed = (value: string) => formatDecimal(value, 2, { trailingZeros: false });
    expect(needed('12.50')).toBe('12,5');
    expect(needed('1200.00')).toBe('1.200');
    expect(needed('0.05')).toBe('0,05');
    expect(needed('12.505')).toBe('12,51');
    expect(formatMoney('1200')).toBe('USD 1.200,00');
  });

  it('writes dates and periods in Spanish', () => {
    expect(formatDate('2026-12-31')).toBe('31 de diciembre de 2026');
    expect(formatDate('2026-01-01')).toBe('1 de enero de 2026');
    expect(() => formatDate('2026-13-01')).toThrow(RangeError);
    expect(formatPeriod({ year: 2026, quarter: null })).toBe('Año 2026');
    expect(formatPeriod({ year: 2026, quarter: 2 })).toBe('Segundo trimestre de 2026');
  });
});
