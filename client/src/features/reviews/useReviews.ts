import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { components } from '../../api/schema';

export type ReviewItem = components['schemas']['ReviewItem'];
export type ReviewState = 'pending' | 'reviewed';
export type ReviewOutcome = components['schemas']['AcknowledgeReview']['outcome'];
export const REVIEW_OUTCOMES: readonly ReviewOutcome[] = [
  'justified',
  'not_justified',
  'needs_follow_up',
];

const PAGE_SIZE = 20;

/** The id the acknowledge endpoint takes: the grant (break-glass) or the referral (override). */
export const subjectId = (item: ReviewItem) =>
  item.kind === 'break_glass' ? item.grantId : item.referralId;

/**
 * The team's review queue, newest first, a page at a time (cursor). Each page
 * is an audited read on the server: pages are fetched on demand, not on focus.
 */
export function useReviewQueue(state: ReviewState) {
  return useInfiniteQuery({
    queryKey: queryKeys.reviews.list(state),
    queryFn: ({ pageParam }) =>
      call(
        api.GET('/api/v1/reviews', {
          params: { query: { state, limit: PAGE_SIZE, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchOnWindowFocus: false,
  });
}

/**
 * Records the outcome of a review (once; never one's own: 409 four_eyes).
 * `not_justified` ends a break-glass window still open, so the case's access
 * changes too.
 */
export function useAcknowledgeReview() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ item, outcome }: { item: ReviewItem; outcome: ReviewOutcome }) =>
      call(
        api.POST('/api/v1/reviews/{kind}/{id}/acknowledge', {
          params: { path: { kind: item.kind, id: subjectId(item) } },
          body: { outcome },
        }),
      ),
    onSettled: async (_data, _error, { item }) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.reviews.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.cases.detail(item.caseId) }),
      ]);
    },
  });
}
