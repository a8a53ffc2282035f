import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, call } from '../../../api/client';
import { queryKeys } from '../../../api/query-keys';
import { useCursorList } from '../../../ui/LoadMore';
import type { components } from '../../../api/schema';

export type Institution = components['schemas']['Institution'];
export type InstitutionSector = components['schemas']['InstitutionSector'];
export type CreateInstitution = components['schemas']['CreateInstitution'];
export type UpdateInstitution = components['schemas']['UpdateInstitution'];

export interface InstitutionFilters {
  sector?: InstitutionSector;
  active?: boolean;
}

const PAGE = 50;

/** Every institution, by name, filtered by sector and status; paged by cursor. */
export function useInstitutionList(filters: InstitutionFilters) {
  return useCursorList(queryKeys.admin.institutions(filters), PAGE, (page) =>
    call(
      api.GET('/api/v1/institutions', {
        params: {
          query: {
            ...page,
            ...(filters.sector ? { sector: filters.sector } : {}),
            ...(filters.active !== undefined
              ? { active: filters.active ? ('true' as const) : ('false' as const) }
              : {}),
          },
        },
      }),
    ),
  );
}

/**
 * Every institution, active or not (a user may belong to a disabled one): to
 * name institutions in the users' screens and to choose one. Tens of rows.
 */
export function useAllInstitutions() {
  const query = useQuery({
    queryKey: queryKeys.admin.institutions({ all: true }),
    queryFn: async () => {
      const all: Institution[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 10; page += 1) {
        const data = await call(
          api.GET('/api/v1/institutions', {
            params: { query: { limit: 200, ...(cursor ? { cursor } : {}) } },
          }),
        );
        all.push(...data.items);
        if (!data.nextCursor) break;
        cursor = data.nextCursor;
      }
      return all;
    },
  });
  const byId = new Map((query.data ?? []).map((institution) => [institution.id, institution]));
  return {
    ...query,
    institution: (id: string | undefined) => (id ? byId.get(id) : undefined),
    /** Active institutions: where a user can be put. */
    options: (query.data ?? [])
      .filter((institution) => institution.disabledAt === null)
      .map((institution) => ({ id: institution.id, label: institution.name })),
  };
}

export function useInstitution(id: string) {
  return useQuery({
    queryKey: queryKeys.admin.institution(id),
    queryFn: () => call(api.GET('/api/v1/institutions/{id}', { params: { path: { id } } })),
  });
}

/** An institution change also changes the directory the case workers refer from. */
function invalidateInstitutions(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: ['admin', 'institutions'] });
  void queryClient.invalidateQueries({ queryKey: queryKeys.institutions().slice(0, 1) });
}

export function useCreateInstitution() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateInstitution) => call(api.POST('/api/v1/institutions', { body })),
    onSuccess: (institution) => {
      queryClient.setQueryData(queryKeys.admin.institution(institution.id), institution);
      invalidateInstitutions(queryClient);
    },
  });
}

export function useUpdateInstitution(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateInstitution) =>
      call(api.PATCH('/api/v1/institutions/{id}', { params: { path: { id } }, body })),
    onSuccess: (institution) => {
      queryClient.setQueryData(queryKeys.admin.institution(id), institution);
      invalidateInstitutions(queryClient);
    },
  });
}
