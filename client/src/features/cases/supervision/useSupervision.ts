import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../../api/client';
import { queryKeys } from '../../../api/query-keys';
import type { components } from '../../../api/schema';

export type ErasureReason = components['schemas']['EraseCase']['reason'];
export const ERASURE_REASONS: readonly ErasureReason[] = [
  'person_request',
  'legal_obligation',
  'data_minimisation',
  'duplicate_record',
  'created_in_error',
];

/**
 * What an assignment or an erasure changes beyond the case: every case list,
 * the sent referrals (whose cases are "mine" changed; an erasure closes their
 * packages), the team's pending consents, and the review queue (an erased
 * case's justifications can no longer be read).
 */
async function afterCaseChange(queryClient: ReturnType<typeof useQueryClient>) {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.cases.all }),
    queryClient.invalidateQueries({ queryKey: queryKeys.referrals.all }),
    queryClient.invalidateQueries({ queryKey: queryKeys.consents.all }),
    queryClient.invalidateQueries({ queryKey: queryKeys.reviews.all }),
  ]);
}

/** Assigns the case to a caseworker; it moves to that caseworker's team (supervisor). */
export function useAssignCase(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (assignedTo: string) =>
      call(
        api.POST('/api/v1/cases/{id}/assign', {
          params: { path: { id: caseId } },
          body: { assignedTo },
        }),
      ),
    // Not awaited: when the case left the team, the screen moves on before lists refresh.
    onSuccess: () => void afterCaseChange(queryClient),
  });
}

/** Erases the case by destroying its data key (supervisor of its team, step-up, reason). */
export function useEraseCase(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: ErasureReason) =>
      call(
        api.POST('/api/v1/cases/{id}/erase', {
          params: { path: { id: caseId } },
          body: { reason },
        }),
      ),
    onSuccess: () => {
      // The erased case's notes, files and consents leave memory now, not in five minutes.
      queryClient.removeQueries({
        predicate: ({ queryKey }) =>
          queryKey.length > 3 && queryKey[1] === 'detail' && queryKey[2] === caseId,
      });
      return afterCaseChange(queryClient);
    },
  });
}
