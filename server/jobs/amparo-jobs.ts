import type { Logger } from 'pino';
import type { Store } from '../db/actor-transaction';
import type { AuditAnchorLogger } from '../modules/audit';
import { PostgresSessionStore, purgeExpiredThrottleCounters } from '../modules/auth';
import type { MailConfig } from '../modules/notifications';
import { notificationJobs } from '../modules/notifications';
import { closeCompletedPackages, expireUnacknowledgedReferrals } from '../modules/referrals';
import type { JobIntervals } from './job-intervals';
import type { Job } from './scheduler';

/**
 * Every periodic job of a server process (see docs/RELIABILITY.md). Each
 * logs what it did as counts; a failure is logged by the scheduler. The
 * audit sealer is not here: it runs in every instance (main.ts).
 */
export function amparoJobs(deps: {
  store: Store;
  logger: Logger;
  intervals: JobIntervals;
  mail: MailConfig | undefined;
  anchor: AuditAnchorLogger;
}): { jobs: Job[]; close: () => void } {
  const { store, logger, intervals } = deps;
  const sessions = new PostgresSessionStore(store);
  const notifications = notificationJobs(store, deps.mail, logger, intervals);
  const jobs: Job[] = [
    {
      // Expired sessions are refused on read anyway; this keeps the tables small.
      name: 'session-purge',
      intervalSeconds: intervals['session-purge'],
      run: async () => {
        const removed = await sessions.purgeExpired();
        if (removed > 0) logger.info({ removed }, 'purged expired sessions');
        const now = new Date();
        const counters =
          (await purgeExpiredThrottleCounters(store, 'login_throttle', now)) +
          (await purgeExpiredThrottleCounters(store, 'certificate_lookup_throttle', now));
        if (counters > 0) logger.info({ counters }, 'purged expired throttle counters');
      },
    },
    {
      // Referrals left unacknowledged long after their due date expire, and
      // completed referrals' packages are destroyed once their keeping time is over.
      name: 'referral-expiry',
      intervalSeconds: intervals['referral-expiry'],
      run: async () => {
        const [expired, closed] = await Promise.allSettled([
          expireUnacknowledgedReferrals(store, new Date()),
          closeCompletedPackages(store, new Date()),
        ]);
        if (expired.status === 'fulfilled' && expired.value > 0) {
          logger.info({ expired: expired.value }, 'expired unacknowledged referrals');
        }
        if (closed.status === 'fulfilled' && closed.value > 0) {
          logger.info({ closed: closed.value }, 'closed packages of completed referrals');
        }
        const failure = [expired, closed].find((result) => result.status === 'rejected');
        if (failure) throw failure.reason instanceof Error ? failure.reason : new Error('failed');
      },
    },
    {
      // The chain head in the log (when it moved), for operators to keep
      // outside the database: `verify-audit --anchor` then detects a log cut back.
      name: 'audit-anchor',
      intervalSeconds: intervals['audit-anchor'],
      run: () => deps.anchor.logIfMoved(),
    },
    ...notifications.jobs,
  ];
  return { jobs, close: notifications.close };
}
