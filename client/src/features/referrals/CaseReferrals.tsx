import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../../ui/Loading';
import { ProblemMessage } from '../../ui/ProblemMessage';
import type { CaseDetail } from '../cases/useCase';
import { ReferralTable } from './ReferralTable';
import { useCaseReferrals } from './useReferrals';
import '../consents/consents.css';
import './referrals.css';

/** The case's referrals tab: each referral, its status, the overdue flag, and the way to send one. */
export function CaseReferrals({ kase }: { kase: CaseDetail }) {
  const { t } = useTranslation('referrals');
  const referrals = useCaseReferrals(kase.id);
  const overdue = referrals.data?.filter((r) => r.overdue).length ?? 0;
  return (
    <section className="stack" aria-labelledby="case-referrals-title">
      <div className="section-header">
        <h2 id="case-referrals-title">{t('tab.title')}</h2>
        <Link className="button button--primary" to={`/cases/${kase.id}/referrals/new`}>
          {t('tab.new')}
        </Link>
      </div>
      {overdue > 0 && <p className="badge badge--error">{t('tab.overdue', { count: overdue })}</p>}
      {referrals.isError && <ProblemMessage error={referrals.error} />}
      {referrals.isPending && <Loading />}
      {referrals.data?.length === 0 && <p>{t('tab.none')}</p>}
      {referrals.data && referrals.data.length > 0 && (
        <ReferralTable caption={t('tab.caption')} referrals={referrals.data} />
      )}
    </section>
  );
}
