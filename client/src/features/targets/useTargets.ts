import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { isProblem } from '../../api/problem';
import { queryKeys } from '../../api/query-keys';
import type {
  BudgetVoidReason,
  NewBudgetEntry,
  NewManualValue,
  NewProgram,
  NewProject,
  NewTarget,
  ProgramChange,
  ProjectChange,
  TargetChange,
} from './target-types';

export type * from './target-types';

/** Anything of the plan, the budget or the targets changed: every figure may have. */
const invalidateAll = (queryClient: QueryClient) =>
  void queryClient.invalidateQueries({ queryKey: queryKeys.targets.all });

// The plan: programs with their projects.

export function usePrograms() {
  return useQuery({
    queryKey: queryKeys.targets.programs,
    queryFn: async () => (await call(api.GET('/api/v1/plan/programs'))).items,
  });
}

export function useCreateProgram() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewProgram) => call(api.POST('/api/v1/plan/programs', { body })),
    onSuccess: () => invalidateAll(queryClient),
  });
}

export function useUpdateProgram(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ProgramChange) =>
      call(api.PATCH('/api/v1/plan/programs/{id}', { params: { path: { id } }, body })),
    onSettled: () => invalidateAll(queryClient),
  });
}

export function useCreateProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewProject) => call(api.POST('/api/v1/plan/projects', { body })),
    onSuccess: () => invalidateAll(queryClient),
  });
}

export function useUpdateProject(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ProjectChange) =>
      call(api.PATCH('/api/v1/plan/projects/{id}', { params: { path: { id } }, body })),
    onSettled: () => invalidateAll(queryClient),
  });
}

// Budget.

export function useBudgetSummary(year: number) {
  return useQuery({
    queryKey: queryKeys.targets.budgetSummary(year),
    queryFn: () => call(api.GET('/api/v1/budget/execution', { params: { query: { year } } })),
  });
}

export function useProjectBudget(projectId: string, year: number) {
  return useQuery({
    queryKey: queryKeys.targets.projectBudget(projectId, year),
    queryFn: () =>
      call(
        api.GET('/api/v1/budget/projects/{projectId}', {
          params: { path: { projectId }, query: { year } },
        }),
      ),
  });
}

export function useCreateBudgetEntry(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewBudgetEntry) =>
      call(
        api.POST('/api/v1/budget/projects/{projectId}/entries', {
          params: { path: { projectId } },
          body,
        }),
      ),
    onSuccess: () => invalidateAll(queryClient),
  });
}

export function useVoidBudgetEntry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: BudgetVoidReason }) =>
      call(
        api.POST('/api/v1/budget/entries/{id}/void', {
          params: { path: { id } },
          body: { reason },
        }),
      ),
    onSettled: () => invalidateAll(queryClient),
  });
}

// Targets.

export function useTargetList(year: number) {
  return useQuery({
    queryKey: queryKeys.targets.list(year),
    queryFn: async () =>
      (await call(api.GET('/api/v1/targets', { params: { query: { year } } }))).items,
  });
}

/** The year's figures, program → project → target (what the management report prints). */
export function useProgress(year: number) {
  return useQuery({
    queryKey: queryKeys.targets.progress(year),
    queryFn: () => call(api.GET('/api/v1/targets/progress', { params: { query: { year } } })),
  });
}

export function useTarget(id: string) {
  return useQuery({
    queryKey: queryKeys.targets.detail(id),
    queryFn: () => call(api.GET('/api/v1/targets/{id}', { params: { path: { id } } })),
  });
}

export function useCreateTarget() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewTarget) => call(api.POST('/api/v1/targets', { body })),
    onSuccess: () => invalidateAll(queryClient),
  });
}

export function useUpdateTarget(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TargetChange) =>
      call(api.PATCH('/api/v1/targets/{id}', { params: { path: { id } }, body })),
    onSuccess: () => invalidateAll(queryClient),
    // Someone else changed it: the next attempt starts from the current version.
    onError: (error) => {
      if (isProblem(error, 'stale_version')) invalidateAll(queryClient);
    },
  });
}

export function useDeleteTarget(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.DELETE('/api/v1/targets/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: queryKeys.targets.detail(id) });
      invalidateAll(queryClient);
    },
  });
}

export function useRecordManualValue(targetId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewManualValue) =>
      call(
        api.POST('/api/v1/targets/{id}/manual-values', {
          params: { path: { id: targetId } },
          body,
        }),
      ),
    onSuccess: () => invalidateAll(queryClient),
  });
}

// What a computed measure can be filtered by: training programmes and campaigns.

/** Pages through a cursor list (a few hundred items at most: options of a filter). */
async function everyPage<T>(
  page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 10; i++) {
    const next = await page(cursor);
    items.push(...next.items);
    if (!next.nextCursor) break;
    cursor = next.nextCursor;
  }
  return items;
}

export function useCampaignOptions(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.targets.campaigns,
    queryFn: () =>
      everyPage((cursor) =>
        call(
          api.GET('/api/v1/campaigns', {
            params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } },
          }),
        ),
      ),
    enabled,
    staleTime: 60_000,
  });
}

export function useProgrammeOptions(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.targets.programmes,
    queryFn: () =>
      everyPage((cursor) =>
        call(
          api.GET('/api/v1/trainings/programmes', {
            params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } },
          }),
        ),
      ),
    enabled,
    staleTime: 60_000,
  });
}
