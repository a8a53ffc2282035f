import { flat, pdfInfo, pdfText } from '../../../test/helpers/pdf-text';
import { renderCertificatePdf, type CertificateContent } from './certificate-pdf';
import { formatVerificationCode, newVerificationCode } from './verification-code';
import { winAnsi } from '../../http/win-ansi';

const code = newVerificationCode();
const CONTENT: CertificateContent = {
  holderName: 'María José Ñandú Pérez',
  programmeName: 'Atención especializada a víctimas de trata de personas',
  totalHours: '12.50',
  startsOn: '2026-03-03',
  endsOn: '2026-04-28',
  issuedOn: '2026-05-05',
  issuingInstitutions: ['Secretaría de Seguridad Ciudadana', 'Universidad Central del Ecuador'],
  code,
  verificationUrl: `https://amparo.example.org/verificar/${formatVerificationCode(code)}`,
};

describe('the certificate PDF (read back with poppler)', () => {
  it('is one A4 landscape page whose text says who, what, how long, when, by whom and how to check', async () => {
    const pdf = await renderCertificatePdf(CONTENT);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const info = pdfInfo(pdf);
    expect(info.Pages).toBe('1');
    expect(info['Page size']).toMatch(/^841\.89 x 595\.28 pts \(A4\)/);
    expect(info.Title).toBe('Certificado de capacitación');
    const text = flat(pdfText(pdf));
    for (const expected of [
      'CERTIFICADO',
      'María José Ñandú Pérez',
      '“Atención especializada a víctimas de trata de personas”',
      'con una duración de 12,5 horas, realizado del 3 de marzo al 28 de abril de 2026.',
      'Emitido el 5 de mayo de 2026.',
      'SECRETARÍA DE SEGURIDAD CIUDADANA',
      'UNIVERSIDAD CENTRAL DEL ECUADOR',
      'Secretaría de Seguridad Ciudadana',
      'Universidad Central del Ecuador',
      `Código de verificación: ${formatVerificationCode(code)}`,
      CONTENT.verificationUrl,
    ]) {
      expect([expected, text.includes(expected)]).toEqual([expected, true]);
    }
  });

  it('links the verification address and keeps the holder out of the metadata', async () => {
    const pdf = await renderCertificatePdf(CONTENT);
    const raw = pdf.toString('latin1');
    expect(raw).toContain(`/URI (${CONTENT.verificationUrl})`);
    const info = JSON.stringify(pdfInfo(pdf));
    expect(info).not.toContain('Ñandú');
    expect(info).not.toContain(code);
  });

  it('stays one page with the longest names, and one issuing institution', async () => {
    const pdf = await renderCertificatePdf({
      ...CONTENT,
      holderName: 'Nombre Muy Largo '.repeat(12).trim(),
      programmeName: 'Programa de nombre extenso '.repeat(7).trim(),
      totalHours: '1200.00',
      issuingInstitutions: ['Secretaría de Seguridad Ciudadana'],
    });
    expect(pdfInfo(pdf).Pages).toBe('1');
    const text = flat(pdfText(pdf));
    expect(text).toContain('1.200 horas');
    expect(text).toContain(formatVerificationCode(code));
  });

  it('writes letters outside WinAnsi without their accent, never as broken glyphs', async () => {
    expect(winAnsi('Ñandú Łukasz Nguyễn Ǹ 李')).toBe('Ñandú ?ukasz Nguyen N ?');
    const pdf = await renderCertificatePdf({ ...CONTENT, holderName: 'Thị Nguyễn Ñuñez' });
    expect(flat(pdfText(pdf))).toContain('Thi Nguyen Ñuñez');
  });
});
