import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isProblem } from '../../api/problem';
import { Button } from '../../ui/Button';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { useVocabulary } from '../../vocab/useVocabulary';
import type { Referral } from '../referrals/useReferrals';
import { PackageDocument } from './PackageDocument';
import { PackageDownload } from './PackageDownload';
import { usePackage } from './useInbox';

/** Why a package is gone: the reason the referral says, or the one the API answered with. */
function closedReason(referral: Referral, error: unknown): string | undefined {
  if (isProblem(error) && error.code === 'package_closed') {
    const reason = error.body.reason;
    return typeof reason === 'string' ? reason : 'case_erased';
  }
  return referral.packageAvailable ? undefined : (referral.packageClosedReason ?? 'case_erased');
}

/**
 * The data shared with the institution. Reading it is an audited disclosure:
 * it is fetched only when the person asks, once, while this screen is open.
 */
export function PackagePanel({ referral }: { referral: Referral }) {
  const { t } = useTranslation('partners');
  const { label } = useVocabulary();
  const [requested, setRequested] = useState(false);
  const disclosed = usePackage(referral.id, requested && referral.packageAvailable);
  const closed = closedReason(referral, disclosed.error);
  return (
    <section className="panel" aria-labelledby="package-title">
      <h2 id="package-title">{t('package.title')}</h2>
      {closed ? (
        <Notice tone="warning">
          <p>
            <strong>{t('package.gone', { reason: label('packageClosedReason', closed) })}</strong>
          </p>
          <p>{t(`package.goneWhy.${closed}` as 'package.goneWhy.consent_revoked')}</p>
        </Notice>
      ) : (
        <>
          <p>
            {t('package.categories', {
              categories: referral.categories.map((c) => label('dataCategory', c)).join(', '),
            })}
          </p>
          {!disclosed.data && (
            <>
              <p>{t('package.audited')}</p>
              <Button
                variant="primary"
                onPress={() => setRequested(true)}
                isDisabled={disclosed.isFetching}
              >
                {t('package.read')}
              </Button>
            </>
          )}
          {disclosed.isFetching && <Loading />}
          {disclosed.isError && <ProblemMessage error={disclosed.error} />}
          {disclosed.data && <PackageDocument disclosed={disclosed.data} />}
          <PackageDownload referralId={referral.id} />
        </>
      )}
    </section>
  );
}
