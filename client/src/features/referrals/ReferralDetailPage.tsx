import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { Button } from '../../ui/Button';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { useFormat } from '../../ui/format';
import { useVocabulary } from '../../vocab/useVocabulary';
import { useDirectory } from '../directory/useDirectory';
import { ReferralRequestFacts } from './ReferralRequestFacts';
import { ReferralTimeline } from './ReferralTimeline';
import { useInstitutions } from '../directory/useInstitutions';
import { mayWithdraw, useReferral, type Referral } from './useReferrals';
import { WithdrawReferralDialog } from './WithdrawReferralDialog';
import '../consents/consents.css';
import './referrals.css';

/** One referral as its sender follows it (referrals/:referralId). */
export function ReferralDetailPage() {
  const { t } = useTranslation('referrals');
  const { referralId = '' } = useParams();
  const { state } = useLocation() as { state: { sent?: 'sent' | 'override' } | null };
  const referral = useReferral(referralId);
  const { institution } = useInstitutions();
  const [withdrawing, setWithdrawing] = useState(false);
  const [withdrawn, setWithdrawn] = useState(false);

  const data = referral.data;
  const to = data ? institution(data.institutionId) : undefined;
  return (
    <>
      <PageHeader
        title={t('detail.title')}
        actions={
          data && mayWithdraw(data) ? (
            <Button variant="danger" onPress={() => setWithdrawing(true)}>
              {t('withdraw.action')}
            </Button>
          ) : undefined
        }
      />
      {state?.sent && !withdrawn && (
        <Notice tone="success" live>
          <p>{state.sent === 'override' ? t('detail.sentOverride') : t('detail.sent')}</p>
        </Notice>
      )}
      {withdrawn && (
        <Notice tone="success" live>
          <p>{t('withdraw.done')}</p>
        </Notice>
      )}
      {referral.isError && <ProblemMessage error={referral.error} />}
      {referral.isPending && <Loading />}
      {data && (
        <>
          <ReferralFacts referral={data} institutionName={to?.name} sector={to?.sector} />
          <section className="panel" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{t('timeline.title')}</h2>
            <ReferralTimeline history={data.history ?? []} />
          </section>
          {data.caseId && (
            <p>
              <Link to={`/cases/${data.caseId}`}>{t('detail.toCase')}</Link>
            </p>
          )}
        </>
      )}
      {withdrawing && data && (
        <WithdrawReferralDialog
          referral={data}
          institutionName={to?.name ?? t('unknownInstitution')}
          onClose={() => setWithdrawing(false)}
          onWithdrawn={() => {
            setWithdrawing(false);
            setWithdrawn(true);
          }}
        />
      )}
    </>
  );
}

function ReferralFacts({
  referral,
  institutionName,
  sector,
}: {
  referral: Referral;
  institutionName: string | undefined;
  sector: string | undefined;
}) {
  const { t } = useTranslation('referrals');
  const { label } = useVocabulary();
  const format = useFormat();
  const { staffName } = useDirectory();
  const closed = referral.packageClosedReason;
  return (
    <section className="panel" aria-labelledby="facts-title">
      <h2 id="facts-title">{t('detail.facts')}</h2>
      <dl className="facts">
        <dt>{t('table.institution')}</dt>
        <dd>
          {institutionName ?? t('unknownInstitution')}
          {sector && ` — ${label('sector', sector)}`}
        </dd>
        <ReferralRequestFacts referral={referral} />
        <dt>{t('detail.categories')}</dt>
        <dd>{referral.categories.map((c) => label('dataCategory', c)).join(', ')}</dd>
        <dt>{t('detail.sentBy')}</dt>
        <dd>
          {t('detail.byOn', {
            name: staffName(referral.createdBy) ?? t('timeline.partnerStaff'),
            date: format.dateTime(referral.createdAt),
          })}
        </dd>
        <dt>{t('detail.package')}</dt>
        <dd>
          {closed
            ? t('detail.packageClosed', { reason: label('packageClosedReason', closed) })
            : referral.openedAt
              ? t('detail.packageOpened', { date: format.dateTime(referral.openedAt) })
              : t('detail.packageWaiting')}
        </dd>
        {referral.vitalInterestOverride && (
          <>
            <dt>{t('detail.override')}</dt>
            <dd>{t('detail.overrideText')}</dd>
          </>
        )}
      </dl>
    </section>
  );
}
