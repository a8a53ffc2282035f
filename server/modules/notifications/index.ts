export { notificationsRoutes } from './notifications.routes';
export { registerNotificationsOpenApi } from './notifications.openapi';
export { deliverPendingMail, MAX_ATTEMPTS, retryDelayMs } from './mail-outbox';
export { mailMessage } from './mail-message';
export { smtpMailer, type MailConfig, type Mailer } from './mailer';
export { notifyOverdueReferrals } from './overdue';
export { startNotificationJobs } from './jobs';
