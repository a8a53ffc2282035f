import type { Logger } from 'pino';
import type { Store } from '../../db/actor-transaction';
import type { Job } from '../../jobs/scheduler';
import type { JobIntervals } from '../../jobs/job-intervals';
import { deliverPendingMail } from './mail-outbox';
import { smtpMailer, type MailConfig } from './mailer';
import { notifyOverdueReferrals } from './overdue';
import { purgeNotifications } from './purge';

/**
 * The periodic notification work, for the scheduler (server/jobs): overdue
 * referrals are looked for every few minutes; the e-mail outbox is delivered
 * every half minute when SMTP is configured (without it nothing is sent, and
 * what waits is dropped once older than its maximum age); every hour, what
 * is past its retention period is purged. `close` releases the mailer.
 */
export function notificationJobs(
  store: Store,
  mail: MailConfig | undefined,
  logger: Logger,
  intervals: Pick<JobIntervals, 'overdue-referrals' | 'notification-purge' | 'mail-delivery'>,
): { jobs: Job[]; close: () => void } {
  const jobs: Job[] = [
    {
      name: 'overdue-referrals',
      intervalSeconds: intervals['overdue-referrals'],
      run: async () => {
        const found = await notifyOverdueReferrals(store, new Date());
        if (found > 0) logger.info({ found }, 'notified overdue referrals');
      },
    },
    {
      name: 'notification-purge',
      intervalSeconds: intervals['notification-purge'],
      run: async () => {
        const purged = await purgeNotifications(store, new Date());
        if (purged.stale + purged.mail + purged.notifications > 0) {
          logger.info(purged, 'purged notifications');
        }
      },
    },
  ];
  if (!mail) return { jobs, close: () => undefined };
  const mailer = smtpMailer(mail);
  jobs.push({
    name: 'mail-delivery',
    intervalSeconds: intervals['mail-delivery'],
    run: async () => {
      const sent = await deliverPendingMail(
        store,
        mailer,
        mail.publicUrl,
        () => new Date(),
        logger,
      );
      if (sent.delivered + sent.dropped > 0) logger.info(sent, 'notification e-mails');
    },
  });
  return { jobs, close: () => mailer.close() };
}
