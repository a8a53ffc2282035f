import { useInfiniteQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { CaseStatus, RiskLevel } from './form/case-vocabularies';

export interface CaseFilters {
  status?: CaseStatus;
  riskLevel?: RiskLevel;
  assigned?: 'me' | 'team';
}

const PAGE_SIZE = 25;

/** Case summaries (nothing identifying: browsing decrypts nothing), newest first, by cursor. */
export function useCases(filters: CaseFilters) {
  return useInfiniteQuery({
    queryKey: queryKeys.cases.list(filters),
    queryFn: ({ pageParam }) =>
      call(
        api.GET('/api/v1/cases', {
          params: { query: { ...filters, limit: PAGE_SIZE, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}
