import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, call } from '../../../api/client';
import { queryKeys } from '../../../api/query-keys';
import { useCursorList } from '../../../ui/LoadMore';
import type { components } from '../../../api/schema';

export type User = components['schemas']['User'];
export type UserRole = components['schemas']['UserRole'];
export type CreateUser = components['schemas']['CreateUser'];
export type UpdateUser = components['schemas']['UpdateUser'];

export interface UserFilters {
  institutionId?: string;
  role?: UserRole;
  active?: boolean;
}

const PAGE = 50;

/**
 * Users by email, paged by cursor (the cursor names the last user by id). With
 * a search term the same page comes from POST /users/search: the part of an
 * email typed travels in the body, never in a URL (and is kept out of this
 * screen's address too).
 */
export function useUserList(filters: UserFilters, emailContains?: string) {
  return useCursorList(queryKeys.admin.users({ ...filters, emailContains }), PAGE, (page) => {
    const common = {
      ...page,
      ...(filters.institutionId ? { institutionId: filters.institutionId } : {}),
      ...(filters.role ? { role: filters.role } : {}),
    };
    if (emailContains) {
      return call(
        api.POST('/api/v1/users/search', {
          body: {
            ...common,
            emailContains,
            ...(filters.active !== undefined ? { active: filters.active } : {}),
          },
        }),
      );
    }
    return call(
      api.GET('/api/v1/users', {
        params: {
          query: {
            ...common,
            ...(filters.active !== undefined
              ? { active: filters.active ? ('true' as const) : ('false' as const) }
              : {}),
          },
        },
      }),
    );
  });
}

export function useUser(id: string) {
  return useQuery({
    queryKey: queryKeys.admin.user(id),
    queryFn: () => call(api.GET('/api/v1/users/{id}', { params: { path: { id } } })),
  });
}

/** Accounts change the directory too (names, teams, who can be assigned cases). */
function invalidateUsers(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: ['admin', 'users'] });
  void queryClient.invalidateQueries({ queryKey: queryKeys.directory });
}

/**
 * Creating a user returns its one-time initial password. It is handed to the
 * screen (`onPassword`, kept in that screen's state only) and stripped from
 * what the mutation keeps: nothing cached holds it, and leaving the screen
 * discards it.
 */
export function useCreateUser(onPassword: (password: string) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    gcTime: 0,
    mutationFn: async (body: CreateUser): Promise<User> => {
      const { initialPassword, ...user } = await call(api.POST('/api/v1/users', { body }));
      onPassword(initialPassword);
      return user;
    },
    onSuccess: (user) => {
      queryClient.setQueryData(queryKeys.admin.user(user.id), user);
      invalidateUsers(queryClient);
    },
  });
}

/** A change of the account; a password reset's one-time password goes to `onPassword` only. */
export function useUpdateUser(id: string, onPassword: (password: string) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    gcTime: 0,
    mutationFn: async (body: UpdateUser): Promise<User> => {
      const { initialPassword, ...user } = await call(
        api.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body }),
      );
      if (initialPassword) onPassword(initialPassword);
      return user;
    },
    onSuccess: (user) => {
      queryClient.setQueryData(queryKeys.admin.user(id), user);
      invalidateUsers(queryClient);
    },
  });
}
