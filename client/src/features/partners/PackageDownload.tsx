import { useTranslation } from 'react-i18next';
import { isProblem } from '../../api/problem';
import { Button } from '../../ui/Button';
import { Notice } from '../../ui/Notice';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { usePackageDownload } from './useInbox';

/** The package as CMS (.p7m) for the institution's own systems, with what it is and how it opens. */
export function PackageDownload({ referralId }: { referralId: string }) {
  const { t } = useTranslation('partners');
  const download = usePackageDownload(referralId);
  const noCertificate = isProblem(download.error) && download.error.code === 'no_certificate';
  return (
    <section className="package-download" aria-labelledby="package-download-title">
      <h3 id="package-download-title">{t('download.title')}</h3>
      <p>{t('download.explain')}</p>
      <p>
        {t('download.howTo')} <code>openssl cms -decrypt -inform DER -in … -inkey …</code>
      </p>
      <div className="actions">
        <Button onPress={() => download.mutate()} isDisabled={download.isPending}>
          {download.isPending ? t('download.preparing') : t('download.action')}
        </Button>
      </div>
      {download.isSuccess && (
        <Notice tone="success" live>
          <p>{t('download.done')}</p>
        </Notice>
      )}
      {noCertificate ? (
        <Notice tone="error" live>
          <p>{t('download.noCertificate')}</p>
        </Notice>
      ) : (
        download.isError && (
          <ProblemMessage
            error={download.error}
            messages={{ package_closed: t('download.closed') }}
          />
        )
      )}
    </section>
  );
}
