import { useTranslation } from 'react-i18next';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { ProblemMessage } from '../../../ui/ProblemMessage';
import { useAdminProblems } from '../useAdminProblems';
import { useUpdateInstitution, type Institution } from './useInstitutionAdmin';

/**
 * Disabling or enabling an institution, confirmed after its consequences are
 * explained. Enabling gives access back: the API asks for a code (step-up).
 */
export function InstitutionStatusDialog({
  institution,
  onClose,
  onDone,
}: {
  institution: Institution;
  onClose: () => void;
  onDone: (active: boolean) => void;
}) {
  const { t } = useTranslation('admin');
  const problems = useAdminProblems();
  const update = useUpdateInstitution(institution.id);
  const enabling = institution.disabledAt !== null;
  const confirm = () => update.mutate({ active: enabling }, { onSuccess: () => onDone(enabling) });
  return (
    <Dialog
      role="alertdialog"
      title={enabling ? t('institution.enable.title') : t('institution.disable.title')}
      isOpen
      onOpenChange={(open) => !open && onClose()}
      isDismissable={!update.isPending}
    >
      <div className="stack">
        <p>
          {enabling
            ? t('institution.enable.explain', { name: institution.name })
            : t('institution.disable.explain', { name: institution.name })}
        </p>
        <ul>
          {enabling ? (
            <>
              <li>{t('institution.enable.staff')}</li>
              <li>{t('institution.enable.systems')}</li>
              <li>{t('institution.enable.stepUp')}</li>
            </>
          ) : (
            <>
              <li>{t('institution.disable.staff')}</li>
              <li>{t('institution.disable.systems')}</li>
              <li>{t('institution.disable.referrals')}</li>
              <li>{t('institution.disable.reversible')}</li>
            </>
          )}
        </ul>
        {update.isError && <ProblemMessage error={update.error} messages={problems} />}
        <div className="actions">
          <Button
            variant={enabling ? 'primary' : 'danger'}
            onPress={confirm}
            isDisabled={update.isPending}
          >
            {enabling ? t('institution.enable.confirm') : t('institution.disable.confirm')}
          </Button>
          <Button onPress={onClose} isDisabled={update.isPending}>
            {t('common.cancel')}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
