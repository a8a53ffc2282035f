import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../ui/LoadMore';
import { Loading } from '../../ui/Loading';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { useVocabulary } from '../../vocab/useVocabulary';
import { ReviewEntry } from './ReviewEntry';
import { useInstitutionNames } from './useInstitutionNames';
import {
  useReviewQueue,
  type ReviewItem,
  type ReviewOutcome,
  type ReviewState,
} from './useReviews';

/** One tab of the queue: its entries, page by page, and what was just recorded. */
export function ReviewList({ state }: { state: ReviewState }) {
  const { t } = useTranslation('reviews');
  const { label } = useVocabulary();
  const queue = useReviewQueue(state);
  const items = queue.data?.pages.flatMap((page) => page.items) ?? [];
  const institutionName = useInstitutionNames(items.some((i) => i.kind === 'consent_override'));
  const [done, setDone] = useState<{ caseNumber: string; outcome: ReviewOutcome }>();
  const doneRef = useRef<HTMLDivElement>(null);
  // The reviewed entry leaves this list: focus moves to the confirmation, not to the page's end.
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  const onReviewed = (item: ReviewItem, outcome: ReviewOutcome) =>
    setDone({ caseNumber: item.caseNumber, outcome });

  if (queue.isPending) return <Loading />;
  if (queue.error && items.length === 0) return <ProblemMessage error={queue.error} />;
  return (
    <div className="stack">
      {done && (
        <div className="notice notice--success" role="status" tabIndex={-1} ref={doneRef}>
          <p>
            {t('acknowledge.done', {
              caseNumber: done.caseNumber,
              outcome: label('reviewOutcome', done.outcome),
            })}
          </p>
        </div>
      )}
      {items.length === 0 ? (
        <p className="review-empty">{t(`empty.${state}`)}</p>
      ) : (
        items.map((item) => (
          <ReviewEntry
            key={`${item.kind}-${item.kind === 'break_glass' ? item.grantId : item.referralId}`}
            item={item}
            institutionName={institutionName}
            onReviewed={onReviewed}
          />
        ))
      )}
      {queue.error && <ProblemMessage error={queue.error} />}
      <LoadMore
        hasMore={queue.hasNextPage}
        isLoading={queue.isFetchingNextPage}
        onLoadMore={() => void queue.fetchNextPage()}
      />
    </div>
  );
}
