import PDFDocument from 'pdfkit';
import { winAnsi } from '../../http/win-ansi';
import { formatDate } from '../../http/format-es-ec';
import { spanishHours, spanishPeriod } from './certificate-text';
import { formatVerificationCode } from './verification-code';

/** What a certificate says, as it was frozen when it was issued. */
export interface CertificateContent {
  holderName: string;
  programmeName: string;
  /** The programme's total hours, as numeric text (`"40.00"`). */
  totalHours: string;
  startsOn: string;
  endsOn: string;
  /** Ecuador's calendar day of issue. */
  issuedOn: string;
  /** The lead agency first, then the programme's partner institution (if any). */
  issuingInstitutions: readonly string[];
  /** Canonical verification code (16 symbols). */
  code: string;
  /** The public page that checks this code. */
  verificationUrl: string;
}

// A4 landscape, in points.
const WIDTH = 841.89;
const HEIGHT = 595.28;
const TEXT_X = 80;
const TEXT_WIDTH = WIDTH - 2 * TEXT_X;
const INK = '#1f2a37';
const ACCENT = '#0b5563';

/**
 * The certificate as a one-page PDF (A4 landscape, Spanish), from its
 * frozen content only. The text is real text (Helvetica, WinAnsi), so that
 * `pdftotext` and screen readers read it; the verification address is a link.
 */
export function renderCertificatePdf(content: CertificateContent): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    lang: 'es-EC',
    displayTitle: true,
    info: {
      // Nothing of the holder in the metadata: the file name and title are generic.
      Title: 'Certificado de capacitación',
      Author: winAnsi(content.issuingInstitutions[0] ?? ''),
      Subject: winAnsi(content.programmeName),
      CreationDate: new Date(`${content.issuedOn}T12:00:00Z`),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  drawFrame(doc);
  drawBody(doc, content);
  drawSignatures(doc, content.issuingInstitutions);
  drawVerification(doc, content);
  doc.end();
  return done;
}

type Doc = InstanceType<typeof PDFDocument>;

function drawFrame(doc: Doc): void {
  doc
    .lineWidth(3)
    .strokeColor(ACCENT)
    .rect(24, 24, WIDTH - 48, HEIGHT - 48)
    .stroke();
  doc
    .lineWidth(0.75)
    .rect(32, 32, WIDTH - 64, HEIGHT - 64)
    .stroke();
}

const centred = (lines?: number, size = 13) => ({
  width: TEXT_WIDTH,
  align: 'center' as const,
  ...(lines ? { height: lines * size * 1.25, ellipsis: true } : {}),
});

function drawBody(doc: Doc, content: CertificateContent): void {
  doc.fillColor(ACCENT).font('Helvetica-Bold').fontSize(11);
  const institutions = winAnsi(content.issuingInstitutions.join('  ·  ')).toUpperCase();
  doc.text(institutions, TEXT_X, 58, centred(2, 11));
  doc.fillColor(INK).font('Helvetica-Bold').fontSize(36);
  doc.text('CERTIFICADO', TEXT_X, 112, centred());
  doc.font('Helvetica').fontSize(14).text('de aprobación de capacitación', centred());

  doc.fontSize(13).text('Se otorga el presente certificado a', TEXT_X, 206, centred());
  doc.moveDown(0.6).font('Helvetica-Bold').fontSize(26).fillColor(ACCENT);
  doc.text(winAnsi(content.holderName), centred(2, 26));
  doc.moveDown(0.5).font('Helvetica').fontSize(13).fillColor(INK);
  doc.text('por haber aprobado el programa de capacitación', centred());
  doc.moveDown(0.4).font('Helvetica-Bold').fontSize(17);
  doc.text(`“${winAnsi(content.programmeName)}”`, centred(2, 17));
  doc.moveDown(0.4).font('Helvetica').fontSize(13);
  const period = spanishPeriod(content.startsOn, content.endsOn);
  doc.text(
    `con una duración de ${spanishHours(content.totalHours)}, realizado ${period}.`,
    centred(2),
  );
  doc.moveDown(0.6).fontSize(11);
  doc.text(`Emitido el ${formatDate(content.issuedOn)}.`, centred());
}

/** A line to sign above each issuing institution's name, side by side. */
function drawSignatures(doc: Doc, institutions: readonly string[]): void {
  const count = Math.max(institutions.length, 1);
  const slot = TEXT_WIDTH / count;
  const lineWidth = Math.min(240, slot - 30);
  const y = 462;
  doc.lineWidth(0.75).strokeColor(INK);
  institutions.forEach((name, index) => {
    const x = TEXT_X + index * slot + (slot - lineWidth) / 2;
    doc
      .moveTo(x, y)
      .lineTo(x + lineWidth, y)
      .stroke();
    doc.font('Helvetica').fontSize(9).fillColor(INK);
    doc.text(winAnsi(name), x, y + 6, {
      width: lineWidth,
      align: 'center',
      height: 24,
      ellipsis: true,
    });
  });
}

function drawVerification(doc: Doc, content: CertificateContent): void {
  const code = formatVerificationCode(content.code);
  doc.font('Helvetica-Bold').fontSize(10).fillColor(INK);
  doc.text(`Código de verificación: ${code}`, TEXT_X, 508, centred());
  doc.font('Helvetica').fontSize(9);
  doc.text('Compruebe la validez de este certificado en:', centred());
  const url = winAnsi(content.verificationUrl);
  doc.fillColor(ACCENT).text(url, { ...centred(), link: url, underline: true });
}
