import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog as Confirm } from '../../ui/form/forms';
import { useTrainingProblems } from './useTrainingText';

/** A confirmation in this feature's words (its refusals, its cancel). */
export function ConfirmDialog(
  props: Omit<ComponentProps<typeof Confirm>, 'problems' | 'cancelLabel'>,
) {
  const { t } = useTranslation('trainings');
  const problems = useTrainingProblems();
  return <Confirm {...props} problems={problems} cancelLabel={t('editor.cancel')} />;
}
