import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { Select } from '../../ui/Select';
import { useVocabulary } from '../../vocab/useVocabulary';
import { useReferralTransition, type Referral, type WithdrawalReason } from './useReferrals';

const REASONS: readonly WithdrawalReason[] = [
  'need_met_elsewhere',
  'person_request',
  'sent_in_error',
  'other',
];

/** Withdrawing ends the referral and destroys its package: confirmed, with a reason. */
export function WithdrawReferralDialog({
  referral,
  institutionName,
  onClose,
  onWithdrawn,
}: {
  referral: Referral;
  institutionName: string;
  onClose: () => void;
  onWithdrawn: () => void;
}) {
  const { t } = useTranslation('referrals');
  const { options } = useVocabulary();
  const withdraw = useReferralTransition(referral.id);
  const [reason, setReason] = useState<WithdrawalReason | null>(null);
  const [reasonError, setReasonError] = useState<string>();
  const confirm = () => {
    if (!reason) {
      setReasonError(t('withdraw.reasonRequired'));
      return;
    }
    withdraw.mutate({ to: 'withdrawn', reason }, { onSuccess: onWithdrawn });
  };
  return (
    <Dialog
      role="alertdialog"
      title={t('withdraw.title')}
      isOpen
      onOpenChange={(open) => !open && onClose()}
      isDismissable={!withdraw.isPending}
    >
      <div className="stack">
        <p>{t('withdraw.explain', { institution: institutionName })}</p>
        {referral.openedAt && <p>{t('withdraw.opened')}</p>}
        <Select
          label={t('withdraw.reason')}
          isRequired
          options={options('withdrawalReason', REASONS)}
          value={reason}
          onChange={(value) => {
            setReason(value as WithdrawalReason | null);
            setReasonError(undefined);
          }}
          error={reasonError}
        />
        {withdraw.isError && <ProblemMessage error={withdraw.error} />}
        <div className="actions">
          <Button variant="danger" onPress={confirm} isDisabled={withdraw.isPending}>
            {t('withdraw.confirm')}
          </Button>
          <Button onPress={onClose} isDisabled={withdraw.isPending}>
            {t('withdraw.cancel')}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
