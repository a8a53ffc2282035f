import type { Referral } from '../referrals/useReferrals';
import type { Consent, DataCategory } from './useConsents';

interface Recipient {
  institutionId: string;
  sector: string | undefined;
}

const ENDED: readonly Referral['status'][] = ['declined', 'completed', 'withdrawn', 'expired'];

/** The server's rule (security/policy/consent.ts): minimal needs service_referral, the rest information_sharing. */
function needs(categories: readonly DataCategory[]) {
  return ['minimal' as const, ...categories.filter((c) => c !== 'minimal')].map((category) => ({
    category,
    purpose: category === 'minimal' ? 'service_referral' : 'information_sharing',
  }));
}

function covers(consent: Consent, referral: Referral, recipient: Recipient): boolean {
  return needs(referral.categories).some(
    (need) =>
      consent.purposes.includes(need.purpose as Consent['purposes'][number]) &&
      consent.scope.some(
        (scope) =>
          (scope.institutionIds.includes(recipient.institutionId) ||
            (recipient.sector !== undefined &&
              (scope.sectors as string[]).includes(recipient.sector))) &&
          scope.categories.includes(need.category),
      ),
  );
}

/** When a version was in effect: from recording (or approval) until the next version or its end. */
function inEffect(version: Consent, next: Consent | undefined, at: string): boolean {
  const from = version.givenBy === 'person' ? version.createdAt : version.approvedAt;
  if (!from || at < from) return false;
  const until = next?.createdAt ?? version.validUntil ?? version.revokedAt;
  return until === null || at < until;
}

export interface RevocationPreview {
  /** Not yet opened by the institution: withdrawn, their package destroyed. */
  withdrawn: Referral[];
  /** Already opened: they keep their status; their package is destroyed. */
  closed: Referral[];
}

/**
 * What revoking this consent will do to the case's referrals, as the server
 * does it: a referral made while a version of the consent was in effect and
 * covered part of what it disclosed was made under it; unopened ones are
 * withdrawn, and every package still available is destroyed.
 */
export function previewRevocation(
  versions: readonly Consent[],
  referrals: readonly Referral[],
  sectorOf: (institutionId: string) => string | undefined,
): RevocationPreview {
  const under = referrals.filter((referral) => {
    const recipient = {
      institutionId: referral.institutionId,
      sector: sectorOf(referral.institutionId),
    };
    return versions.some(
      (version, index) =>
        inEffect(version, versions[index + 1], referral.createdAt) &&
        covers(version, referral, recipient),
    );
  });
  const withdrawn = under.filter((r) => !r.openedAt && !ENDED.includes(r.status));
  const closed = under.filter((r) => !withdrawn.includes(r) && r.packageAvailable);
  return { withdrawn, closed };
}
