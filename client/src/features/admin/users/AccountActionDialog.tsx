import { useTranslation } from 'react-i18next';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { ProblemMessage } from '../../../ui/ProblemMessage';
import { useAdminProblems } from '../useAdminProblems';
import type { UpdateUser, useUpdateUser } from './useUsers';

export type AccountAction =
  'disable' | 'enable' | 'resetPassword' | 'resetSecondFactor' | 'unlockSecondFactor';

/**
 * What each action sends. Resetting or unlocking the second factor always
 * comes with a new password: whoever knew the old one could otherwise enrol
 * their own factor, or guess codes again.
 */
export const ACTION_CHANGE: Record<AccountAction, UpdateUser> = {
  disable: { active: false },
  enable: { active: true },
  resetPassword: { resetPassword: true },
  resetSecondFactor: { resetPassword: true, resetSecondFactor: true },
  unlockSecondFactor: { resetPassword: true, unlockSecondFactor: true },
};

/** An account action, its consequences explained, then confirmed. */
export function AccountActionDialog({
  action,
  update,
  onClose,
  onDone,
}: {
  action: AccountAction;
  update: ReturnType<typeof useUpdateUser>;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation('admin');
  const problems = useAdminProblems();
  const consequences = t(`account.${action}.consequences`, { returnObjects: true });
  return (
    <Dialog
      role="alertdialog"
      title={t(`account.${action}.title`)}
      isOpen
      onOpenChange={(open) => !open && onClose()}
      isDismissable={!update.isPending}
    >
      <div className="stack">
        <ul>
          {(Array.isArray(consequences) ? consequences : []).map((line) => (
            <li key={String(line)}>{String(line)}</li>
          ))}
        </ul>
        {update.isError && <ProblemMessage error={update.error} messages={problems} />}
        <div className="actions">
          <Button
            variant={action === 'disable' ? 'danger' : 'primary'}
            isDisabled={update.isPending}
            onPress={() => update.mutate(ACTION_CHANGE[action], { onSuccess: onDone })}
          >
            {t(`account.${action}.confirm`)}
          </Button>
          <Button onPress={onClose} isDisabled={update.isPending}>
            {t('common.cancel')}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
