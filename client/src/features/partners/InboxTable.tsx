import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../ui/format';
import { useVocabulary } from '../../vocab/useVocabulary';
import { ReferralStatusBadge } from '../referrals/ReferralStatusBadge';
import type { Referral } from '../referrals/useReferrals';

/** Referrals as the receiving institution sees them: what is asked, how urgent, by when. */
export function InboxTable({ caption, referrals }: { caption: string; referrals: Referral[] }) {
  const { t } = useTranslation('partners');
  const { label } = useVocabulary();
  const format = useFormat();
  return (
    <div className="table-scroll">
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('table.received')}</th>
            <th scope="col">{t('table.services')}</th>
            <th scope="col">{t('table.urgency')}</th>
            <th scope="col">{t('table.due')}</th>
            <th scope="col">{t('table.status')}</th>
          </tr>
        </thead>
        <tbody>
          {referrals.map((referral) => (
            <tr key={referral.id} className={referral.overdue ? 'inbox-row--overdue' : undefined}>
              <td>
                <Link to={`/inbox/${referral.id}`}>
                  {t('table.open', { date: format.dateTime(referral.createdAt) })}
                </Link>
              </td>
              <td>{referral.services.map((s) => label('referralService', s)).join(', ')}</td>
              <td>
                <span className={`urgency urgency--${referral.urgency}`}>
                  {label('urgency', referral.urgency)}
                </span>
              </td>
              <td>{format.date(referral.acknowledgeBy)}</td>
              <td>
                <ReferralStatusBadge referral={referral} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
