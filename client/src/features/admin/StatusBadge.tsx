import { useTranslation } from 'react-i18next';

/** Active or disabled (institutions and accounts), as a badge. */
export function ActiveBadge({ active }: { active: boolean }) {
  const { t } = useTranslation('admin');
  return (
    <span className={`badge ${active ? 'badge--ok' : 'badge--error'}`}>
      {active ? t('status.active') : t('status.disabled')}
    </span>
  );
}
