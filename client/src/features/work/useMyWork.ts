import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { queryKeys } from '../../api/query-keys';

/** How many entries each block of My work shows; the full lists are one link away. */
export const BLOCK_SIZE = 5;

/**
 * Unacknowledged referrals due within this many days count as "due soon" (besides
 * the overdue ones): two working days to call the institution before the date.
 */
export const DUE_SOON_DAYS = 2;

/** The largest page the API gives: the due-soon filter runs over it in the browser. */
const SENT_PAGE = 200;

/** The review queue is counted from one page; past this, the count says "more than". */
export const REVIEW_COUNT_PAGE = 100;

/** My cases (caseworker) or my team's (supervisor): summaries only, nothing decrypted. */
export function useWorkCases(assigned: 'me' | 'team') {
  const query = { assigned, limit: BLOCK_SIZE } as const;
  return useQuery({
    queryKey: queryKeys.cases.list(query),
    queryFn: () => call(api.GET('/api/v1/cases', { params: { query } })),
  });
}

/**
 * Referrals of my cases still waiting for the institution to acknowledge them,
 * overdue or due within DUE_SOON_DAYS, soonest first. One request: every
 * unacknowledged referral (status `sent`, the server's own overdue rule), up to
 * one page; `more` says the page was full.
 */
export function useDueReferrals() {
  const query = { box: 'sent', status: 'sent', limit: SENT_PAGE } as const;
  const result = useQuery({
    queryKey: queryKeys.referrals.list(query),
    queryFn: () => call(api.GET('/api/v1/referrals', { params: { query } })),
  });
  const horizon = Date.now() + DUE_SOON_DAYS * 24 * 60 * 60_000;
  const due = (result.data?.items ?? [])
    .filter((r) => r.overdue || Date.parse(r.acknowledgeBy) <= horizon)
    .sort((a, b) => Date.parse(a.acknowledgeBy) - Date.parse(b.acknowledgeBy));
  return { ...result, due, more: Boolean(result.data?.nextCursor) };
}

/** Supervisor: guardian and best-interest consents of the team waiting for approval. */
export function usePendingConsents(enabled: boolean) {
  const query = { status: 'pending_approval', limit: BLOCK_SIZE } as const;
  return useQuery({
    queryKey: [...queryKeys.consents.pending, query],
    queryFn: () => call(api.GET('/api/v1/consents', { params: { query } })),
    enabled,
  });
}

/** Supervisor: how many break-glass grants and overrides wait for review (one page counted). */
export function usePendingReviewCount(enabled: boolean) {
  const query = { state: 'pending', limit: REVIEW_COUNT_PAGE } as const;
  const result = useQuery({
    queryKey: [...queryKeys.reviews.list('pending'), query],
    queryFn: () => call(api.GET('/api/v1/reviews', { params: { query } })),
    enabled,
  });
  return {
    ...result,
    count: result.data?.items.length ?? 0,
    more: Boolean(result.data?.nextCursor),
  };
}
