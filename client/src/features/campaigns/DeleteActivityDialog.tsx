import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { useCampaignProblems } from './useCampaignText';
import { useDeleteActivity, type Activity } from './useCampaigns';

/** Deleting an activity recorded in error removes its reach from the results. */
export function DeleteActivityDialog({
  campaignId,
  activity,
  summary,
  onClose,
}: {
  campaignId: string;
  activity: Activity;
  /** The activity in words (date, territory, channel) so the person knows which. */
  summary: string;
  onClose: (deleted: boolean) => void;
}) {
  const { t } = useTranslation('campaigns');
  const remove = useDeleteActivity(campaignId, activity.id);
  const problems = useCampaignProblems();
  return (
    <Dialog
      role="alertdialog"
      title={t('activities.deleteTitle')}
      isOpen
      onOpenChange={(open) => !open && onClose(false)}
      isDismissable={!remove.isPending}
    >
      <div className="stack">
        <p>{summary}</p>
        <p>{t('activities.deleteExplain')}</p>
        {remove.isError && <ProblemMessage error={remove.error} messages={problems} />}
        <div className="actions">
          <Button
            variant="danger"
            isDisabled={remove.isPending}
            onPress={() => remove.mutate(undefined, { onSuccess: () => onClose(true) })}
          >
            {t('activities.deleteConfirm')}
          </Button>
          <Button onPress={() => onClose(false)} isDisabled={remove.isPending}>
            {t('editor.cancel')}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
