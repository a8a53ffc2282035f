import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../ui/format';
import { IDENTITY_FIELDS } from '../form/case-form';
import { useFieldLabel } from '../form/useCaseForm';
import type { CaseDetail } from '../useCase';

const LONG = new Set(['narrative', 'healthNotes', 'legalNotes', 'educationNotes', 'address']);

/** The identifying data, decrypted for this read (which the server audits). */
export function IdentityPanel({ kase }: { kase: CaseDetail }) {
  const { t } = useTranslation('cases');
  const label = useFieldLabel();
  const format = useFormat();
  const identity = kase.identity;
  if (!identity) return null;
  return (
    <section className="panel" aria-labelledby="case-identity-title">
      <h2 id="case-identity-title">{t('detail.identity')}</h2>
      <dl className="facts">
        {IDENTITY_FIELDS.map((field) => {
          const value = identity[field];
          return (
            <div key={field} className="facts__row">
              <dt>{label(`identity.${field}`)}</dt>
              <dd className={LONG.has(field) ? 'case-text' : undefined}>
                {value === undefined || value === '' ? (
                  <span className="case-missing">{t('detail.notRecorded')}</span>
                ) : field === 'dateOfBirth' ? (
                  format.date(value)
                ) : (
                  value
                )}
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}
