import type { Logger } from 'pino';
import type { Store } from '../../db/actor-transaction';
import { deliverPendingMail } from './mail-outbox';
import { smtpMailer, type MailConfig } from './mailer';
import { notifyOverdueReferrals } from './overdue';
import { purgeNotifications } from './purge';

const OVERDUE_INTERVAL_MS = 5 * 60 * 1000;
const MAIL_INTERVAL_MS = 30 * 1000;
const PURGE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * The periodic notification work of a server process: overdue referrals are
 * looked for every few minutes; the e-mail outbox is delivered every half
 * minute when SMTP is configured (without it nothing is sent, and what waits
 * is dropped once older than its maximum age); every hour, what is past its
 * retention period is purged. Returns the stop.
 */
export function startNotificationJobs(
  store: Store,
  mail: MailConfig | undefined,
  logger: Logger,
): () => void {
  const overdue = setInterval(() => {
    notifyOverdueReferrals(store, new Date()).then(
      (found) => found > 0 && logger.info({ found }, 'notified overdue referrals'),
      (error: unknown) => logger.warn({ err: error }, 'could not notify overdue referrals'),
    );
  }, OVERDUE_INTERVAL_MS);
  overdue.unref();
  const purge = setInterval(() => {
    purgeNotifications(store, new Date()).then(
      (purged) =>
        purged.stale + purged.mail + purged.notifications > 0 &&
        logger.info(purged, 'purged notifications'),
      (error: unknown) => logger.warn({ err: error }, 'could not purge notifications'),
    );
  }, PURGE_INTERVAL_MS);
  purge.unref();
  if (!mail) {
    return () => {
      clearInterval(overdue);
      clearInterval(purge);
    };
  }
  const mailer = smtpMailer(mail);
  let running = false;
  const delivery = setInterval(() => {
    if (running) return;
    running = true;
    deliverPendingMail(store, mailer, mail.publicUrl, () => new Date(), logger)
      .then(
        (sent) => sent.delivered + sent.dropped > 0 && logger.info(sent, 'notification e-mails'),
        (error: unknown) => logger.warn({ err: error }, 'could not deliver notification e-mails'),
      )
      .finally(() => (running = false));
  }, MAIL_INTERVAL_MS);
  delivery.unref();
  return () => {
    clearInterval(overdue);
    clearInterval(purge);
    clearInterval(delivery);
    mailer.close();
  };
}
