import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../../api/client';
import { forgetCsrfToken } from '../../../api/csrf';
import { ME_QUERY_KEY } from '../useMe';

export type Step = 'credentials' | 'change_password' | 'enroll_totp' | 'totp';

/** Each login step is one call; the session (and with it the CSRF token) changes at sign-in. */
export function useLogin() {
  return useMutation({
    mutationFn: async (body: { email: string; password: string }) => {
      forgetCsrfToken();
      return (await call(api.POST('/api/v1/auth/login', { body }))).next;
    },
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: async (body: { currentPassword: string; newPassword: string }) =>
      (await call(api.POST('/api/v1/auth/password', { body }))).next,
  });
}

export function useEnrolment() {
  return useMutation({
    mutationFn: () => call(api.POST('/api/v1/auth/totp/enroll')),
  });
}

export function useSecondFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => call(api.POST('/api/v1/auth/totp', { body: { code } })),
    onSuccess: (me) => {
      forgetCsrfToken();
      queryClient.setQueryData(ME_QUERY_KEY, me);
    },
  });
}
