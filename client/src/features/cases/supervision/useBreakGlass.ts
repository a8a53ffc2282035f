import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, call } from '../../../api/client';
import { queryKeys } from '../../../api/query-keys';
import type { components } from '../../../api/schema';

export type BreakGlassGrant = components['schemas']['BreakGlassGrant'];

/** How long a grant lasts (server: BREAK_GLASS_MINUTES); the countdown reads expiresAt. */
export const BREAK_GLASS_MINUTES = 60;
export const JUSTIFICATION_MIN = 20;
export const JUSTIFICATION_MAX = 2000;

/**
 * Where the grant lives: the query cache, in memory only (cleared at sign-out
 * with everything else; never in storage). Under the case's key, so whatever
 * forgets the case forgets the grant.
 */
export const breakGlassKey = (caseId: string) =>
  [...queryKeys.cases.detail(caseId), 'break-glass'] as const;

const HOUR = 60 * 60_000;

/**
 * The break-glass grant this browser obtained for the case, or null. The API
 * has no "my grant" read: the answer to POST /break-glass is the only source,
 * so a refetch (an invalidation of the case) keeps what the cache holds.
 */
export function useBreakGlassGrant(caseId: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: breakGlassKey(caseId),
    queryFn: () => queryClient.getQueryData<BreakGlassGrant>(breakGlassKey(caseId)) ?? null,
    staleTime: Infinity,
    gcTime: HOUR + 60_000,
  });
}

/** Opens a case outside the team: justification, step-up (the API client asks), audited. */
export function useBreakGlass(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (justification: string) =>
      call(
        api.POST('/api/v1/cases/{id}/break-glass', {
          params: { path: { id: caseId } },
          body: { justification },
        }),
      ),
    onSuccess: async (grant) => {
      queryClient.setQueryDefaults(breakGlassKey(caseId), { gcTime: HOUR + 60_000 });
      queryClient.setQueryData(breakGlassKey(caseId), grant);
      await queryClient.invalidateQueries({ queryKey: queryKeys.cases.all });
    },
  });
}

/**
 * When the window closes: what the case showed through it is dropped from
 * memory and asked again (the server now answers 404), except the grant
 * itself, which the banner needs to say that it ended.
 */
export function forgetCaseAfterBreakGlass(queryClient: QueryClient, caseId: string) {
  const grant = JSON.stringify(breakGlassKey(caseId));
  const detail = queryKeys.cases.detail(caseId);
  return queryClient.resetQueries({
    queryKey: detail,
    predicate: (query) => JSON.stringify(query.queryKey) !== grant,
  });
}
