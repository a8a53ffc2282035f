import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../../ui/format';
import { useVocabulary } from '../../../vocab/useVocabulary';
import { useInstitutionNames } from '../../reviews/useInstitutionNames';
import { BLOCK_SIZE, DUE_SOON_DAYS, useDueReferrals } from '../useMyWork';
import { WorkBlock } from './WorkBlock';

/** Referrals of my cases not yet acknowledged: overdue first, then due within two days. */
export function ReferralsBlock() {
  const { t } = useTranslation('work');
  const { label } = useVocabulary();
  const format = useFormat();
  const referrals = useDueReferrals();
  const institution = useInstitutionNames(referrals.due.length > 0);
  const shown = referrals.due.slice(0, BLOCK_SIZE);
  const overdue = referrals.due.filter((r) => r.overdue).length;
  return (
    <WorkBlock
      id="work-referrals"
      title={t('referrals.title')}
      count={
        referrals.data ? t('referrals.count', { count: referrals.due.length, overdue }) : undefined
      }
      query={referrals}
      isEmpty={referrals.due.length === 0}
      empty={t('referrals.empty', { days: DUE_SOON_DAYS })}
      more={{ to: '/referrals', label: t('referrals.all') }}
    >
      <p className="work-block__hint">{t('referrals.rule', { days: DUE_SOON_DAYS })}</p>
      <ul className="work-list">
        {shown.map((referral) => (
          <li key={referral.id} className="work-list__item">
            <Link to={`/referrals/${referral.id}`}>
              {institution(referral.institutionId) ?? t('referrals.institution')}
            </Link>
            <span className="work-list__detail">
              {referral.services.map((s) => label('referralService', s)).join(', ')}
            </span>
            {referral.overdue ? (
              <span className="badge badge--error">
                {t('referrals.overdue', { date: format.dateTime(referral.acknowledgeBy) })}
              </span>
            ) : (
              <span className="badge badge--warning">
                {t('referrals.dueSoon', { date: format.dateTime(referral.acknowledgeBy) })}
              </span>
            )}
          </li>
        ))}
      </ul>
      {(referrals.due.length > shown.length || referrals.more) && (
        <p className="work-block__hint">{t('referrals.moreInList')}</p>
      )}
    </WorkBlock>
  );
}
