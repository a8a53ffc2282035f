import { inActorTransaction, SYSTEM_ACTOR, type Store } from '../../db/actor-transaction';
import { dropStaleMail } from './mail-outbox';

/** Outbox rows delivered or dropped are kept this long (to see what was sent), then deleted. */
export const MAIL_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
/** Read notifications are kept this long after being read, then deleted; unread ones stay. */
export const READ_NOTIFICATION_RETENTION_MS = 90 * 24 * 60 * 60 * 1000;

export interface PurgeResult {
  /** Waiting e-mails dropped as too old. */
  stale: number;
  /** Settled outbox rows deleted. */
  mail: number;
  /** Read notifications deleted. */
  notifications: number;
}

/**
 * Keeps the notification tables small (as the system, one transaction):
 * drops e-mails waiting longer than their maximum age (also when SMTP is
 * off), deletes outbox rows settled more than MAIL_RETENTION_MS ago and
 * notifications read more than READ_NOTIFICATION_RETENTION_MS ago.
 */
export function purgeNotifications(store: Store, now: Date): Promise<PurgeResult> {
  return inActorTransaction(store, SYSTEM_ACTOR, async (trx) => {
    const stale = await dropStaleMail(trx, now);
    const mailCutoff = new Date(now.getTime() - MAIL_RETENTION_MS);
    const mail = await trx
      .deleteFrom('mail_outbox')
      .where((eb) =>
        eb.or([eb('delivered_at', '<', mailCutoff), eb('dropped_at', '<', mailCutoff)]),
      )
      .executeTakeFirst();
    const notifications = await trx
      .deleteFrom('notifications')
      .where('read_at', '<', new Date(now.getTime() - READ_NOTIFICATION_RETENTION_MS))
      .executeTakeFirst();
    return {
      stale,
      mail: Number(mail.numDeletedRows),
      notifications: Number(notifications.numDeletedRows),
    };
  });
}
