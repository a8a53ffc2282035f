import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { components } from '../../api/schema';

export type Institution = components['schemas']['Institution'];

/**
 * The partner directory (GET /institutions, active ones): whom a case can be
 * referred to, and the names and sectors behind institution ids. Not case data.
 */
export function useInstitutions() {
  const query = useQuery({
    queryKey: queryKeys.institutions({ active: true }),
    queryFn: async () => {
      const all: Institution[] = [];
      let cursor: string | undefined;
      // The directory is small (tens of institutions); a few pages at most.
      for (let page = 0; page < 10; page += 1) {
        const data = await call(
          api.GET('/api/v1/institutions', {
            params: { query: { active: 'true', limit: 200, ...(cursor ? { cursor } : {}) } },
          }),
        );
        all.push(...data.items);
        if (!data.nextCursor) break;
        cursor = data.nextCursor;
      }
      return all;
    },
    staleTime: 5 * 60_000,
  });
  const byId = new Map((query.data ?? []).map((institution) => [institution.id, institution]));
  return {
    ...query,
    institution: (id: string) => byId.get(id),
    partners: (query.data ?? []).filter((institution) => !institution.isLeadAgency),
    /** Every active institution as choices (e.g. the agency that identified a person). */
    options: (query.data ?? []).map((institution) => ({
      id: institution.id,
      label: institution.name,
    })),
    name: (id: string | undefined) => (id ? byId.get(id)?.name : undefined),
  };
}
