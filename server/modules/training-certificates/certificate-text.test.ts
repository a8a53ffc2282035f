import { formatDate } from '../../http/format-es-ec';
import { spanishHours, spanishPeriod } from './certificate-text';

describe('the Spanish of a certificate', () => {
  it('writes hours with a decimal comma and thousands dots, exactly as stored', () => {
    expect(spanishHours('40.00')).toBe('40 horas');
    expect(spanishHours('12.50')).toBe('12,5 horas');
    expect(spanishHours('12.25')).toBe('12,25 horas');
    expect(spanishHours('1.00')).toBe('1 hora');
    expect(spanishHours('0.50')).toBe('0,5 horas');
    expect(spanishHours('1200.00')).toBe('1.200 horas');
    expect(spanishHours('1234567.05')).toBe('1.234.567,05 horas');
    expect(spanishHours('7')).toBe('7 horas');
    expect(() => spanishHours('-1')).toThrow();
    expect(() => spanishHours('1e3')).toThrow();
  });

  it('writes dates in words and periods the way Spanish joins them', () => {
    expect(formatDate('2026-03-03')).toBe('3 de marzo de 2026');
    expect(formatDate('2025-12-31')).toBe('31 de diciembre de 2025');
    expect(spanishPeriod('2026-03-03', '2026-03-03')).toBe('el 3 de marzo de 2026');
    expect(spanishPeriod('2026-03-03', '2026-03-28')).toBe('del 3 al 28 de marzo de 2026');
    expect(spanishPeriod('2026-03-03', '2026-04-28')).toBe('del 3 de marzo al 28 de abril de 2026');
    expect(spanishPeriod('2025-12-01', '2026-01-30')).toBe(
      'del 1 de diciembre de 2025 al 30 de enero de 2026',
    );
    expect(() => formatDate('2026-13-01')).toThrow();
    expect(() => formatDate('3/3/2026')).toThrow();
  });
});
