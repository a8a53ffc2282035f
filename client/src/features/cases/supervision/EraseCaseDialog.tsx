import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { ProblemMessage } from '../../../ui/ProblemMessage';
import { Select } from '../../../ui/Select';
import { TextField } from '../../../ui/TextField';
import { useVocabulary } from '../../../vocab/useVocabulary';
import type { CaseDetail } from '../useCase';
import { ERASURE_REASONS, useEraseCase, type ErasureReason } from './useSupervision';

const DESTROYED = ['identity', 'narrative', 'notes', 'packages', 'duplicates'] as const;

/**
 * The confirmation of an erasure: what it destroys and what remains, a
 * reason, and the case number typed by hand before the button works. The
 * API then asks for a step-up code (its dialog opens over this one).
 */
export function EraseCaseDialog({
  kase,
  isOpen,
  onClose,
  onErased,
}: {
  kase: CaseDetail;
  isOpen: boolean;
  onClose: () => void;
  onErased: () => void;
}) {
  const { t } = useTranslation('reviews');
  const { options } = useVocabulary();
  const erase = useEraseCase(kase.id);
  const [reason, setReason] = useState<ErasureReason | null>(null);
  const [typed, setTyped] = useState('');
  const { reset } = erase;
  useEffect(() => {
    if (!isOpen) return;
    setReason(null);
    setTyped('');
    reset();
  }, [isOpen, reset]);

  const confirmed = typed.trim().toUpperCase() === kase.caseNumber.toUpperCase();
  const ready = reason !== null && confirmed && !erase.isPending;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ready) erase.mutate(reason, { onSuccess: onErased });
  };

  return (
    <Dialog
      title={t('erase.dialogTitle', { caseNumber: kase.caseNumber })}
      isOpen={isOpen}
      onOpenChange={(open) => !open && onClose()}
      role="alertdialog"
      isDismissable={!erase.isPending}
    >
      <form className="stack erase-dialog" onSubmit={submit} noValidate>
        <p>
          <strong>{t('erase.irreversible')}</strong>
        </p>
        <p>{t('erase.destroysIntro')}</p>
        <ul>
          {DESTROYED.map((item) => (
            <li key={item}>{t(`erase.destroys.${item}`)}</li>
          ))}
        </ul>
        <p>{t('erase.remains')}</p>
        <Select
          label={t('erase.reason')}
          options={options('erasureReason', ERASURE_REASONS)}
          value={reason}
          onChange={(value) => setReason(value as ErasureReason | null)}
          isRequired
          isDisabled={erase.isPending}
        />
        <TextField
          label={t('erase.typeNumber')}
          description={t('erase.typeNumberHelp', { caseNumber: kase.caseNumber })}
          value={typed}
          onChange={setTyped}
          isRequired
          autoComplete="off"
          spellCheck="false"
          isDisabled={erase.isPending}
        />
        <ProblemMessage
          error={erase.error}
          messages={{ step_up_required: t('erase.stepUpCancelled') }}
        />
        <p className="erase-dialog__hint">{t('erase.stepUp')}</p>
        {!ready && !erase.isPending && (
          <p className="erase-dialog__hint">{t('erase.enableHint')}</p>
        )}
        <div className="actions">
          <Button type="submit" variant="danger" isDisabled={!ready}>
            {erase.isPending ? t('erase.erasing') : t('erase.confirm')}
          </Button>
          <Button onPress={onClose} isDisabled={erase.isPending}>
            {t('erase.cancel')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
