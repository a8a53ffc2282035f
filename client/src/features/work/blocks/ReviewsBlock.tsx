import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../ui/format';
import { REVIEW_COUNT_PAGE, usePendingReviewCount } from '../useMyWork';
import { WorkBlock } from './WorkBlock';

/** Supervisor: how many break-glass accesses and consent overrides wait for review. */
export function ReviewsBlock() {
  const { t } = useTranslation('work');
  const format = useFormat();
  const reviews = usePendingReviewCount(true);
  const oldest = reviews.data?.items.at(-1);
  const count = reviews.more
    ? t('reviews.countMore', { count: REVIEW_COUNT_PAGE })
    : t('reviews.count', { count: reviews.count });
  return (
    <WorkBlock
      id="work-reviews"
      title={t('reviews.title')}
      count={reviews.data ? count : undefined}
      query={reviews}
      isEmpty={reviews.count === 0}
      empty={t('reviews.empty')}
      more={{ to: '/reviews', label: t('reviews.open') }}
    >
      <p>{t('reviews.explanation')}</p>
      {oldest && !reviews.more && (
        <p className="work-block__hint">
          {t('reviews.oldest', { date: format.dateTime(oldest.createdAt) })}
        </p>
      )}
    </WorkBlock>
  );
}
