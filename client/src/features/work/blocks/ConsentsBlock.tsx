import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../../ui/format';
import { useVocabulary } from '../../../vocab/useVocabulary';
import { usePendingConsents } from '../useMyWork';
import { WorkBlock } from './WorkBlock';

/** Supervisor: guardian and best-interest consents waiting for a second supervisor's approval. */
export function ConsentsBlock() {
  const { t } = useTranslation('work');
  const { label } = useVocabulary();
  const format = useFormat();
  const consents = usePendingConsents(true);
  const items = consents.data?.items ?? [];
  return (
    <WorkBlock
      id="work-consents"
      title={t('consents.title')}
      count={
        consents.data
          ? t(consents.data.nextCursor ? 'consents.countMore' : 'consents.count', {
              count: items.length,
            })
          : undefined
      }
      query={consents}
      isEmpty={items.length === 0}
      empty={t('consents.empty')}
    >
      <ul className="work-list">
        {items.map((consent) => (
          <li key={consent.id} className="work-list__item">
            <Link to={`/cases/${consent.caseId}`}>
              {t('consents.case', { caseNumber: consent.caseNumber })}
            </Link>
            <span className="work-list__detail">
              {t('consents.given', {
                givenBy: label('consentGiver', consent.givenBy),
                date: format.date(consent.createdAt),
              })}
            </span>
            {!consent.mayApprove && (
              <span className="work-list__detail">{t('consents.notYours')}</span>
            )}
          </li>
        ))}
      </ul>
      {consents.data?.nextCursor && <p className="work-block__hint">{t('consents.more')}</p>}
    </WorkBlock>
  );
}
