import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/PageHeader';

export function ReviewQueuePage() {
  const { t } = useTranslation('reviews');
  return <PageHeader title={t('queue.title')} />;
}
