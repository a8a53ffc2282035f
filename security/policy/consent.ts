/**
 * Consent rules (PRODUCT.md), pure: which consents are in effect, and whether
 * they cover a disclosure of given data categories to a given institution.
 */
export const CONSENT_PURPOSES = [
  'service_referral',
  'information_sharing',
  'statistics',
  'follow_up_contact',
] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const DATA_CATEGORIES = [
  'minimal',
  'identity',
  'contact',
  'situation',
  'health',
  'legal',
  'education',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

export type ConsentGiver = 'person' | 'guardian' | 'best_interest';

/** One line of a consent's scope: these sectors and/or named institutions may receive these categories. */
export interface ConsentScope {
  sectors: readonly string[];
  institutionIds: readonly string[];
  categories: readonly DataCategory[];
}

export interface ConsentFacts {
  id: string;
  givenBy: ConsentGiver;
  validUntil: Date | null;
  purposes: readonly ConsentPurpose[];
  scope: readonly ConsentScope[];
  approved: boolean;
  revoked: boolean;
  superseded: boolean;
}

export type ConsentStatus =
  'active' | 'pending_approval' | 'revoked' | 'superseded' | 'expired' | 'not_valid_for_minor';

/** A guardian's consent and a best-interest determination take effect only once a supervisor approves them. */
export function needsApproval(givenBy: ConsentGiver): boolean {
  return givenBy !== 'person';
}

/**
 * Where a consent stands now. For a minor, only a guardian's consent or a
 * best-interest determination counts, and only once approved.
 */
export function consentStatus(consent: ConsentFacts, minor: boolean, now: Date): ConsentStatus {
  if (consent.revoked) return 'revoked';
  if (consent.superseded) return 'superseded';
  if (consent.validUntil && consent.validUntil.getTime() <= now.getTime()) return 'expired';
  if (needsApproval(consent.givenBy) && !consent.approved) return 'pending_approval';
  if (minor && consent.givenBy === 'person') return 'not_valid_for_minor';
  return 'active';
}

export interface Recipient {
  institutionId: string;
  sector: string;
}

/** What a disclosure needs: a purpose, for a category, to a recipient. */
export interface ConsentNeed {
  purpose: ConsentPurpose;
  category: DataCategory;
}

/**
 * A referral needs `service_referral` for the minimal data that always goes
 * with it, and `information_sharing` for every further category.
 */
export function referralNeeds(categories: readonly DataCategory[]): ConsentNeed[] {
  const needs: ConsentNeed[] = [{ purpose: 'service_referral', category: 'minimal' }];
  for (const category of new Set(categories)) {
    if (category !== 'minimal') needs.push({ purpose: 'information_sharing', category });
  }
  return needs;
}

function scopeCovers(scope: ConsentScope, recipient: Recipient, category: DataCategory): boolean {
  const reaches =
    scope.sectors.includes(recipient.sector) ||
    scope.institutionIds.includes(recipient.institutionId);
  return reaches && scope.categories.includes(category);
}

export interface Coverage {
  /** The active consents that cover the needs met. */
  usedConsentIds: string[];
  missing: ConsentNeed[];
}

/** Which needs the active consents cover for this recipient, and which they do not. */
export function consentCoverage(
  consents: readonly ConsentFacts[],
  needs: readonly ConsentNeed[],
  recipient: Recipient,
  minor: boolean,
  now: Date,
): Coverage {
  const active = consents.filter((c) => consentStatus(c, minor, now) === 'active');
  const used = new Set<string>();
  const missing: ConsentNeed[] = [];
  for (const need of needs) {
    const covering = active.filter(
      (c) =>
        c.purposes.includes(need.purpose) &&
        c.scope.some((s) => scopeCovers(s, recipient, need.category)),
    );
    if (covering.length === 0) missing.push(need);
    for (const c of covering) used.add(c.id);
  }
  return { usedConsentIds: [...used].sort(), missing };
}
