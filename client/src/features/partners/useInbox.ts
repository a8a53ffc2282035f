import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import { saveBlob } from '../../ui/saveBlob';
import type { components } from '../../api/schema';
import type { Referral, ReferralStatus } from '../referrals/useReferrals';

export type DisclosurePackage = components['schemas']['DisclosurePackage'];

const PAGE = 25;

/** One half of the inbox: the overdue referrals, or all the others (by cursor, newest first). */
function useInboxPart(status: ReferralStatus | undefined, overdue: boolean, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: queryKeys.referrals.list({ box: 'inbox', status, overdue }),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(
        api.GET('/api/v1/referrals', {
          params: {
            query: {
              box: 'inbox',
              limit: PAGE,
              overdue: overdue ? 'true' : 'false',
              ...(pageParam ? { cursor: pageParam } : {}),
              ...(status ? { status } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

/**
 * The institution's inbox, overdue first: the overdue referrals are paged
 * until none is left, then the others. Only `sent` referrals can be overdue,
 * so a filter on any other status asks for the second half only.
 */
export function useInbox(status: ReferralStatus | undefined) {
  const canBeOverdue = status === undefined || status === 'sent';
  const overdue = useInboxPart(status, true, canBeOverdue);
  const others = useInboxPart(status, false, true);
  const overdueDone = !canBeOverdue || (overdue.isSuccess && !overdue.hasNextPage);
  const items: Referral[] = [
    ...(canBeOverdue ? (overdue.data?.pages.flatMap((p) => p.items) ?? []) : []),
    ...(overdueDone ? (others.data?.pages.flatMap((p) => p.items) ?? []) : []),
  ];
  const parts = canBeOverdue ? [overdue, others] : [others];
  return {
    items,
    isPending: parts.some((part) => part.isPending),
    isSuccess: parts.every((part) => part.isSuccess),
    error: parts.find((part) => part.isError)?.error ?? null,
    hasMore: overdueDone ? others.hasNextPage : true,
    isLoadingMore: overdue.isFetchingNextPage || others.isFetchingNextPage,
    loadMore: () => void (overdueDone ? others.fetchNextPage() : overdue.fetchNextPage()),
  };
}

/**
 * The disclosure package: every fetch is an audited disclosure, so it is
 * fetched only when the person asks to read it, kept in memory while the
 * screen shows it, never refetched by itself and forgotten on leaving.
 */
export function usePackage(referralId: string, requested: boolean) {
  return useQuery({
    queryKey: queryKeys.referralPackage(referralId),
    queryFn: () =>
      call(api.GET('/api/v1/referrals/{id}/package', { params: { path: { id: referralId } } })),
    enabled: requested,
    staleTime: Infinity,
    gcTime: 0,
    refetchOnMount: false,
    retry: false,
  });
}

/**
 * The package as CMS EnvelopedData (.p7m), for the institution's own systems:
 * saved under a name that carries no personal data. An audited export.
 */
export function usePackageDownload(referralId: string) {
  return useMutation({
    mutationFn: async () => {
      const blob = await call(
        api.GET('/api/v1/referrals/{id}/package.p7m', {
          params: { path: { id: referralId } },
          parseAs: 'blob',
        }),
      );
      saveBlob(blob, `derivacion-${referralId.slice(0, 8)}.p7m`);
    },
  });
}
