export { notificationsRoutes } from './notifications.routes';
export { registerNotificationsOpenApi } from './notifications.openapi';
export {
  deliverPendingMail,
  LEASE_MS,
  MAIL_BATCH,
  MAIL_MAX_AGE_MS,
  MAX_ATTEMPTS,
  retryDelayMs,
  SEND_TIMEOUT_MS,
} from './mail-outbox';
export { mailMessage } from './mail-message';
export { smtpMailer, SMTP_TIMEOUTS, type MailConfig, type Mailer } from './mailer';
export { notifyOverdueReferrals } from './overdue';
export { MAIL_RETENTION_MS, purgeNotifications, READ_NOTIFICATION_RETENTION_MS } from './purge';
export { notificationJobs } from './jobs';
