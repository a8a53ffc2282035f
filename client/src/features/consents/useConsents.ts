import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { components } from '../../api/schema';

export type Consent = components['schemas']['Consent'];
export type NewConsent = components['schemas']['NewConsent'];
export type ConsentScope = components['schemas']['ConsentScope'];
export type ConsentPurpose = components['schemas']['ConsentPurpose'];
export type DataCategory = components['schemas']['DataCategory'];
export type Sector = components['schemas']['InstitutionSector'];
export type RevocationReason = components['schemas']['RevokeConsent']['reason'];

/** The case's consents, every version (an audited read of the case on the server). */
export function useCaseConsents(caseId: string) {
  return useQuery({
    queryKey: queryKeys.cases.consents(caseId),
    queryFn: async () =>
      (await call(api.GET('/api/v1/cases/{id}/consents', { params: { path: { id: caseId } } })))
        .items,
  });
}

/**
 * What a consent decision changes: the case's consents, the supervisor's
 * approval queue, the case, and (revocation) its referrals and their packages.
 */
function invalidateAfterConsent(queryClient: QueryClient, caseId: string) {
  void queryClient.invalidateQueries({ queryKey: queryKeys.cases.consents(caseId) });
  void queryClient.invalidateQueries({ queryKey: queryKeys.cases.detail(caseId) });
  void queryClient.invalidateQueries({ queryKey: queryKeys.consents.all });
  void queryClient.invalidateQueries({ queryKey: queryKeys.referrals.all });
}

export function useRecordConsent(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewConsent) =>
      call(api.POST('/api/v1/cases/{id}/consents', { params: { path: { id: caseId } }, body })),
    onSuccess: () => invalidateAfterConsent(queryClient, caseId),
  });
}

export function useApproveConsent(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (consentId: string) =>
      call(
        api.POST('/api/v1/consents/{id}/approve', {
          params: { path: { id: consentId } },
          body: {},
        }),
      ),
    onSettled: () => invalidateAfterConsent(queryClient, caseId),
  });
}

export function useRevokeConsent(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ consentId, reason }: { consentId: string; reason: RevocationReason }) =>
      call(
        api.POST('/api/v1/consents/{id}/revoke', {
          params: { path: { id: consentId } },
          body: { reason },
        }),
      ),
    onSettled: () => invalidateAfterConsent(queryClient, caseId),
  });
}

/** A version that can still change (a new version, a revocation): not revoked, not replaced. */
export const isCurrent = (consent: Consent) =>
  consent.status !== 'revoked' && consent.status !== 'superseded';

/** Every version of the chain a consent belongs to (revoking one revokes all of them). */
export function versionsOf(consent: Consent, all: readonly Consent[]): Consent[] {
  const byId = new Map(all.map((c) => [c.id, c]));
  const chain: Consent[] = [consent];
  let previous = consent.supersedes ? byId.get(consent.supersedes) : undefined;
  while (previous && !chain.includes(previous)) {
    chain.unshift(previous);
    previous = previous.supersedes ? byId.get(previous.supersedes) : undefined;
  }
  return chain;
}

export const CONSENT_PURPOSES: readonly ConsentPurpose[] = [
  'service_referral',
  'information_sharing',
  'statistics',
  'follow_up_contact',
];
export const DATA_CATEGORIES: readonly DataCategory[] = [
  'minimal',
  'identity',
  'contact',
  'situation',
  'health',
  'legal',
  'education',
];
export const SECTORS: readonly Sector[] = [
  'justice',
  'health',
  'social_protection',
  'education',
  'labour',
  'migration',
  'shelter',
  'legal_aid',
  'other',
];
export const REVOCATION_REASONS: readonly RevocationReason[] = [
  'person_withdrew',
  'guardian_withdrew',
  'recorded_in_error',
  'other',
];
