import type { ReactNode } from 'react';
import { Button } from './Button';
import { Dialog } from './Dialog';
import { ProblemMessage } from './ProblemMessage';

/**
 * Confirms a consequential action (deleting something, taking someone off a
 * programme): what it is about (`children`), what it does, and the server's
 * refusal in the feature's words (`problems`) when it refuses.
 */
export function ConfirmDialog({
  title,
  confirm,
  onConfirm,
  isPending,
  error,
  problems,
  cancelLabel,
  onCancel,
  children,
}: {
  title: string;
  confirm: string;
  onConfirm: () => void;
  isPending: boolean;
  error: unknown;
  problems: Record<string, string>;
  cancelLabel: string;
  onCancel: () => void;
  children: ReactNode;
}) {
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
            {cancelLabel}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
