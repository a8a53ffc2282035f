import './consents.css';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { ProblemMessage } from '../../ui/ProblemMessage';
import type { CaseDetail } from '../cases/useCase';
import { ConsentActions } from './ConsentActions';
import { ConsentCard } from './ConsentCard';
import { isCurrent, useCaseConsents, type Consent } from './useConsents';

/** Newest first, the versions still in force before the replaced and revoked ones. */
const order = (a: Consent, b: Consent) =>
  Number(isCurrent(b)) - Number(isCurrent(a)) || b.createdAt.localeCompare(a.createdAt);

/** The case's consents tab: every version, its status, who recorded and approved it, its scope. */
export function CaseConsents({ kase }: { kase: CaseDetail }) {
  const { t } = useTranslation('consents');
  const consents = useCaseConsents(kase.id);
  const { state } = useLocation() as { state: { recorded?: Consent['status'] } | null };
  const recorded = state?.recorded;

  return (
    <section className="stack" aria-labelledby="case-consents-title">
      <div className="section-header">
        <h2 id="case-consents-title">{t('tab.title')}</h2>
        <Link className="button button--primary" to={`/cases/${kase.id}/consents/new`}>
          {t('tab.record')}
        </Link>
      </div>
      {recorded && (
        <Notice tone="success" live>
          <p>{recorded === 'pending_approval' ? t('tab.recordedPending') : t('tab.recorded')}</p>
        </Notice>
      )}
      {consents.isError && <ProblemMessage error={consents.error} />}
      {consents.isPending && <Loading />}
      {consents.data?.length === 0 && <p>{t('tab.none')}</p>}
      {[...(consents.data ?? [])].sort(order).map((consent) => (
        <ConsentCard
          key={consent.id}
          consent={consent}
          actions={<ConsentActions consent={consent} consents={consents.data ?? []} />}
        />
      ))}
    </section>
  );
}
