import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { useTrainingProblems } from './useTrainingText';

/**
 * Confirms a consequential action (deleting a session, taking someone off a
 * programme): what it is about, what it does, and the server's refusal in
 * words when it refuses.
 */
export function ConfirmDialog({
  title,
  confirm,
  onConfirm,
  isPending,
  error,
  onCancel,
  children,
}: {
  title: string;
  confirm: string;
  onConfirm: () => void;
  isPending: boolean;
  error: unknown;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation('trainings');
  const problems = useTrainingProblems();
  return (
    <Dialog
      role="alertdialog"
      title={title}
      isOpen
      onOpenChange={(open) => !open && onCancel()}
      isDismissable={!isPending}
    >
      <div className="stack">
        {children}
        {error !== null && error !== undefined && (
          <ProblemMessage error={error} messages={problems} />
        )}
        <div className="actions">
          <Button variant="danger" isDisabled={isPending} onPress={onConfirm}>
            {confirm}
          </Button>
          <Button onPress={onCancel} isDisabled={isPending}>
            {t('editor.cancel')}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
