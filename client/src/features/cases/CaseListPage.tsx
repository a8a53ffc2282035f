import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/PageHeader';

export function CaseListPage() {
  const { t } = useTranslation('cases');
  return <PageHeader title={t('list.title')} />;
}
