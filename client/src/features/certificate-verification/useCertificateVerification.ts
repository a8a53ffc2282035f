import { useQuery } from '@tanstack/react-query';
import { call } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { components } from '../../api/schema';
import { publicApi } from '../statistics/publicApi';

export type CertificateVerification = components['schemas']['TrainingCertificateVerification'];

/**
 * Checks a (well-formed) code, without a session or a cookie. The answer is
 * kept in memory only while the page shows it: it carries a person's name.
 */
export function useCertificateVerification(code: string | null) {
  return useQuery({
    queryKey: queryKeys.certificateVerification(code ?? ''),
    queryFn: () =>
      call(
        publicApi.GET('/api/v1/public/certificates/{code}', {
          params: { path: { code: code ?? '' } },
        }),
      ),
    enabled: code !== null,
    retry: false,
    staleTime: 0,
    gcTime: 0,
  });
}
