import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { components } from '../../api/schema';
import { publicApi } from './publicApi';

export type Release = components['schemas']['StatisticsRelease'];
export type ReleaseSummary = components['schemas']['StatisticsReleaseSummary'];
export type ReleaseRequest = components['schemas']['StatisticsReleaseRequest'];
export type ReleasePreview = components['schemas']['StatisticsReleasePreview'];
export type Budget = components['schemas']['PrivacyBudget'];
export type Catalogue = components['schemas']['StatisticsCatalogue'];
export type TableDefinition = components['schemas']['StatisticsTable'];
export type TableId = components['schemas']['StatisticsTableId'];
export type DimensionId = components['schemas']['StatisticsDimension'];
export type ReleaseState = Release['state'];
export type PublishedTotal = Release['figures']['totals']['grand'];

export function useCatalogue() {
  return useQuery({
    queryKey: queryKeys.statistics.catalogue,
    queryFn: () => call(api.GET('/api/v1/statistics/catalogue')),
    staleTime: Infinity,
  });
}

export function useBudget(year: number | null) {
  return useQuery({
    queryKey: queryKeys.statistics.budget(year ?? 0),
    queryFn: () =>
      call(api.GET('/api/v1/statistics/budget', { params: { query: { year: year ?? 0 } } })),
    enabled: year !== null,
  });
}

/** What a release would be: computed from the parameters alone (no data read, nothing spent). */
export function usePreview(request: ReleaseRequest | null) {
  return useQuery({
    queryKey: queryKeys.statistics.preview(request ?? {}),
    queryFn: () =>
      call(api.POST('/api/v1/statistics/releases/preview', { body: request as ReleaseRequest })),
    enabled: request !== null,
    placeholderData: (previous) => previous,
    retry: false,
  });
}

/** Computes and freezes a release as a draft: this spends ε from the year's budget. */
export function useComputeRelease() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ReleaseRequest) =>
      call(api.POST('/api/v1/statistics/releases', { body: request })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.statistics.all }),
  });
}

export function useDrafts() {
  return useQuery({
    queryKey: queryKeys.statistics.releases({ state: 'draft' }),
    queryFn: () =>
      call(api.GET('/api/v1/statistics/releases', { params: { query: { state: 'draft' } } })),
  });
}

/**
 * Every published release with its figures, in one request (the observatory's
 * list). Asked again of the server each time (`no-cache`): a coordinator who
 * has just published must not see a list the browser kept from before.
 */
export function usePublishedReleases() {
  return useQuery({
    queryKey: queryKeys.statistics.releases({ state: 'published', figures: true }),
    queryFn: () => call(publicApi.GET('/api/v1/public/statistics/releases', { cache: 'no-cache' })),
  });
}

export function useRelease(id: string) {
  return useQuery({
    queryKey: queryKeys.statistics.release(id),
    queryFn: () => call(api.GET('/api/v1/statistics/releases/{id}', { params: { path: { id } } })),
    retry: false,
  });
}

export type Decision = 'publish' | 'discard';

/** Publishes a draft (public for good) or discards it (never public; its ε stays spent). */
export function useDecideRelease(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (decision: Decision) =>
      call(
        decision === 'publish'
          ? api.POST('/api/v1/statistics/releases/{id}/publish', {
              params: { path: { id } },
              body: {},
            })
          : api.POST('/api/v1/statistics/releases/{id}/discard', {
              params: { path: { id } },
              body: {},
            }),
      ),
    onSuccess: (release) => queryClient.setQueryData(queryKeys.statistics.release(id), release),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.statistics.all }),
  });
}
