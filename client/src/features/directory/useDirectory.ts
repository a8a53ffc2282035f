import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { queryKeys } from '../../api/query-keys';

/**
 * The lead agency's teams and case-work staff (GET /directory), to show names
 * instead of ids and to choose whom to assign. Staff names are not case data.
 */
export function useDirectory() {
  const query = useQuery({
    queryKey: queryKeys.directory,
    queryFn: () => call(api.GET('/api/v1/directory')),
    staleTime: 5 * 60_000,
  });
  const teams = new Map((query.data?.teams ?? []).map((team) => [team.id, team]));
  const staff = new Map((query.data?.staff ?? []).map((person) => [person.id, person]));
  return {
    ...query,
    teamName: (id: string | null | undefined) => (id ? teams.get(id)?.name : undefined),
    staffName: (id: string | null | undefined) => (id ? staff.get(id)?.displayName : undefined),
    assignable: (query.data?.staff ?? []).filter((person) => person.assignable),
  };
}
