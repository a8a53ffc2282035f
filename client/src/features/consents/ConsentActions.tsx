import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSignedInUser } from '../../app/session/useMe';
import { Button } from '../../ui/Button';
import { Notice } from '../../ui/Notice';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { RevokeConsentDialog } from './RevokeConsentDialog';
import { isCurrent, useApproveConsent, type Consent } from './useConsents';

/** What can be done to one version: approve it (four eyes), replace it, revoke it. */
export function ConsentActions({
  consent,
  consents,
}: {
  consent: Consent;
  consents: readonly Consent[];
}) {
  const { t } = useTranslation('consents');
  const me = useSignedInUser();
  const approve = useApproveConsent(consent.caseId);
  const [revoking, setRevoking] = useState(false);
  const [revoked, setRevoked] = useState<{ withdrawn: number; closed: number }>();
  const pending = consent.status === 'pending_approval';
  const isSupervisor = me.user.role === 'supervisor';
  const recordedByMe = consent.recordedBy === me.user.id;
  const reasonId = `approve-reason-${consent.id}`;

  return (
    <div className="stack consent-card__actions">
      {pending && !isSupervisor && <p>{t('approve.waiting')}</p>}
      {approve.isSuccess && (
        <Notice tone="success" live>
          <p>{t('approve.done')}</p>
        </Notice>
      )}
      {approve.isError && (
        <ProblemMessage
          error={approve.error}
          messages={{ four_eyes: t('approve.fourEyes'), forbidden: t('approve.forbidden') }}
        />
      )}
      {revoked && (
        <Notice tone="success" live>
          <p>{t('revoke.done', { count: revoked.withdrawn, closed: revoked.closed })}</p>
        </Notice>
      )}
      <div className="actions">
        {pending && isSupervisor && (
          <>
            <Button
              variant="primary"
              isDisabled={recordedByMe || approve.isPending}
              aria-describedby={recordedByMe ? reasonId : undefined}
              onPress={() => approve.mutate(consent.id)}
            >
              {t('approve.action', { version: consent.version })}
            </Button>
            {recordedByMe && (
              <p id={reasonId} className="field__description">
                {t('approve.ownRecord')}
              </p>
            )}
          </>
        )}
        {isCurrent(consent) && (
          <>
            <Link
              className="button button--secondary"
              to={`/cases/${consent.caseId}/consents/new?supersedes=${consent.id}`}
            >
              {t('actions.newVersion', { version: consent.version })}
            </Link>
            <Button variant="danger" onPress={() => setRevoking(true)}>
              {t('actions.revoke', { version: consent.version })}
            </Button>
          </>
        )}
      </div>
      {revoking && (
        <RevokeConsentDialog
          consent={consent}
          consents={consents}
          onClose={() => setRevoking(false)}
          onRevoked={(effects) => {
            setRevoking(false);
            setRevoked(effects);
          }}
        />
      )}
    </div>
  );
}
