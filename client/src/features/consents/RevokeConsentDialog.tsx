import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Loading } from '../../ui/Loading';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { Select } from '../../ui/Select';
import { useFormat } from '../../ui/format';
import { useVocabulary } from '../../vocab/useVocabulary';
import { useInstitutions } from '../directory/useInstitutions';
import { useCaseReferrals, type Referral } from '../referrals/useReferrals';
import { previewRevocation } from './revocation-effects';
import {
  REVOCATION_REASONS,
  useRevokeConsent,
  versionsOf,
  type Consent,
  type RevocationReason,
} from './useConsents';

/**
 * The confirmation of a revocation says what it will do to THIS case: which
 * referrals are withdrawn (not yet opened) and which packages are destroyed
 * (already opened), computed from the case's referrals by the server's rules.
 */
export function RevokeConsentDialog({
  consent,
  consents,
  onClose,
  onRevoked,
}: {
  consent: Consent;
  consents: readonly Consent[];
  onClose: () => void;
  onRevoked: (effects: { withdrawn: number; closed: number }) => void;
}) {
  const { t } = useTranslation('consents');
  const { options } = useVocabulary();
  const referrals = useCaseReferrals(consent.caseId);
  const institutions = useInstitutions();
  const revoke = useRevokeConsent(consent.caseId);
  const [reason, setReason] = useState<RevocationReason | null>(null);
  const [reasonError, setReasonError] = useState<string>();

  const confirm = () => {
    if (!reason) {
      setReasonError(t('revoke.reasonRequired'));
      return;
    }
    revoke.mutate(
      { consentId: consent.id, reason },
      {
        onSuccess: (result) =>
          onRevoked({ withdrawn: result.withdrawnReferrals, closed: result.closedPackages }),
      },
    );
  };

  const ready = referrals.data && institutions.data;
  const preview = ready
    ? previewRevocation(
        versionsOf(consent, consents),
        referrals.data,
        (id) => institutions.institution(id)?.sector,
      )
    : undefined;

  return (
    <Dialog
      role="alertdialog"
      title={t('revoke.title', { version: consent.version })}
      isOpen
      onOpenChange={(open) => !open && onClose()}
      isDismissable={!revoke.isPending}
    >
      <div className="stack">
        <p>{t('revoke.stops')}</p>
        {referrals.isError && <ProblemMessage error={referrals.error} />}
        {!preview && !referrals.isError && <Loading label={t('revoke.computing')} />}
        {preview && preview.withdrawn.length + preview.closed.length === 0 && (
          <p>{t('revoke.noReferrals')}</p>
        )}
        {preview && preview.withdrawn.length > 0 && (
          <EffectList title={t('revoke.withdrawnTitle')} referrals={preview.withdrawn} />
        )}
        {preview && preview.closed.length > 0 && (
          <EffectList title={t('revoke.closedTitle')} referrals={preview.closed} />
        )}
        <Select
          label={t('revoke.reason')}
          isRequired
          options={options('revocationReason', REVOCATION_REASONS)}
          value={reason}
          onChange={(value) => {
            setReason(value as RevocationReason | null);
            setReasonError(undefined);
          }}
          error={reasonError}
        />
        {revoke.isError && <ProblemMessage error={revoke.error} />}
        <div className="actions">
          <Button variant="danger" onPress={confirm} isDisabled={revoke.isPending || !preview}>
            {t('revoke.confirm')}
          </Button>
          <Button onPress={onClose} isDisabled={revoke.isPending}>
            {t('revoke.cancel')}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}

function EffectList({ title, referrals }: { title: string; referrals: Referral[] }) {
  const { t } = useTranslation('consents');
  const { label } = useVocabulary();
  const format = useFormat();
  const { institution } = useInstitutions();
  return (
    <section className="revocation-effects">
      <h3>{title}</h3>
      <ul>
        {referrals.map((referral) => (
          <li key={referral.id}>
            {t('revoke.referralLine', {
              institution:
                institution(referral.institutionId)?.name ?? t('card.unknownInstitution'),
              services: referral.services.map((s) => label('referralService', s)).join(', '),
              date: format.date(referral.createdAt),
              status: label('referralStatus', referral.status),
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}
