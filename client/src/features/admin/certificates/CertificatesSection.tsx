import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../ui/Button';
import { Loading } from '../../../ui/Loading';
import { Notice } from '../../../ui/Notice';
import { ProblemMessage } from '../../../ui/ProblemMessage';
import { useFormat } from '../../../ui/format';
import { useVocabulary } from '../../../vocab/useVocabulary';
import type { Institution } from '../institutions/useInstitutionAdmin';
import { IssueCertificateForm } from './IssueCertificateForm';
import { RevokeCertificateDialog } from './RevokeCertificateDialog';
import { useCertificates, type Certificate } from './useCertificates';

const STATUS_TONE: Record<Certificate['status'], string> = {
  active: 'badge--ok',
  revoked: 'badge--error',
  expired: 'badge--warning',
};

/**
 * The institution's client certificates for system-to-system exchange
 * (mutual TLS, CMS packages): their validity and status, issuing, revoking.
 */
export function CertificatesSection({ institution }: { institution: Institution }) {
  const { t } = useTranslation('admin');
  const { label } = useVocabulary();
  const format = useFormat();
  const certificates = useCertificates(institution.id);
  const [revoking, setRevoking] = useState<Certificate>();
  const [revoked, setRevoked] = useState(false);
  const mayIssue = !institution.isLeadAgency && institution.disabledAt === null;
  const items = certificates.data ?? [];
  return (
    <section className="panel" aria-labelledby="certificates-title">
      <h2 id="certificates-title">{t('certificates.title')}</h2>
      <p>{t('certificates.intro')}</p>
      {revoked && (
        <Notice tone="success" live>
          <p>{t('certificates.revoke.done')}</p>
        </Notice>
      )}
      {certificates.isError && <ProblemMessage error={certificates.error} />}
      {certificates.isPending && <Loading />}
      {certificates.isSuccess && items.length === 0 && <p>{t('certificates.none')}</p>}
      {items.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <caption>{t('certificates.caption', { count: items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('certificates.serial')}</th>
                <th scope="col">{t('certificates.origin')}</th>
                <th scope="col">{t('certificates.validity')}</th>
                <th scope="col">{t('common.status')}</th>
                <th scope="col">{t('certificates.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((certificate) => (
                <tr key={certificate.id}>
                  <th scope="row">
                    <span className="fingerprint">{certificate.serialNumber}</span>
                    <div className="muted">
                      {t('certificates.fingerprint')}{' '}
                      <span className="fingerprint">{certificate.fingerprintSha256}</span>
                    </div>
                  </th>
                  <td>{t(`certificates.origins.${certificate.origin}`)}</td>
                  <td>
                    {t('certificates.validFromTo', {
                      from: format.date(certificate.notBefore),
                      to: format.date(certificate.notAfter),
                    })}
                  </td>
                  <td>
                    <span className={`badge ${STATUS_TONE[certificate.status]}`}>
                      {label('certificateStatus', certificate.status)}
                    </span>
                    {certificate.revokedAt && (
                      <div className="muted">
                        {t('certificates.revokedOn', {
                          date: format.dateTime(certificate.revokedAt),
                          reason: label(
                            'certificateRevocationReason',
                            certificate.revocationReason ?? 'other',
                          ),
                        })}
                      </div>
                    )}
                  </td>
                  <td>
                    {certificate.status === 'active' ? (
                      <Button
                        variant="danger"
                        aria-label={t('certificates.revoke.openFor', {
                          serial: certificate.serialNumber,
                        })}
                        onPress={() => {
                          setRevoked(false);
                          setRevoking(certificate);
                        }}
                      >
                        {t('certificates.revoke.open')}
                      </Button>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {mayIssue ? (
        <IssueCertificateForm institutionId={institution.id} />
      ) : (
        <p className="muted">
          {institution.isLeadAgency
            ? t('certificates.notForLeadAgency')
            : t('certificates.notWhileDisabled')}
        </p>
      )}
      {revoking && (
        <RevokeCertificateDialog
          certificate={revoking}
          institutionName={institution.name}
          onClose={() => setRevoking(undefined)}
          onRevoked={() => {
            setRevoking(undefined);
            setRevoked(true);
          }}
        />
      )}
    </section>
  );
}
