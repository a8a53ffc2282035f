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
  /** The public address of the web client, for the sign-in link; its host names us in EHLO. */
  publicUrl: string;
  /** STARTTLS required on an smtp:// URL (always in production; smtps:// is TLS from the start). */
  requireTls: boolean;
}

/**
 * How long nodemailer waits for the TCP connection, the server's greeting and
 * any silence on the socket. Together with the outbox's own bound per message
 * (SEND_TIMEOUT_MS) a whole batch ends well within the delivery lease.
 */
export const SMTP_TIMEOUTS = {
  connectionTimeout: 5_000,
  greetingTimeout: 5_000,
  socketTimeout: 10_000,
} as const;

/**
 * A nodemailer SMTP transport; its own logging stays off (it would log
 * addresses). It introduces itself (EHLO) by the public host name, never the
 * machine's own.
 */
export function smtpMailer(
  config: MailConfig,
  timeouts: Partial<Record<keyof typeof SMTP_TIMEOUTS, number>> = {},
): Mailer {
  const transport = nodemailer.createTransport({
    url: config.smtpUrl,
    name: new URL(config.publicUrl).hostname,
    requireTLS: config.requireTls,
    ...SMTP_TIMEOUTS,
    ...timeouts,
    logger: false,
    debug: false,
  });
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
