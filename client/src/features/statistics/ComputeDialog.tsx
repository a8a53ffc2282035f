import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { ProblemMessage } from '../../ui/ProblemMessage';
import type { ReleaseRequest } from './useStatistics';
import { useStatisticsWords } from './useStatisticsWords';

/** "Calcular", confirmed after saying the ε it spends for good and the budget it leaves. */
export function ComputeDialog({
  request,
  remainingAfter,
  isPending,
  error,
  onConfirm,
  onClose,
}: {
  request: ReleaseRequest;
  remainingAfter: number | undefined;
  isPending: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('statistics');
  const words = useStatisticsWords();
  const epsilon = words.epsilon(request.epsilon);
  return (
    <Dialog
      role="alertdialog"
      title={t('compute.title')}
      isOpen
      onOpenChange={(open) => !open && onClose()}
      isDismissable={!isPending}
    >
      <div className="stack">
        <p>
          {t('compute.spend', {
            epsilon,
            year: request.year,
            table: words.table(request.tableId),
          })}
        </p>
        {remainingAfter !== undefined && (
          <p>
            <strong>
              {t('compute.left', {
                remaining: words.epsilon(Math.max(0, remainingAfter)),
                year: request.year,
              })}
            </strong>
          </p>
        )}
        <p>{t('compute.forGood')}</p>
        {error ? <ProblemMessage error={error} /> : null}
        <div className="actions">
          <Button variant="primary" onPress={onConfirm} isDisabled={isPending}>
            {t('compute.confirm', { epsilon })}
          </Button>
          <Button onPress={onClose} isDisabled={isPending}>
            {t('compute.cancel')}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
