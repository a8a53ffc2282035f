import { useTranslation } from 'react-i18next';
import { Dialog } from '../../ui/Dialog';
import { Loading } from '../../ui/Loading';
import { today } from '../consents/dates';
import { ConsentForm } from '../consents/ConsentForm';
import { useCaseConsents, type Consent } from '../consents/useConsents';
import type { MissingNeed } from './referral-form';

/**
 * The consent form over the refused referral, pre-filled with what is
 * missing: the purposes, and this institution with the missing data (the
 * narrowest scope that allows this referral; it can be widened to the sector).
 */
export function ConsentForReferralDialog({
  caseId,
  minor,
  institutionId,
  missing,
  onClose,
  onRecorded,
}: {
  caseId: string;
  minor: boolean;
  institutionId: string;
  missing: MissingNeed[];
  onClose: () => void;
  onRecorded: (consent: Consent) => void;
}) {
  const { t } = useTranslation('referrals');
  const consents = useCaseConsents(caseId);
  const purposes = [...new Set(missing.map((need) => need.purpose))];
  const categories = [...new Set(missing.map((need) => need.category))];
  return (
    <Dialog title={t('consentDialog.title')} isOpen onOpenChange={(open) => !open && onClose()}>
      <p>{t('consentDialog.intro')}</p>
      {consents.data ? (
        <ConsentForm
          caseId={caseId}
          minor={minor}
          consents={consents.data}
          defaultValues={{
            givenBy: minor ? 'guardian' : 'person',
            method: 'written',
            givenAt: today(),
            purposes,
            scope: [{ recipientKind: 'institution', institutionId, categories }],
          }}
          onRecorded={onRecorded}
          onCancel={onClose}
        />
      ) : (
        <Loading />
      )}
    </Dialog>
  );
}
