import { useTranslation } from 'react-i18next';
import { Tabs } from '../../../ui/Tabs';
import { CaseConsents } from '../../consents/CaseConsents';
import { CaseReferrals } from '../../referrals/CaseReferrals';
import { CaseAttachments } from '../attachments/CaseAttachments';
import { CaseNotes } from '../notes/CaseNotes';
import type { CaseDetail } from '../useCase';

/** The case's work, one tab each: notes, attachments, consents, referrals. */
export function CaseTabs({ kase }: { kase: CaseDetail }) {
  const { t } = useTranslation('cases');
  return (
    <Tabs
      label={t('tabs.label')}
      items={[
        { id: 'notes', label: t('tabs.notes'), content: <CaseNotes caseId={kase.id} /> },
        {
          id: 'attachments',
          label: t('tabs.attachments'),
          content: <CaseAttachments caseId={kase.id} />,
        },
        { id: 'consents', label: t('tabs.consents'), content: <CaseConsents kase={kase} /> },
        { id: 'referrals', label: t('tabs.referrals'), content: <CaseReferrals kase={kase} /> },
      ]}
    />
  );
}
