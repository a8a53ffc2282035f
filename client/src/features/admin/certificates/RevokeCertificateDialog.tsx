import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { ProblemMessage } from '../../../ui/ProblemMessage';
import { Select } from '../../../ui/Select';
import { useVocabulary } from '../../../vocab/useVocabulary';
import { useAdminProblems } from '../useAdminProblems';
import {
  REVOCATION_REASONS,
  useRevokeCertificate,
  type Certificate,
  type RevocationReason,
} from './useCertificates';

/** Revoking is final: explained, with a reason, then confirmed. */
export function RevokeCertificateDialog({
  certificate,
  institutionName,
  onClose,
  onRevoked,
}: {
  certificate: Certificate;
  institutionName: string;
  onClose: () => void;
  onRevoked: () => void;
}) {
  const { t } = useTranslation('admin');
  const { options } = useVocabulary();
  const problems = useAdminProblems();
  const revoke = useRevokeCertificate(certificate.institutionId);
  const [reason, setReason] = useState<RevocationReason | null>(null);
  const [reasonError, setReasonError] = useState<string>();
  const confirm = () => {
    if (!reason) {
      setReasonError(t('certificates.revoke.reasonRequired'));
      return;
    }
    revoke.mutate({ id: certificate.id, reason }, { onSuccess: onRevoked });
  };
  return (
    <Dialog
      role="alertdialog"
      title={t('certificates.revoke.title')}
      isOpen
      onOpenChange={(open) => !open && onClose()}
      isDismissable={!revoke.isPending}
    >
      <div className="stack">
        <p>
          {t('certificates.revoke.explain', {
            serial: certificate.serialNumber,
            name: institutionName,
          })}
        </p>
        <ul>
          <li>{t('certificates.revoke.tls')}</li>
          <li>{t('certificates.revoke.packages')}</li>
          <li>{t('certificates.revoke.final')}</li>
        </ul>
        <Select
          label={t('certificates.revoke.reason')}
          isRequired
          options={options('certificateRevocationReason', REVOCATION_REASONS)}
          value={reason}
          onChange={(value) => {
            setReason(REVOCATION_REASONS.find((r) => r === value) ?? null);
            setReasonError(undefined);
          }}
          error={reasonError}
        />
        {revoke.isError && <ProblemMessage error={revoke.error} messages={problems} />}
        <div className="actions">
          <Button variant="danger" onPress={confirm} isDisabled={revoke.isPending}>
            {t('certificates.revoke.confirm')}
          </Button>
          <Button onPress={onClose} isDisabled={revoke.isPending}>
            {t('common.cancel')}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
