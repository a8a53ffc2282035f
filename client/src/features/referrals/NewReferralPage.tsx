import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isProblem } from '../../api/problem';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { applyServerFieldErrors } from '../../ui/form/server-errors';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { useCase } from '../cases/useCase';
import { daysFromToday } from '../consents/dates';
import { errorItems } from '../../ui/form/error-items';
import { isMinorBand } from '../consents/minor';
import { useFeatureErrorText } from '../../ui/form/forms';
import { ConsentForReferralDialog } from './ConsentForReferralDialog';
import { MissingConsentPanel } from './MissingConsentPanel';
import {
  REFERRAL_FIELDS,
  ReferralFormSchema,
  missingNeeds,
  toNewReferral,
  type MissingNeed,
  type ReferralFormValues,
} from './referral-form';
import { ReferralFields } from './ReferralFields';
import { useInstitutions } from '../directory/useInstitutions';
import { useSendReferral } from './useReferrals';
import { VitalInterestDialog } from './VitalInterestDialog';
import '../consents/consents.css';
import './referrals.css';

type Step = 'form' | 'consent' | 'vital';

/** Refer the person of a case to a partner institution (cases/:caseId/referrals/new). */
export function NewReferralPage() {
  const { t } = useTranslation('referrals');
  const { caseId = '' } = useParams();
  const navigate = useNavigate();
  const kase = useCase(caseId);
  const { institution } = useInstitutions();
  const translateError = useFeatureErrorText('consents');
  const send = useSendReferral();
  const [missing, setMissing] = useState<{ needs: MissingNeed[]; institutionId: string }>();
  const [step, setStep] = useState<Step>('form');
  const [pendingConsent, setPendingConsent] = useState(false);
  const [unclaimed, setUnclaimed] = useState<string[]>([]);
  const { control, handleSubmit, setError, formState } = useForm<ReferralFormValues>({
    resolver: zodResolver(ReferralFormSchema),
    defaultValues: {
      services: [],
      categories: [],
      urgency: 'routine',
      acknowledgeBy: daysFromToday(7),
    },
  });

  const sendWith = (justification?: string) =>
    handleSubmit((values) => {
      setUnclaimed([]);
      send.mutate(toNewReferral(caseId, values, justification), {
        onSuccess: (referral) =>
          void navigate(`/referrals/${referral.id}`, {
            state: { sent: referral.vitalInterestOverride ? 'override' : 'sent' },
          }),
        onError: (error) => {
          if (isProblem(error, 'consent_missing')) {
            setMissing({ needs: missingNeeds(error.body), institutionId: values.institutionId });
            setStep('form');
            return;
          }
          setUnclaimed(applyServerFieldErrors(error, REFERRAL_FIELDS, setError));
        },
      });
    })();

  if (kase.isError) return <ProblemMessage error={kase.error} />;
  if (!kase.data) return <Loading />;
  const minor = isMinorBand(kase.data.ageBand);
  const summary = [
    ...errorItems(formState.errors, translateError),
    ...unclaimed.map((message) => ({ message: translateError(message) ?? '' })),
  ];
  const showProblem = send.isError && !isProblem(send.error, 'consent_missing') && step === 'form';

  return (
    <>
      <PageHeader title={t('new.title')} />
      <p className="lead">{t('new.intro', { caseNumber: kase.data.caseNumber })}</p>
      <form
        className="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void sendWith();
        }}
      >
        {formState.isSubmitted && <ErrorSummary items={summary} />}
        {showProblem && summary.length === 0 && <ProblemMessage error={send.error} />}
        {pendingConsent && (
          <Notice tone="info" live>
            <p>{t('missing.pendingApproval')}</p>
          </Notice>
        )}
        {missing && (
          <MissingConsentPanel
            missing={missing.needs}
            recipient={institution(missing.institutionId)}
            onRecordConsent={() => setStep('consent')}
            onVitalInterest={() => setStep('vital')}
          />
        )}
        <p className="field__description">{t('form.requiredNote')}</p>
        <ReferralFields
          control={control}
          translateError={translateError}
          isDisabled={send.isPending}
        />
        <div className="actions">
          <Button type="submit" variant="primary" isDisabled={send.isPending}>
            {send.isPending && step === 'form' ? t('form.sending') : t('form.submit')}
          </Button>
          <Link className="button button--secondary" to={`/cases/${caseId}`}>
            {t('form.cancel')}
          </Link>
        </div>
      </form>
      {step === 'consent' && missing && (
        <ConsentForReferralDialog
          caseId={caseId}
          minor={minor}
          institutionId={missing.institutionId}
          missing={missing.needs}
          onClose={() => setStep('form')}
          onRecorded={(consent) => {
            setStep('form');
            if (consent.status === 'active') {
              setMissing(undefined);
              void sendWith();
            } else setPendingConsent(true);
          }}
        />
      )}
      {step === 'vital' && (
        <VitalInterestDialog
          isPending={send.isPending}
          error={send.isError && !isProblem(send.error, 'consent_missing') ? send.error : null}
          onConfirm={(justification) => {
            send.reset();
            void sendWith(justification);
          }}
          onClose={() => setStep('form')}
        />
      )}
    </>
  );
}
