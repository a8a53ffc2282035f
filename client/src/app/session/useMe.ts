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

/** The last signed-in user seen: the staff member's own name and role, never case data. */
let lastSignedIn: Me | undefined;

/**
 * The signed-in user (inside RequireSession, where one always exists). While
 * the session is being forgotten, the signed-in screens render once more before
 * they unmount: they get the last user seen instead of failing.
 */
export function useSignedInUser(): Me {
  const { data } = useMe();
  if (data) lastSignedIn = data;
  if (!lastSignedIn) throw new Error('useSignedInUser outside a signed-in page');
  return lastSignedIn;
}
