import { useTranslation } from 'react-i18next';

/** Active or disabled, as a badge: an institution (feminine in Spanish) or an account. */
export function ActiveBadge({ active, account }: { active: boolean; account?: boolean }) {
  const { t } = useTranslation('admin');
  const text = account
    ? t(active ? 'status.user.active' : 'status.user.disabled')
    : t(active ? 'status.active' : 'status.disabled');
  return <span className={`badge ${active ? 'badge--ok' : 'badge--error'}`}>{text}</span>;
}
