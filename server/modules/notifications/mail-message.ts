import type { MailKind } from '../../db/schema.notifications';

export interface MailMessage {
  subject: string;
  text: string;
}

/**
 * The whole text of every e-mail: fixed per kind, in Spanish then English.
 * It says that something is waiting and where to sign in — no name (not even
 * the recipient's), no case number, no referral id, no institution, nothing
 * of any content. The link is the sign-in page, never a record's address.
 */
export function mailMessage(kind: MailKind, publicUrl: string): MailMessage {
  const link = new URL('/sign-in', publicUrl).toString();
  const what = WHAT[kind];
  return {
    subject: 'Amparo: tiene un aviso pendiente / You have a pending notice',
    text: [
      'Hola:',
      '',
      `${what.es} Inicie sesión en Amparo para verlo:`,
      link,
      '',
      'Este mensaje no contiene datos de ninguna persona. No responda a este correo.',
      '',
      '---',
      '',
      'Hello,',
      '',
      `${what.en} Sign in to Amparo to see it:`,
      link,
      '',
      'This message contains no personal data. Please do not reply.',
      '',
    ].join('\n'),
  };
}

const WHAT: Record<MailKind, { es: string; en: string }> = {
  referral_received: {
    es: 'Su institución tiene una derivación nueva.',
    en: 'Your institution has a new referral.',
  },
  referral_overdue: {
    es: 'Una derivación que usted envió no ha sido recibida a tiempo.',
    en: 'A referral you sent has not been acknowledged in time.',
  },
};
