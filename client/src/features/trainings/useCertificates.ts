import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { components } from '../../api/schema';
import { saveBlob } from '../../ui/saveBlob';

export type Certificate = components['schemas']['TrainingCertificate'];

/** A programme's certificates, valid and revoked (holders' names: an audited read). */
export function useCertificates(programmeId: string) {
  return useQuery({
    queryKey: queryKeys.trainings.certificates(programmeId),
    queryFn: () =>
      call(
        api.GET('/api/v1/trainings/programmes/{id}/certificates', {
          params: { path: { id: programmeId } },
        }),
      ),
    staleTime: 60_000,
  });
}

/** Issues certificates: to everyone who completed and holds none, or to the ones named. */
export function useIssueCertificates(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (who: { allCompleted: true } | { participantIds: string[] }) =>
      call(
        api.POST('/api/v1/trainings/programmes/{id}/certificates', {
          params: { path: { id: programmeId } },
          body: who,
        }),
      ),
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: queryKeys.trainings.certificates(programmeId) }),
  });
}

export function useRevokeCertificate(programmeId: string, certificateId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) =>
      call(
        api.POST('/api/v1/trainings/certificates/{id}/revoke', {
          params: { path: { id: certificateId } },
          body: { reason },
        }),
      ),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: queryKeys.trainings.certificates(programmeId) }),
  });
}

/**
 * Saves a certificate's PDF under a name that carries its code, never the
 * holder's name (a download's name stays in the browser's history).
 */
export function useDownloadCertificate() {
  return useMutation({
    mutationFn: async (certificate: Certificate) => {
      const blob = await call(
        api.GET('/api/v1/trainings/certificates/{id}/pdf', {
          params: { path: { id: certificate.id } },
          parseAs: 'blob',
        }),
      );
      const code = (certificate.code ?? certificate.id).replace(/[^A-Za-z0-9-]/g, '');
      saveBlob(blob, `certificado-${code}.pdf`);
    },
  });
}
