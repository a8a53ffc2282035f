import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { useDecideRelease, type Decision, type Release } from './useStatistics';
import { useStatisticsWords } from './useStatisticsWords';

/**
 * Publishing is permanent and public; discarding is for good too (and the ε
 * stays spent). Each is said in words before it is done.
 */
export function DecisionDialog({
  release,
  decision,
  onClose,
  onDone,
}: {
  release: Release;
  decision: Decision;
  onClose: () => void;
  onDone: (decision: Decision) => void;
}) {
  const { t } = useTranslation('statistics');
  const words = useStatisticsWords();
  const decide = useDecideRelease(release.id);
  const values = {
    table: words.table(release.table.id),
    period: words.period(release.period),
    epsilon: words.epsilon(release.parameters.epsilon),
  };
  return (
    <Dialog
      role="alertdialog"
      title={t(`decision.${decision}.title`)}
      isOpen
      onOpenChange={(open) => !open && onClose()}
      isDismissable={!decide.isPending}
    >
      <div className="stack">
        <p>{t(`decision.${decision}.what`, values)}</p>
        <p>
          <strong>{t(`decision.${decision}.forGood`, values)}</strong>
        </p>
        {decide.error ? (
          <ProblemMessage
            error={decide.error}
            messages={{ release_decided: t('decision.alreadyDecided') }}
          />
        ) : null}
        <div className="actions">
          <Button
            variant={decision === 'publish' ? 'primary' : 'danger'}
            onPress={() => decide.mutate(decision, { onSuccess: () => onDone(decision) })}
            isDisabled={decide.isPending}
          >
            {t(`decision.${decision}.confirm`)}
          </Button>
          <Button onPress={onClose} isDisabled={decide.isPending}>
            {t('decision.cancel')}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
