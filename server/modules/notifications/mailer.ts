import nodemailer from 'nodemailer';
import type { MailMessage } from './mail-message';

/** Sends one message; rejects when the SMTP server did not take it. */
export interface Mailer {
  send(to: string, message: MailMessage): Promise<void>;
  close(): void;
}

export interface MailConfig {
  /** smtp:// or smtps:// with credentials if any (a secret: never logged). */
  smtpUrl: string;
  from: string;
  /** The public address of the web client, for the sign-in link. */
  publicUrl: string;
}

/** A nodemailer SMTP transport; its own logging stays off (it would log addresses). */
export function smtpMailer(config: Pick<MailConfig, 'smtpUrl' | 'from'>): Mailer {
  const transport = nodemailer.createTransport(config.smtpUrl);
  return {
    async send(to, message) {
      await transport.sendMail({
        from: config.from,
        to,
        subject: message.subject,
        text: message.text,
        // Nothing fetched from files or URLs while building the message.
        disableFileAccess: true,
        disableUrlAccess: true,
      });
    },
    close: () => transport.close(),
  };
}
