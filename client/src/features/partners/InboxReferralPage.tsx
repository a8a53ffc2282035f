import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Button } from '../../ui/Button';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { useFormat } from '../../ui/format';
import { useVocabulary } from '../../vocab/useVocabulary';
import { ReferralRequestFacts } from '../referrals/ReferralRequestFacts';
import { ReferralHistory, type HistoryEntry } from '../referrals/ReferralTimeline';
import { useReferral, type Referral } from '../referrals/useReferrals';
import { PackagePanel } from './PackagePanel';
import { StepDialog } from './StepDialog';
import { NEXT_STEPS, type Step } from './steps';
import '../referrals/referrals.css';
import './partners.css';

/** A referral received by the institution (inbox/:referralId): what is asked, the data, the next step. */
export function InboxReferralPage() {
  const { t } = useTranslation('partners');
  const { referralId = '' } = useParams();
  const referral = useReferral(referralId);
  const [step, setStep] = useState<Step>();
  const [done, setDone] = useState<Step>();
  const data = referral.data;
  return (
    <>
      <PageHeader title={t('detail.title')} />
      <p>
        <Link to="/inbox">{t('detail.back')}</Link>
      </p>
      {done && (
        <Notice tone="success" live>
          <p>{t(`step.${done}.done`)}</p>
        </Notice>
      )}
      {referral.isError && <ProblemMessage error={referral.error} />}
      {referral.isPending && <Loading />}
      {data && (
        <div className="inbox-referral">
          <ReferralFacts referral={data} />
          <NextSteps referral={data} onChoose={setStep} />
          <PackagePanel referral={data} />
          <section className="panel" aria-labelledby="history-title">
            <h2 id="history-title">{t('detail.history')}</h2>
            <PartnerHistory history={data.history ?? []} />
          </section>
        </div>
      )}
      {step && data && (
        <StepDialog
          referralId={data.id}
          step={step}
          onClose={() => setStep(undefined)}
          onDone={(finished) => {
            setStep(undefined);
            setDone(finished);
          }}
        />
      )}
    </>
  );
}

function ReferralFacts({ referral }: { referral: Referral }) {
  const { t } = useTranslation('partners');
  const { label } = useVocabulary();
  const format = useFormat();
  return (
    <section className="panel" aria-labelledby="facts-title">
      <h2 id="facts-title">{t('detail.facts')}</h2>
      <dl className="facts">
        <ReferralRequestFacts referral={referral} />
        <dt>{t('table.received')}</dt>
        <dd>{format.dateTime(referral.createdAt)}</dd>
        {referral.declineReason && (
          <>
            <dt>{t('detail.declineReason')}</dt>
            <dd>{label('declineReason', referral.declineReason)}</dd>
          </>
        )}
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

/** The steps open to the institution now, each explained before it is taken. */
function NextSteps({ referral, onChoose }: { referral: Referral; onChoose: (s: Step) => void }) {
  const { t } = useTranslation('partners');
  const steps = NEXT_STEPS[referral.status] ?? [];
  return (
    <section className="panel" aria-labelledby="next-title">
      <h2 id="next-title">{t('detail.next')}</h2>
      {steps.length === 0 ? (
        <p>{t(`detail.ended.${endedBecause(referral)}` as 'detail.ended.completed')}</p>
      ) : (
        <>
          <p>{t(`detail.now.${referral.status}` as 'detail.now.sent')}</p>
          <div className="actions">
            {steps.map((s) => (
              <Button
                key={s}
                variant={s === 'declined' ? 'danger' : 'primary'}
                onPress={() => onChoose(s)}
              >
                {t(`step.${s}.action`)}
              </Button>
            ))}
          </div>
        </>
      )}
    </section>
  );
}

/** Why there is nothing left to do: the status, or the revocation that withdrew it. */
function endedBecause(referral: Referral): string {
  const revoked = referral.history?.some(
    (entry) => entry.to === 'withdrawn' && entry.reason === 'consent_revoked',
  );
  return revoked ? 'withdrawnByRevocation' : referral.status;
}

/** The history as the institution knows its actors: the referring agency, itself, the system. */
function PartnerHistory({ history }: { history: HistoryEntry[] }) {
  const { t } = useTranslation('partners');
  const who = (entry: HistoryEntry) => {
    if (entry.actorKind === 'system') return t('history.system');
    if (entry.actorKind === 'institution_system') return t('history.institutionSystem');
    return entry.to === 'sent' || entry.to === 'withdrawn'
      ? t('history.sender')
      : t('history.institution');
  };
  return <ReferralHistory history={history} who={who} />;
}
