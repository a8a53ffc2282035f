import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import { useVocabulary } from '../../vocab/useVocabulary';
import { ReferralStatusBadge } from './ReferralStatusBadge';
import type { Referral } from './useReferrals';

/** What both sides read the same way, inside a `dl.facts`: status, services, urgency, due date. */
export function ReferralRequestFacts({ referral }: { referral: Referral }) {
  const { t } = useTranslation('referrals');
  const { label } = useVocabulary();
  const format = useFormat();
  return (
    <>
      <dt>{t('table.status')}</dt>
      <dd>
        <ReferralStatusBadge referral={referral} />
      </dd>
      <dt>{t('table.services')}</dt>
      <dd>{referral.services.map((s) => label('referralService', s)).join(', ')}</dd>
      <dt>{t('table.urgency')}</dt>
      <dd>{label('urgency', referral.urgency)}</dd>
      <dt>{t('table.due')}</dt>
      <dd>{format.date(referral.acknowledgeBy)}</dd>
    </>
  );
}
