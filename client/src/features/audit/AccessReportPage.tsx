import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/PageHeader';
import { Tabs } from '../../ui/Tabs';
import { CaseReport } from './CaseReport';
import { UserReport } from './UserReport';
import './audit.css';

/** Access reports: who opened one case, or what one person opened; each exportable as CSV. */
export function AccessReportPage() {
  const { t } = useTranslation('audit');
  const [tab, setTab] = useState('case');
  return (
    <>
      <PageHeader title={t('access.title')} />
      <p className="audit-intro">{t('access.intro')}</p>
      <Tabs
        label={t('access.tabs')}
        selected={tab}
        onSelect={setTab}
        items={[
          { id: 'case', label: t('access.byCase'), content: <CaseReport /> },
          { id: 'user', label: t('access.byUser'), content: <UserReport /> },
        ]}
      />
    </>
  );
}
