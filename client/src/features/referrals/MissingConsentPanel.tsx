import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { useVocabulary } from '../../vocab/useVocabulary';
import type { MissingNeed } from './referral-form';
import type { Institution } from '../directory/useInstitutions';

/**
 * The referral was refused for want of consent: exactly which purpose and
 * which data are not covered for this recipient, and the two ways on —
 * record the consent (the form is kept), or the vital-interest exception.
 */
export function MissingConsentPanel({
  missing,
  recipient,
  onRecordConsent,
  onVitalInterest,
}: {
  missing: MissingNeed[];
  recipient: Institution | undefined;
  onRecordConsent: () => void;
  onVitalInterest: () => void;
}) {
  const { t } = useTranslation('referrals');
  const { label } = useVocabulary();
  return (
    <section
      className="notice notice--warning missing-consent"
      aria-labelledby="missing-consent-title"
      role="alert"
    >
      <h2 id="missing-consent-title">{t('missing.title')}</h2>
      <p>
        {t('missing.intro', {
          institution: recipient?.name ?? '',
          sector: recipient ? label('sector', recipient.sector) : '',
        })}
      </p>
      <ul>
        {missing.map((need) => (
          <li key={`${need.purpose}-${need.category}`}>
            {t('missing.need', {
              purpose: label('consentPurpose', need.purpose),
              category: label('dataCategory', need.category),
            })}
          </li>
        ))}
      </ul>
      <p>{t('missing.kept')}</p>
      <div className="actions">
        <Button variant="primary" onPress={onRecordConsent}>
          {t('missing.record')}
        </Button>
      </div>
      <div className="vital-interest">
        <h3>{t('vital.heading')}</h3>
        <p>{t('vital.when')}</p>
        <Button variant="danger" onPress={onVitalInterest}>
          {t('vital.open')}
        </Button>
      </div>
    </section>
  );
}
