import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { TextField } from '../../ui/TextField';

const MIN = 20;

/**
 * The vital-interest exception: sent without the consent that covers it, with
 * a written justification, after the person confirms their identity (the API
 * asks for step-up; the session's dialog opens by itself), flagged and queued
 * for the supervisor's review.
 */
export function VitalInterestDialog({
  isPending,
  error,
  onConfirm,
  onClose,
}: {
  isPending: boolean;
  error: unknown;
  onConfirm: (justification: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('referrals');
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState<string>();
  const confirm = () => {
    if (text.trim().length < MIN) {
      setInvalid(t('vital.tooShort', { min: MIN }));
      return;
    }
    onConfirm(text.trim());
  };
  return (
    <Dialog
      role="alertdialog"
      title={t('vital.title')}
      isOpen
      onOpenChange={(open) => !open && onClose()}
      isDismissable={!isPending}
    >
      <div className="stack">
        <p>{t('vital.explain')}</p>
        <ul>
          <li>{t('vital.stepUp')}</li>
          <li>{t('vital.flagged')}</li>
          <li>{t('vital.review')}</li>
        </ul>
        <TextField
          label={t('vital.justification')}
          description={t('vital.justificationHelp', { min: MIN, count: text.trim().length })}
          multiline
          rows={5}
          isRequired
          value={text}
          onChange={(value) => {
            setText(value);
            setInvalid(undefined);
          }}
          error={invalid}
          maxLength={2000}
        />
        {error !== null && error !== undefined && <ProblemMessage error={error} />}
        <div className="actions">
          <Button variant="danger" onPress={confirm} isDisabled={isPending}>
            {isPending ? t('vital.sending') : t('vital.confirm')}
          </Button>
          <Button onPress={onClose} isDisabled={isPending}>
            {t('vital.cancel')}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
