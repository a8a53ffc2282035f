import { useQuery } from '@tanstack/react-query';
import { call } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import { publicApi } from '../statistics/publicApi';
import type { TableId } from '../statistics/useStatistics';

/** Published releases with their figures (all, or one table's), read without a session. */
export function usePublicReleases(tableId?: TableId) {
  return useQuery({
    queryKey: queryKeys.observatory.releases(tableId),
    queryFn: () =>
      call(
        publicApi.GET('/api/v1/public/statistics/releases', {
          params: { query: tableId ? { tableId } : {} },
        }),
      ),
    staleTime: 5 * 60_000,
  });
}

/** One published release; anything else (a draft, a discarded one, no such id) is "not found". */
export function usePublicRelease(id: string) {
  return useQuery({
    queryKey: queryKeys.observatory.release(id),
    queryFn: () =>
      call(publicApi.GET('/api/v1/public/statistics/releases/{id}', { params: { path: { id } } })),
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export const downloadUrls = (id: string) => ({
  csv: `/api/v1/public/statistics/releases/${id}/csv`,
  json: `/api/v1/public/statistics/releases/${id}`,
});
