import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Notice } from '../../../ui/Notice';
import { useFieldLabel } from '../form/useCaseForm';
import type { PossibleDuplicate } from './duplicate-warnings';

/**
 * Another case has the same document number or phone: whom to ask (the team),
 * and the case itself only when this person may open it. Never its content.
 */
export function DuplicateWarnings({ duplicates }: { duplicates: PossibleDuplicate[] }) {
  const { t } = useTranslation('cases');
  const label = useFieldLabel();
  if (duplicates.length === 0) return null;
  return (
    <Notice tone="warning" live>
      <h2 className="notice__title">{t('duplicates.title', { count: duplicates.length })}</h2>
      <ul>
        {duplicates.map((duplicate, index) => (
          <li key={`${duplicate.field}-${duplicate.team.id}-${index}`}>
            {t('duplicates.item', {
              field: label(`identity.${duplicate.field}`),
              team: duplicate.team.name,
            })}{' '}
            {duplicate.caseId && duplicate.caseNumber && (
              <Link to={`/cases/${duplicate.caseId}`}>
                {t('duplicates.open', { caseNumber: duplicate.caseNumber })}
              </Link>
            )}
          </li>
        ))}
      </ul>
      <p>{t('duplicates.advice')}</p>
    </Notice>
  );
}
