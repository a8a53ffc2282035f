import { isPlainName, isPlainText, looksPersonal } from './plain-text';

describe('isPlainText', () => {
  it('accepts what a name accepts, and line breaks where allowed', () => {
    expect(
      isPlainText('Rutas seguras en Santo Domingo de los Tsáchilas', { lineBreaks: false }),
    ).toBe(true);
    expect(isPlainText('Primera línea.\r\nSegunda.\nTercera.', { lineBreaks: true })).toBe(true);
    expect(isPlainText('Primera línea.\nSegunda.', { lineBreaks: false })).toBe(false);
  });

  it.each([
    ['a control character', 'Nulo\u0000'],
    ['a tab', 'con\ttabulador'],
    ['a bidirectional control', 'Texto\u202Einvertido'],
    ['a right-to-left mark', 'Marca\u200F'],
    ['a line separator', 'Una\u2028dos'],
    ['a paragraph separator', 'Una\u2029dos'],
    ['a zero-width space', '099\u200B1234567'],
    ['a zero-width non-joiner', 'a\u200Cb'],
    ['a zero-width joiner', 'a\u200Db'],
    ['a word joiner', 'a\u2060b'],
    ['an invisible operator', 'a\u2062b'],
    ['a byte-order mark', '\uFEFFTexto'],
    ['a soft hyphen', 'cam\u00ADpaña'],
    ['a Mongolian vowel separator', 'a\u180Eb'],
  ])('refuses %s, with or without line breaks allowed', (_, text) => {
    expect(isPlainText(text, { lineBreaks: true })).toBe(false);
    expect(isPlainText(text, { lineBreaks: false })).toBe(false);
  });

  it('leaves the rule of names as it was (zero-width joiners stay allowed there)', () => {
    expect(isPlainName('a\u200Db')).toBe(true);
    expect(isPlainName('Una\u2028dos')).toBe(true);
  });
});

describe('looksPersonal', () => {
  it.each([
    ['a mobile number', 'Llamar al 0991234567'],
    ['a mobile number with spaces', 'tel 099 123 4567'],
    ['a number with dashes and spaces', '099 - 123 - 4567'],
    ['an international number', '+593 99 123 4567'],
    ['a landline with its area code', '(02) 234-5678'],
    ['a local number of seven digits', 'llamar al 2345678'],
    ['a local number with a dot', 'llamar al 234.5678'],
    ['a cédula', 'cédula 1712345678'],
    ['a cédula with its check digit apart', 'CI 171234567-8'],
    ['full-width digits', '０９９１２３４５６７'],
    ['an e-mail address', 'escribió maria@example.com'],
    ['an e-mail address with subdomains', 'ana.perez+x@correo.gob.ec'],
    ['an e-mail address in another script', 'josé@correo.ec'],
    ['a full-width at sign', 'maria\uFF20example.com'],
  ])('finds %s', (_, text) => {
    expect(looksPersonal(text)).toBe(true);
  });

  it.each([
    ['plain text', 'Charla en la unidad educativa sobre rutas seguras'],
    ['a year', 'Campaña 2024'],
    ['six digits', 'Alcanzar 150000 personas'],
    ['six digits grouped', 'Alcanzar 150.000 personas'],
    ['numbers apart', 'Del 1 al 15 de marzo, 300 personas y 25 escuelas'],
    ['a date with slashes', '01/03/2024'],
    ['an at sign without a domain', 'reunión @ la escuela'],
    ['a social-media handle', 'síguenos en @amparo_ec'],
    ['a web address', 'https://www.gob.ec/campanas'],
  ])('lets through %s', (_, text) => {
    expect(looksPersonal(text)).toBe(false);
  });
});
