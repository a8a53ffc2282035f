import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { components } from '../../api/schema';

export type CaseDetail = components['schemas']['CaseDetail'];
export type CaseSummary = components['schemas']['CaseSummary'];

/**
 * One case with its identifying data. Each fetch is an audited read on the
 * server ("view"): it is fetched when a screen shows it, kept in memory only,
 * and not refetched on focus.
 */
export function useCase(caseId: string) {
  return useQuery({
    queryKey: queryKeys.cases.detail(caseId),
    queryFn: () => call(api.GET('/api/v1/cases/{id}', { params: { path: { id: caseId } } })),
    staleTime: 60_000,
  });
}
