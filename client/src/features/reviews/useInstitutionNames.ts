import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { queryKeys } from '../../api/query-keys';

/**
 * Names of partner institutions for ids (referrals and overrides carry ids
 * only): one page of the institution list, shared and kept five minutes; only
 * fetched when a screen has an id to name.
 */
export function useInstitutionNames(enabled: boolean) {
  const query = { limit: 200 } as const;
  const result = useQuery({
    queryKey: queryKeys.institutions(query),
    queryFn: () => call(api.GET('/api/v1/institutions', { params: { query } })),
    staleTime: 5 * 60_000,
    enabled,
  });
  const names = new Map((result.data?.items ?? []).map((i) => [i.id, i.name]));
  return (id: string): string | undefined => names.get(id);
}
