import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { components } from '../../api/schema';
import { rememberDuplicates } from './detail/duplicate-warnings';

type Schemas = components['schemas'];
export type IntakeCase = Schemas['IntakeCase'];
export type UpdateCase = Schemas['UpdateCase'];
export type IntakeResult = Schemas['IntakeResult'];

/**
 * After a change the server answers with the case as it is now: it goes into
 * the cache (no second audited read), and lists are refreshed.
 */
function useCaseWritten() {
  const queryClient = useQueryClient();
  return (result: IntakeResult) => {
    const id = result.case.id;
    rememberDuplicates(id, result.possibleDuplicates);
    queryClient.setQueryData(queryKeys.cases.detail(id), result.case);
    void queryClient.invalidateQueries({ queryKey: [...queryKeys.cases.all, 'list'] });
  };
}

export function useIntakeCase() {
  const written = useCaseWritten();
  return useMutation({
    mutationFn: (body: IntakeCase) => call(api.POST('/api/v1/cases', { body })),
    onSuccess: written,
  });
}

/** A partial change from a version (identity, attributes, risk or status with its reason). */
export function useUpdateCase(caseId: string) {
  const written = useCaseWritten();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateCase) =>
      call(api.PATCH('/api/v1/cases/{id}', { params: { path: { id: caseId } }, body })),
    onSuccess: (result) => {
      written(result);
      // Referrals and consents read the case's status and age band.
      void queryClient.invalidateQueries({ queryKey: queryKeys.referrals.all });
    },
  });
}

export type AgeCorrectionReason = Schemas['RequestAgeCorrection']['reason'];

/** Asks another supervisor of the team to approve an age that makes a minor an adult. */
export function useRequestAgeCorrection(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['RequestAgeCorrection']) =>
      call(
        api.POST('/api/v1/cases/{id}/age-correction', { params: { path: { id: caseId } }, body }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.cases.all }),
  });
}
