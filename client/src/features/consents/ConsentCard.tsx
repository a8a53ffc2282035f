import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import { useVocabulary } from '../../vocab/useVocabulary';
import { useDirectory } from '../directory/useDirectory';
import { useInstitutions } from '../directory/useInstitutions';
import type { Consent } from './useConsents';

const TONE: Record<Consent['status'], string> = {
  active: 'badge--ok',
  pending_approval: 'badge--warning',
  revoked: 'badge--error',
  superseded: '',
  expired: 'badge--warning',
  not_valid_for_minor: 'badge--error',
};

export function ConsentStatusBadge({ status }: { status: Consent['status'] }) {
  const { label } = useVocabulary();
  return <span className={`badge ${TONE[status]}`}>{label('consentStatus', status)}</span>;
}

/** One version of a consent, as recorded: who gave it, how, for what, to whom, which data. */
export function ConsentCard({ consent, actions }: { consent: Consent; actions?: ReactNode }) {
  const { t } = useTranslation('consents');
  const { label } = useVocabulary();
  const format = useFormat();
  const { staffName } = useDirectory();
  const { institution } = useInstitutions();
  const person = (id: string | null) => staffName(id) ?? t('card.unknownPerson');
  const headingId = `consent-${consent.id}`;
  const list = (items: string[]) => items.join(', ');

  return (
    <article className="panel consent-card" aria-labelledby={headingId}>
      <div className="consent-card__header">
        <h3 id={headingId}>{t('card.title', { version: consent.version })}</h3>
        <ConsentStatusBadge status={consent.status} />
      </div>
      <dl className="facts">
        <dt>{t('card.givenBy')}</dt>
        <dd>{label('consentGiver', consent.givenBy)}</dd>
        <dt>{t('card.method')}</dt>
        <dd>{label('consentMethod', consent.method)}</dd>
        <dt>{t('card.givenAt')}</dt>
        <dd>{format.date(consent.givenAt)}</dd>
        <dt>{t('card.validUntil')}</dt>
        <dd>{consent.validUntil ? format.date(consent.validUntil) : t('card.noEnd')}</dd>
        <dt>{t('card.purposes')}</dt>
        <dd>{list(consent.purposes.map((p) => label('consentPurpose', p)))}</dd>
        <dt>{t('card.recordedBy')}</dt>
        <dd>
          {t('card.byOn', {
            name: person(consent.recordedBy),
            date: format.dateTime(consent.createdAt),
          })}
        </dd>
        {consent.givenBy !== 'person' && (
          <>
            <dt>{t('card.approvedBy')}</dt>
            <dd>
              {consent.approvedBy && consent.approvedAt
                ? t('card.byOn', {
                    name: person(consent.approvedBy),
                    date: format.dateTime(consent.approvedAt),
                  })
                : t('card.notApproved')}
            </dd>
          </>
        )}
        {consent.revokedAt && (
          <>
            <dt>{t('card.revokedBy')}</dt>
            <dd>
              {t('card.byOn', {
                name: person(consent.revokedBy),
                date: format.dateTime(consent.revokedAt),
              })}
              {consent.revocationReason &&
                ` — ${label('revocationReason', consent.revocationReason)}`}
            </dd>
          </>
        )}
      </dl>
      {consent.scope.length > 0 ? (
        <table className="table consent-card__scope">
          <caption>{t('card.scopeCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('card.recipient')}</th>
              <th scope="col">{t('card.categories')}</th>
            </tr>
          </thead>
          <tbody>
            {consent.scope.map((scope, index) => (
              <tr key={index}>
                <td>
                  {list([
                    ...scope.sectors.map((s) => t('card.sector', { sector: label('sector', s) })),
                    ...scope.institutionIds.map(
                      (id) => institution(id)?.name ?? t('card.unknownInstitution'),
                    ),
                  ])}
                </td>
                <td>{list(scope.categories.map((c) => label('dataCategory', c)))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('card.noScope')}</p>
      )}
      {actions}
    </article>
  );
}
