import {
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { isProblem } from '../../api/problem';
import { queryKeys } from '../../api/query-keys';
import { useCursorList } from '../../ui/LoadMore';
import type { CampaignStatus, TargetGroup, Territory } from './campaign-vocabularies';
import type {
  CampaignChange,
  CampaignDetail,
  NewCampaign,
  NewActivity,
  ActivityChange,
} from './campaign-types';

export type {
  Campaign,
  CampaignDetail,
  NewCampaign,
  CampaignChange,
  Activity,
  NewActivity,
  ActivityChange,
  CampaignResults,
  Trend,
  Release,
} from './campaign-types';

export interface CampaignFilters {
  status?: CampaignStatus;
  territory?: Territory;
  group?: TargetGroup;
}

const PAGE = 25;

/** Campaigns, latest start first, paged by cursor; filters are codes only. */
export function useCampaignList(filters: CampaignFilters) {
  return useCursorList(queryKeys.campaigns.list(filters), PAGE, (page) =>
    call(
      api.GET('/api/v1/campaigns', {
        params: {
          query: {
            ...page,
            ...(filters.status ? { status: filters.status } : {}),
            ...(filters.territory ? { territory: filters.territory } : {}),
            ...(filters.group ? { group: filters.group } : {}),
          },
        },
      }),
    ),
  );
}

export function useCampaign(id: string) {
  return useQuery({
    queryKey: queryKeys.campaigns.detail(id),
    queryFn: () => call(api.GET('/api/v1/campaigns/{id}', { params: { path: { id } } })),
  });
}

export function useCampaignResults(id: string) {
  return useQuery({
    queryKey: queryKeys.campaigns.results(id),
    queryFn: () => call(api.GET('/api/v1/campaigns/{id}/results', { params: { path: { id } } })),
  });
}

/** Every published release (the public observatory's list), to choose those that justify a campaign. */
export function usePublishedReleases(enabled = true) {
  return useQuery({
    queryKey: queryKeys.campaigns.publishedReleases,
    queryFn: async () => (await call(api.GET('/api/v1/public/statistics/releases'))).items,
    staleTime: 5 * 60_000,
    enabled,
  });
}

/**
 * The threshold of each published release ("<k" below it), by id: a trend's
 * figures say what a release hid, the release says below what. Asked only
 * when there are trends to read (`enabled`).
 */
export function useReleaseThresholds(enabled: boolean) {
  const releases = usePublishedReleases(enabled);
  const thresholds = new Map(
    (releases.data ?? []).map((release) => [release.id, release.parameters.threshold]),
  );
  return {
    /** Known, or failed to be known (the figures then say "below the threshold"). */
    settled: !releases.isPending,
    thresholdOf: (releaseId: string): number | undefined => thresholds.get(releaseId),
  };
}

/** The linked releases with their figures: published releases never change. */
export function useLinkedReleases(ids: readonly string[]) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: queryKeys.campaigns.publishedRelease(id),
      queryFn: () =>
        call(api.GET('/api/v1/public/statistics/releases/{id}', { params: { path: { id } } })),
      staleTime: Infinity,
    })),
  });
}

/** A change to a campaign or its activities changes its page, its results and the lists. */
function invalidateCampaign(queryClient: QueryClient, id: string) {
  void queryClient.invalidateQueries({ queryKey: queryKeys.campaigns.detail(id) });
  void queryClient.invalidateQueries({ queryKey: ['campaigns', 'list'] });
}

export function useCreateCampaign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewCampaign) => call(api.POST('/api/v1/campaigns', { body })),
    onSuccess: (campaign) => {
      queryClient.setQueryData(queryKeys.campaigns.detail(campaign.id), campaign);
      void queryClient.invalidateQueries({ queryKey: ['campaigns', 'list'] });
    },
  });
}

export function useUpdateCampaign(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CampaignChange) =>
      call(api.PATCH('/api/v1/campaigns/{id}', { params: { path: { id } }, body })),
    onSuccess: (campaign) => {
      queryClient.setQueryData(queryKeys.campaigns.detail(id), campaign);
      invalidateCampaign(queryClient, id);
    },
  });
}

/** Reads the campaign again (after someone else changed it) and keeps the fresh copy. */
export function useRefreshCampaign(id: string) {
  const queryClient = useQueryClient();
  return async (): Promise<CampaignDetail> => {
    const fresh = await call(api.GET('/api/v1/campaigns/{id}', { params: { path: { id } } }));
    queryClient.setQueryData(queryKeys.campaigns.detail(id), fresh);
    return fresh;
  };
}

export function useCreateActivity(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewActivity) =>
      call(
        api.POST('/api/v1/campaigns/{id}/activities', {
          params: { path: { id: campaignId } },
          body,
        }),
      ),
    onSuccess: () => invalidateCampaign(queryClient, campaignId),
  });
}

export function useUpdateActivity(campaignId: string, activityId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ActivityChange) =>
      call(
        api.PATCH('/api/v1/campaigns/{id}/activities/{activityId}', {
          params: { path: { id: campaignId, activityId } },
          body,
        }),
      ),
    onSuccess: () => invalidateCampaign(queryClient, campaignId),
    // Someone else changed it: the next dialog opens on the current version.
    onError: (error) => {
      if (isProblem(error, 'stale_version')) invalidateCampaign(queryClient, campaignId);
    },
  });
}

export function useDeleteActivity(campaignId: string, activityId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      call(
        api.DELETE('/api/v1/campaigns/{id}/activities/{activityId}', {
          params: { path: { id: campaignId, activityId } },
        }),
      ),
    onSuccess: () => invalidateCampaign(queryClient, campaignId),
  });
}
