import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../ui/PageHeader';

export function NotFoundPage() {
  const { t } = useTranslation('app');
  return (
    <>
      <PageHeader title={t('notFound.title')} />
      <p>{t('notFound.explanation')}</p>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </>
  );
}
