import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/PageHeader';

export function SentReferralsPage() {
  const { t } = useTranslation('referrals');
  return <PageHeader title={t('sent.title')} />;
}
