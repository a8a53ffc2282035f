import { winAnsi } from './win-ansi';

describe('winAnsi', () => {
  it('keeps Spanish and WinAnsi, strips accents WinAnsi lacks, and writes "?" for the rest', () => {
    expect(winAnsi('Ñandú Łukasz Nguyễn Ǹ 李')).toBe('Ñandú ?ukasz Nguyen N ?');
    expect(winAnsi('“Capacitación” – 5 € • ¿sí?')).toBe('“Capacitación” – 5 € • ¿sí?');
  });

  it('writes look-alikes for minus signs, hyphens and special spaces; keeps line breaks', () => {
    expect(winAnsi('\u22125\u2010a\u2011b\u2009c\u202Fd\te')).toBe('-5-a-b c d e');
    expect(winAnsi('uno\r\ndos\rtres\ncuatro')).toBe('uno\ndos\ntres\ncuatro');
  });
});
