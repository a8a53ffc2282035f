import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../../api/client';
import { queryKeys } from '../../../api/query-keys';
import type { components } from '../../../api/schema';

export type Certificate = components['schemas']['InstitutionCertificate'];
export type IssueCertificate = components['schemas']['IssueCertificate'];
export type RevocationReason = components['schemas']['RevokeCertificate']['reason'];

export const REVOCATION_REASONS: readonly RevocationReason[] = [
  'key_compromise',
  'superseded',
  'cessation_of_operation',
  'other',
];

export function useCertificates(institutionId: string) {
  return useQuery({
    queryKey: queryKeys.admin.certificates(institutionId),
    queryFn: async () =>
      (
        await call(
          api.GET('/api/v1/institutions/{id}/certificates', {
            params: { path: { id: institutionId } },
          }),
        )
      ).items,
  });
}

/**
 * Issues a certificate. A generated one comes with its PKCS#12 bundle, once:
 * the bytes go to `onBundle` (the screen offers them for download, once) and
 * are stripped from what the mutation keeps.
 */
export function useIssueCertificate(institutionId: string, onBundle: (pkcs12: Blob) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    gcTime: 0,
    mutationFn: async (body: IssueCertificate): Promise<Certificate> => {
      const issued = await call(
        api.POST('/api/v1/institutions/{id}/certificates', {
          params: { path: { id: institutionId } },
          body,
        }),
      );
      if (issued.pkcs12) onBundle(base64ToBlob(issued.pkcs12, 'application/x-pkcs12'));
      return issued.certificate;
    },
    onSuccess: () =>
      void queryClient.invalidateQueries({ queryKey: queryKeys.admin.certificates(institutionId) }),
  });
}

export function useRevokeCertificate(institutionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: RevocationReason }) =>
      call(
        api.POST('/api/v1/certificates/{id}/revoke', {
          params: { path: { id } },
          body: { reason },
        }),
      ),
    onSuccess: () =>
      void queryClient.invalidateQueries({ queryKey: queryKeys.admin.certificates(institutionId) }),
  });
}

function base64ToBlob(base64: string, type: string): Blob {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type });
}

/**
 * A password for a generated PKCS#12 bundle, made in the browser (the API
 * never stores it): 24 characters without look-alikes, in groups of four.
 */
export function generateBundlePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  // Rejection sampling: values past the last whole multiple of the alphabet's
  // length are drawn again, so every character is exactly as likely.
  const limit = 2 ** 32 - (2 ** 32 % alphabet.length);
  const chars: string[] = [];
  const random = new Uint32Array(1);
  while (chars.length < 24) {
    crypto.getRandomValues(random);
    const value = random[0] ?? limit;
    if (value < limit) chars.push(alphabet.charAt(value % alphabet.length));
  }
  const groups: string[] = [];
  for (let i = 0; i < chars.length; i += 4) groups.push(chars.slice(i, i + 4).join(''));
  return groups.join('-');
}
