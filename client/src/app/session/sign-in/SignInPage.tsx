import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { LanguageSwitcher } from '../../layout/LanguageSwitcher';
import { Notice } from '../../../ui/Notice';
import { PageHeader } from '../../../ui/PageHeader';
import { safeNext } from '../session-end';
import { useMe } from '../useMe';
import { ChangePasswordStep } from './ChangePasswordStep';
import { CodeStep } from './CodeStep';
import { CredentialsStep } from './CredentialsStep';
import { EnrolStep } from './EnrolStep';
import type { Step } from './useSignInStep';

const REASONS = ['ended', 'idle', 'signed_out'] as const;

/** Password, forced change, second-factor enrolment or code: one step at a time. */
export function SignInPage() {
  const { t } = useTranslation('app');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe();
  const [step, setStep] = useState<Step>('credentials');
  // The password typed in the first step, held in memory for the forced change only.
  const [password, setPassword] = useState('');
  const next = safeNext(params.get('next'));
  const reason = REASONS.find((r) => r === params.get('reason'));

  if (me.data && step === 'credentials') return <Navigate to={next} replace />;
  const done = () => {
    setPassword('');
    void navigate(next, { replace: true });
  };

  return (
    <main id="main" className="sign-in">
      <LanguageSwitcher />
      <PageHeader title={t('signIn.title')} />
      {reason && step === 'credentials' && (
        <Notice tone={reason === 'signed_out' ? 'success' : 'info'} live>
          {t(`signIn.reason.${reason}`)}
        </Notice>
      )}
      {step === 'credentials' && (
        <CredentialsStep
          onNext={(nextStep, typed) => {
            setPassword(typed);
            setStep(nextStep);
          }}
        />
      )}
      {step === 'change_password' && (
        <ChangePasswordStep
          currentPassword={password}
          onNext={(nextStep) => {
            setPassword('');
            setStep(nextStep);
          }}
        />
      )}
      {step === 'enroll_totp' && <EnrolStep onDone={done} />}
      {step === 'totp' && <CodeStep onDone={done} />}
    </main>
  );
}
