import { useTranslation } from 'react-i18next';
import { useVocabulary } from '../../vocab/useVocabulary';
import type { Referral } from './useReferrals';

const TONE: Partial<Record<Referral['status'], string>> = {
  accepted: 'badge--ok',
  in_progress: 'badge--ok',
  completed: 'badge--ok',
  declined: 'badge--error',
  withdrawn: 'badge--warning',
  expired: 'badge--error',
};

/** The status, and the overdue flag the sender must see at a glance (never by colour alone). */
export function ReferralStatusBadge({ referral }: { referral: Referral }) {
  const { t } = useTranslation('referrals');
  const { label } = useVocabulary();
  return (
    <span className="referral-status">
      <span className={`badge ${TONE[referral.status] ?? ''}`}>
        {label('referralStatus', referral.status)}
      </span>
      {referral.overdue && <span className="badge badge--error">{t('overdue')}</span>}
      {referral.vitalInterestOverride && (
        <span className="badge badge--warning">{t('override')}</span>
      )}
    </span>
  );
}
