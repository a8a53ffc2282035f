import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../../api/client';
import { queryKeys } from '../../../api/query-keys';

const PAGE_SIZE = 20;

/** The case's notes, newest first, by cursor (each page is an audited read). */
export function useNotes(caseId: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.cases.notes(caseId),
    queryFn: ({ pageParam }) =>
      call(
        api.GET('/api/v1/cases/{id}/notes', {
          params: { path: { id: caseId }, query: { limit: PAGE_SIZE, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    staleTime: 60_000,
  });
}

/** Notes are append-only: adding one is the only change. */
export function useAddNote(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) =>
      call(
        api.POST('/api/v1/cases/{id}/notes', { params: { path: { id: caseId } }, body: { body } }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.cases.notes(caseId) }),
  });
}
