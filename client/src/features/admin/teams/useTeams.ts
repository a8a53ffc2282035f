import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../../api/client';
import { queryKeys } from '../../../api/query-keys';
import type { components } from '../../../api/schema';

export type Team = components['schemas']['Team'];

export function useTeams() {
  const query = useQuery({
    queryKey: queryKeys.admin.teams,
    queryFn: async () => (await call(api.GET('/api/v1/teams'))).items,
  });
  const byId = new Map((query.data ?? []).map((team) => [team.id, team]));
  return {
    ...query,
    teamName: (id: string | null | undefined) => (id ? byId.get(id)?.name : undefined),
    options: (query.data ?? []).map((team) => ({ id: team.id, label: team.name })),
  };
}

/** A new team is also a new choice in the case workers' directory. */
export function useCreateTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => call(api.POST('/api/v1/teams', { body: { name } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.admin.teams });
      void queryClient.invalidateQueries({ queryKey: queryKeys.directory });
    },
  });
}
