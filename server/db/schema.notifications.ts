import type { ColumnType, Generated } from 'kysely';

/** Tables of notifications and their e-mail outbox (migration 0021). */

export const NOTIFICATION_KINDS = [
  'referral_received',
  'referral_acknowledged',
  'referral_declined',
  'referral_completed',
  'referral_overdue',
  'consent_revoked',
  'consent_pending_approval',
  'review_break_glass',
  'review_consent_override',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_RESOURCES = ['referral', 'consent', 'case_access_grant'] as const;
export type NotificationResource = (typeof NOTIFICATION_RESOURCES)[number];

/** The kinds that are also sent by e-mail. */
export type MailKind = Extract<NotificationKind, 'referral_received' | 'referral_overdue'>;

/** Written only by the database's own functions (as the system); the recipient marks read_at. */
export interface NotificationsTable {
  id: Generated<string>;
  recipient_id: ColumnType<string, never, never>;
  kind: ColumnType<NotificationKind, never, never>;
  resource_type: ColumnType<NotificationResource, never, never>;
  resource_id: ColumnType<string, never, never>;
  created_at: ColumnType<Date, never, never>;
  read_at: Date | null;
}

export type MailDropReason = 'recipient_inactive' | 'attempts_exhausted' | 'stale';

export interface MailOutboxTable {
  id: Generated<string>;
  recipient_id: ColumnType<string, never, never>;
  kind: ColumnType<MailKind, never, never>;
  /** The referral it is about: an id only, never part of the message. */
  referral_id: ColumnType<string, never, never>;
  created_at: ColumnType<Date, never, never>;
  attempts: number;
  next_attempt_at: Date;
  claimed_until: Date | null;
  delivered_at: Date | null;
  dropped_at: Date | null;
  drop_reason: MailDropReason | null;
}

export interface ReferralOverdueNoticesTable {
  referral_id: string;
  notified_at: Date;
}
