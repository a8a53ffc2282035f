import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { Select } from '../../ui/Select';
import { TextField } from '../../ui/TextField';
import { useVocabulary } from '../../vocab/useVocabulary';
import { useReferralTransition, type ReferralTransition } from '../referrals/useReferrals';
import { DECLINE_REASONS, type DeclineReason, type Step } from './steps';

/**
 * One step of the referral, confirmed after its consequences are said in
 * words; a decline asks for the reason, a completion for the outcome.
 */
export function StepDialog({
  referralId,
  step,
  onClose,
  onDone,
}: {
  referralId: string;
  step: Step;
  onClose: () => void;
  onDone: (step: Step) => void;
}) {
  const { t } = useTranslation('partners');
  const { options } = useVocabulary();
  const move = useReferralTransition(referralId);
  const [reason, setReason] = useState<DeclineReason | null>(null);
  const [outcome, setOutcome] = useState('');
  const [feedback, setFeedback] = useState('');
  const [errors, setErrors] = useState<{ reason?: string; outcome?: string }>({});

  const confirm = () => {
    const body: ReferralTransition = { to: step };
    if (step === 'declined') {
      if (!reason) return setErrors({ reason: t('step.reasonRequired') });
      body.reason = reason;
    }
    if (step === 'completed') {
      if (!outcome.trim()) return setErrors({ outcome: t('step.outcomeRequired') });
      body.outcome = outcome.trim();
      if (feedback.trim()) body.feedback = feedback.trim();
    }
    move.mutate(body, { onSuccess: () => onDone(step) });
  };

  return (
    <Dialog
      role="alertdialog"
      title={t(`step.${step}.title`)}
      isOpen
      onOpenChange={(open) => !open && onClose()}
      isDismissable={!move.isPending}
    >
      <div className="stack">
        <p>{t(`step.${step}.explain`)}</p>
        <p>{t(`step.${step}.sender`)}</p>
        {step === 'declined' && (
          <Select
            label={t('step.reason')}
            isRequired
            options={options('declineReason', DECLINE_REASONS)}
            value={reason}
            onChange={(value) => {
              setReason(value as DeclineReason | null);
              setErrors({});
            }}
            error={errors.reason}
          />
        )}
        {step === 'completed' && (
          <>
            <TextField
              label={t('step.outcome')}
              description={t('step.outcomeHint')}
              isRequired
              multiline
              rows={3}
              maxLength={2000}
              value={outcome}
              onChange={(value) => {
                setOutcome(value);
                setErrors({});
              }}
              error={errors.outcome}
            />
            <TextField
              label={t('step.feedback')}
              description={t('step.feedbackHint')}
              multiline
              rows={3}
              maxLength={4000}
              value={feedback}
              onChange={setFeedback}
            />
          </>
        )}
        {move.isError && <ProblemMessage error={move.error} />}
        <div className="actions">
          <Button
            variant={step === 'declined' ? 'danger' : 'primary'}
            onPress={confirm}
            isDisabled={move.isPending}
          >
            {t(`step.${step}.confirm`)}
          </Button>
          <Button onPress={onClose} isDisabled={move.isPending}>
            {t('step.cancel')}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
