import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../../api/client';
import { queryKeys } from '../../../api/query-keys';

const FILTERS = { active: 'true', limit: 200 } as const;

/** Active institutions (public institutional data), to name the one that identified the person. */
export function useInstitutions() {
  const query = useQuery({
    queryKey: queryKeys.institutions(FILTERS),
    queryFn: () => call(api.GET('/api/v1/institutions', { params: { query: FILTERS } })),
    staleTime: 5 * 60_000,
  });
  const items = query.data?.items ?? [];
  return {
    ...query,
    options: items.map((item) => ({ id: item.id, label: item.name })),
    name: (id: string | undefined) => items.find((item) => item.id === id)?.name,
  };
}
