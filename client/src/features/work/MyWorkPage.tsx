import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/PageHeader';

export function MyWorkPage() {
  const { t } = useTranslation('work');
  return <PageHeader title={t('title')} />;
}
