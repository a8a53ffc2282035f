import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSignedInUser } from '../../app/session/useMe';
import { useFormat } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { useVocabulary } from '../../vocab/useVocabulary';
import { useDirectory } from '../directory/useDirectory';
import { AcknowledgeForm } from './AcknowledgeForm';
import { subjectId, type ReviewItem, type ReviewOutcome } from './useReviews';

/**
 * One entry of the queue: who opened which case or sent which override, when,
 * and why (their own words, decrypted by the server for the team's supervisor).
 */
export function ReviewEntry({
  item,
  institutionName,
  onReviewed,
}: {
  item: ReviewItem;
  institutionName: (id: string) => string | undefined;
  onReviewed: (item: ReviewItem, outcome: ReviewOutcome) => void;
}) {
  const { t } = useTranslation('reviews');
  const { label } = useVocabulary();
  const format = useFormat();
  const directory = useDirectory();
  const me = useSignedInUser();
  const person = (id: string) => directory.staffName(id) ?? t('entry.unknownPerson');
  const teamId = directory.data?.staff.find((s) => s.id === item.userId)?.teamId;
  const teamName = directory.teamName(teamId);
  const actor = teamName
    ? t('entry.personOfTeam', { name: person(item.userId), team: teamName })
    : person(item.userId);
  const headingId = `review-${subjectId(item)}`;
  const own = item.userId === me.user.id;
  return (
    <article className="panel review-entry" aria-labelledby={headingId}>
      <h2 id={headingId} className="review-entry__title">
        {t(`kind.${item.kind}`)} · {t('entry.case', { caseNumber: item.caseNumber })}
      </h2>
      <dl className="facts">
        <dt>{t('entry.caseLabel')}</dt>
        <dd>
          <Link to={`/cases/${item.caseId}`}>{item.caseNumber}</Link>
        </dd>
        <dt>{t(item.kind === 'break_glass' ? 'entry.openedBy' : 'entry.sentBy')}</dt>
        <dd>{own ? t('entry.you', { name: actor }) : actor}</dd>
        <dt>{t('entry.when')}</dt>
        <dd>{format.dateTime(item.createdAt)}</dd>
        {item.kind === 'break_glass' ? (
          <>
            <dt>{t('entry.window')}</dt>
            <dd>
              {item.active ? (
                <span className="badge badge--warning">
                  {t('entry.openUntil', { time: format.dateTime(item.expiresAt) })}
                </span>
              ) : (
                t('entry.endedAt', { time: format.dateTime(item.expiresAt) })
              )}
            </dd>
          </>
        ) : (
          <>
            <dt>{t('entry.institution')}</dt>
            <dd>{institutionName(item.institutionId) ?? t('entry.unknownInstitution')}</dd>
            <dt>{t('entry.categories')}</dt>
            <dd>{item.categories.map((c) => label('dataCategory', c)).join(', ')}</dd>
          </>
        )}
        <dt>{t('entry.justification')}</dt>
        <dd className="review-entry__justification">
          {item.justification ?? <em>{t('entry.justificationErased')}</em>}
        </dd>
        {item.review && (
          <>
            <dt>{t('entry.outcome')}</dt>
            <dd>
              <strong>{label('reviewOutcome', item.review.outcome)}</strong>
              {' · '}
              {t('entry.reviewedBy', {
                name: person(item.review.reviewedBy),
                time: format.dateTime(item.review.reviewedAt),
              })}
            </dd>
          </>
        )}
      </dl>
      {!item.review &&
        (own ? (
          <Notice tone="info">
            <p>{t('entry.ownEntry')}</p>
          </Notice>
        ) : (
          <AcknowledgeForm item={item} onDone={(outcome) => onReviewed(item, outcome)} />
        ))}
    </article>
  );
}
