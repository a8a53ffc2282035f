import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { components } from '../../api/schema';

export type Referral = components['schemas']['Referral'];
export type NewReferral = components['schemas']['NewReferral'];
export type ReferralStatus = Referral['status'];
export type WithdrawalReason = 'need_met_elsewhere' | 'person_request' | 'sent_in_error' | 'other';

export interface SentFilters {
  status?: ReferralStatus;
  overdue?: boolean;
}

const PAGE = 50;

/** The sender's box: referrals of the team's own cases, newest first, by cursor. */
export function useSentReferrals(filters: SentFilters) {
  return useInfiniteQuery({
    queryKey: queryKeys.referrals.list({ box: 'sent', ...filters }),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(
        api.GET('/api/v1/referrals', {
          params: {
            query: {
              box: 'sent',
              limit: PAGE,
              ...(pageParam ? { cursor: pageParam } : {}),
              ...(filters.status ? { status: filters.status } : {}),
              ...(filters.overdue ? { overdue: 'true' as const } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/**
 * Every referral of one case (an audited read of the case on the server):
 * for its tab, and to say what revoking a consent will do.
 */
export function useCaseReferrals(caseId: string) {
  return useQuery({
    queryKey: queryKeys.referrals.list({ box: 'sent', caseId }),
    queryFn: async () => {
      const all: Referral[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 10; page += 1) {
        const data = await call(
          api.GET('/api/v1/referrals', {
            params: { query: { box: 'sent', caseId, limit: 200, ...(cursor ? { cursor } : {}) } },
          }),
        );
        all.push(...data.items);
        if (!data.nextCursor) break;
        cursor = data.nextCursor;
      }
      return all;
    },
  });
}

export function useReferral(referralId: string) {
  return useQuery({
    queryKey: queryKeys.referrals.detail(referralId),
    queryFn: () =>
      call(api.GET('/api/v1/referrals/{id}', { params: { path: { id: referralId } } })),
  });
}

/** A new referral changes the case's lists, the sent box and the case (its status may move). */
export function invalidateReferrals(queryClient: QueryClient, caseId?: string) {
  void queryClient.invalidateQueries({ queryKey: queryKeys.referrals.all });
  if (caseId) void queryClient.invalidateQueries({ queryKey: queryKeys.cases.detail(caseId) });
}

export function useSendReferral() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewReferral) => call(api.POST('/api/v1/referrals', { body })),
    onSuccess: (referral) => invalidateReferrals(queryClient, referral.caseId),
  });
}

export type ReferralTransition = components['schemas']['ReferralTransition'];

/**
 * One step of a referral's lifecycle (either side); the answer carries the
 * new status and history, and the lists that show it are refreshed.
 */
export function useReferralTransition(referralId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReferralTransition) =>
      call(
        api.POST('/api/v1/referrals/{id}/transitions', {
          params: { path: { id: referralId } },
          body,
        }),
      ),
    onSuccess: (referral) => {
      queryClient.setQueryData(queryKeys.referrals.detail(referralId), referral);
      void queryClient.invalidateQueries({ queryKey: queryKeys.referrals.lists });
      if (referral.caseId) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.cases.detail(referral.caseId) });
      }
    },
  });
}

/** The sender may withdraw until the referral has ended. */
export const mayWithdraw = (referral: Referral) =>
  ['sent', 'acknowledged', 'accepted', 'in_progress'].includes(referral.status);

export const REFERRAL_STATUSES: readonly ReferralStatus[] = [
  'sent',
  'acknowledged',
  'accepted',
  'declined',
  'in_progress',
  'completed',
  'withdrawn',
  'expired',
];
