import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../ui/format';
import { useVocabulary } from '../../vocab/useVocabulary';
import { ReferralStatusBadge } from './ReferralStatusBadge';
import { useInstitutions } from '../directory/useInstitutions';
import type { Referral } from './useReferrals';

/** Referrals as the sender follows them: to whom, for what, how urgent, by when, where they stand. */
export function ReferralTable({ caption, referrals }: { caption: string; referrals: Referral[] }) {
  const { t } = useTranslation('referrals');
  const { label } = useVocabulary();
  const format = useFormat();
  const { institution } = useInstitutions();
  return (
    <div className="table-scroll">
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('table.institution')}</th>
            <th scope="col">{t('table.services')}</th>
            <th scope="col">{t('table.urgency')}</th>
            <th scope="col">{t('table.status')}</th>
            <th scope="col">{t('table.due')}</th>
            <th scope="col">{t('table.sent')}</th>
          </tr>
        </thead>
        <tbody>
          {referrals.map((referral) => {
            const to = institution(referral.institutionId);
            return (
              <tr key={referral.id}>
                <td>
                  <Link to={`/referrals/${referral.id}`}>
                    {to?.name ?? t('unknownInstitution')}
                  </Link>
                  {to && <div className="muted">{label('sector', to.sector)}</div>}
                </td>
                <td>{referral.services.map((s) => label('referralService', s)).join(', ')}</td>
                <td>{label('urgency', referral.urgency)}</td>
                <td>
                  <ReferralStatusBadge referral={referral} />
                </td>
                <td>{format.date(referral.acknowledgeBy)}</td>
                <td>{format.date(referral.createdAt)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
