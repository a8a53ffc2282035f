import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useRefreshOnActivity, useUnreadCount } from './useNotifications';
import './notifications.css';

/** The header's link to /notifications, with the number unread (in its accessible name too). */
export function NotificationBell() {
  const { t } = useTranslation('notifications');
  useRefreshOnActivity();
  const unread = useUnreadCount().data ?? 0;
  return (
    <NavLink
      to="/notifications"
      className="notification-bell"
      aria-label={t('bell.label', { count: unread })}
    >
      <svg className="notification-bell__icon" viewBox="0 0 24 24" aria-hidden="true">
        <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" />
      </svg>
      {/* Seen: "Avisos  3 sin leer"; heard: "Avisos, 3 sin leer" (the visible words, in order). */}
      <span>{t('bell.text')}</span>{' '}
      {unread > 0 && (
        <span className="notification-bell__count">
          {t('bell.badge', { count: unread > 99 ? '99+' : unread })}
        </span>
      )}
    </NavLink>
  );
}
