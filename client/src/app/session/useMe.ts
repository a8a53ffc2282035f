import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { isProblem } from '../../api/problem';
import { queryKeys } from '../../api/query-keys';
import type { components } from '../../api/schema';

export type Me = components['schemas']['Me'];
export type Role = Me['user']['role'];

export const ME_QUERY_KEY = queryKeys.me;

/** The signed-in user and their session's limits; null when nobody is signed in. */
async function fetchMe(): Promise<Me | null> {
  try {
    return await call(api.GET('/api/v1/auth/me'));
  } catch (error) {
    if (isProblem(error) && error.status === 401) return null;
    throw error;
  }
}

export function useMe() {
  return useQuery({
    queryKey: ME_QUERY_KEY,
    queryFn: fetchMe,
    // Asking the server extends the session: only on demand, never on a timer or focus.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    retry: false,
  });
}

/** The signed-in user (inside RequireSession, where one always exists). */
export function useSignedInUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useSignedInUser outside a signed-in page');
  return data;
}
