import {
  consentCoverage,
  consentStatus,
  DATA_CATEGORIES,
  needsApproval,
  referralNeeds,
  type ConsentFacts,
  type ConsentNeed,
  type DataCategory,
} from './consent';

const NOW = new Date('2026-11-22T12:00:00Z');
const before = new Date(NOW.getTime() - 1);
const after = new Date(NOW.getTime() + 1);

const consent = (facts: Partial<ConsentFacts> = {}): ConsentFacts => ({
  id: 'c1',
  givenBy: 'person',
  validUntil: null,
  purposes: ['service_referral', 'information_sharing'],
  scope: [],
  approved: false,
  revoked: false,
  superseded: false,
  ...facts,
});

describe('needsApproval', () => {
  it.each([
    ['person', false],
    ['guardian', true],
    ['best_interest', true],
  ] as const)('%s → %s', (givenBy, expected) => {
    expect(needsApproval(givenBy)).toBe(expected);
  });
});

describe('consentStatus', () => {
  it.each<[string, Partial<ConsentFacts>, boolean, string]>([
    ["an adult's own consent", {}, false, 'active'],
    ['valid until later', { validUntil: after }, false, 'active'],
    ['valid until now exactly', { validUntil: NOW }, false, 'expired'],
    ['valid until before now', { validUntil: before }, false, 'expired'],
    ['revoked', { revoked: true }, false, 'revoked'],
    ['superseded', { superseded: true }, false, 'superseded'],
    ['revoked and superseded', { revoked: true, superseded: true }, false, 'revoked'],
    ['superseded and expired', { superseded: true, validUntil: before }, false, 'superseded'],
    ['revoked and expired', { revoked: true, validUntil: before }, false, 'revoked'],
    ["a guardian's, not approved", { givenBy: 'guardian' }, false, 'pending_approval'],
    ["a guardian's, approved", { givenBy: 'guardian', approved: true }, false, 'active'],
    ['best interest, not approved', { givenBy: 'best_interest' }, true, 'pending_approval'],
    [
      'best interest, approved, minor',
      { givenBy: 'best_interest', approved: true },
      true,
      'active',
    ],
    ["a guardian's, approved, minor", { givenBy: 'guardian', approved: true }, true, 'active'],
    [
      "a guardian's, pending, expired",
      { givenBy: 'guardian', validUntil: before },
      true,
      'expired',
    ],
    ["a minor's own consent", {}, true, 'not_valid_for_minor'],
    ["a minor's own consent, expired", { validUntil: before }, true, 'expired'],
    ["a minor's own consent, revoked", { revoked: true }, true, 'revoked'],
    [
      'revoked after approval',
      { givenBy: 'guardian', approved: true, revoked: true },
      true,
      'revoked',
    ],
  ])('%s → %s', (_label, facts, minor, expected) => {
    expect(consentStatus(consent(facts), minor, NOW)).toBe(expected);
  });
});

describe('referralNeeds', () => {
  it('always asks service_referral for minimal, information_sharing for every other category', () => {
    expect(referralNeeds([])).toEqual([{ purpose: 'service_referral', category: 'minimal' }]);
    expect(referralNeeds(['minimal'])).toEqual([
      { purpose: 'service_referral', category: 'minimal' },
    ]);
    expect(referralNeeds(['health', 'legal', 'health'])).toEqual([
      { purpose: 'service_referral', category: 'minimal' },
      { purpose: 'information_sharing', category: 'health' },
      { purpose: 'information_sharing', category: 'legal' },
    ]);
    const all = referralNeeds(DATA_CATEGORIES);
    expect(all).toHaveLength(DATA_CATEGORIES.length);
    expect(all.filter((n) => n.purpose === 'service_referral')).toEqual([
      { purpose: 'service_referral', category: 'minimal' },
    ]);
  });
});

describe('consentCoverage', () => {
  const hospital = { institutionId: 'hospital', sector: 'health' };
  const fiscalia = { institutionId: 'fiscalia', sector: 'justice' };
  const escuela = { institutionId: 'escuela', sector: 'education' };
  const needs = (...categories: DataCategory[]) => referralNeeds(categories);
  const missingOf = (
    consents: ConsentFacts[],
    need: ConsentNeed[],
    to = hospital,
    minor = false,
  ): ConsentNeed[] => consentCoverage(consents, need, to, minor, NOW).missing;

  const healthAndFiscalia = consent({
    id: 'c-main',
    scope: [
      { sectors: ['health'], institutionIds: [], categories: ['minimal', 'health', 'contact'] },
      { sectors: [], institutionIds: ['fiscalia'], categories: ['minimal', 'legal'] },
    ],
  });

  it('decides every category × recipient as the scope says', () => {
    const covered: Record<string, readonly DataCategory[]> = {
      hospital: ['minimal', 'health', 'contact'],
      fiscalia: ['minimal', 'legal'],
      escuela: [],
    };
    for (const to of [hospital, fiscalia, escuela]) {
      for (const category of DATA_CATEGORIES) {
        const missing = missingOf([healthAndFiscalia], [need(category)], to);
        const expected = covered[to.institutionId]!.includes(category) ? [] : [need(category)];
        expect([to.institutionId, category, missing]).toEqual([
          to.institutionId,
          category,
          expected,
        ]);
      }
    }
  });

  it('names every uncovered need, and the consents used for the covered ones', () => {
    const coverage = consentCoverage(
      [healthAndFiscalia],
      needs('health', 'legal', 'education'),
      hospital,
      false,
      NOW,
    );
    expect(coverage).toEqual({
      usedConsentIds: ['c-main'],
      missing: [
        { purpose: 'information_sharing', category: 'legal' },
        { purpose: 'information_sharing', category: 'education' },
      ],
    });
  });

  it('needs the purpose as well as the scope', () => {
    const referralOnly = consent({
      purposes: ['service_referral'],
      scope: [{ sectors: ['health'], institutionIds: [], categories: [...DATA_CATEGORIES] }],
    });
    expect(missingOf([referralOnly], needs('health'))).toEqual([
      { purpose: 'information_sharing', category: 'health' },
    ]);
    const sharingOnly = consent({ ...referralOnly, purposes: ['information_sharing'] });
    expect(missingOf([sharingOnly], needs('health'))).toEqual([
      { purpose: 'service_referral', category: 'minimal' },
    ]);
    const otherPurposes = consent({
      ...referralOnly,
      purposes: ['statistics', 'follow_up_contact'],
    });
    expect(missingOf([otherPurposes], needs('health'))).toEqual(needs('health'));
  });

  it('combines consents: each need met by any active one, all of them reported', () => {
    const a = consent({
      id: 'b',
      purposes: ['service_referral'],
      scope: [{ sectors: ['health'], institutionIds: [], categories: ['minimal'] }],
    });
    const b = consent({
      id: 'a',
      purposes: ['information_sharing'],
      scope: [{ sectors: [], institutionIds: ['hospital'], categories: ['health'] }],
    });
    expect(consentCoverage([a, b], needs('health'), hospital, false, NOW)).toEqual({
      usedConsentIds: ['a', 'b'],
      missing: [],
    });
  });

  it('ignores consents that are not active', () => {
    const scope = healthAndFiscalia.scope;
    for (const facts of [
      { revoked: true },
      { superseded: true },
      { validUntil: before },
      { givenBy: 'guardian' as const },
      { givenBy: 'best_interest' as const },
    ]) {
      const coverage = consentCoverage(
        [consent({ scope, ...facts })],
        needs(),
        hospital,
        false,
        NOW,
      );
      expect([facts, coverage]).toEqual([facts, { usedConsentIds: [], missing: needs() }]);
    }
  });

  it("for a minor, counts only an approved guardian's or best-interest consent", () => {
    const scope = healthAndFiscalia.scope;
    expect(missingOf([consent({ scope })], needs(), hospital, true)).toEqual(needs());
    expect(missingOf([consent({ scope, givenBy: 'guardian' })], needs(), hospital, true)).toEqual(
      needs(),
    );
    for (const givenBy of ['guardian', 'best_interest'] as const) {
      const approved = consent({ scope, givenBy, approved: true });
      expect(missingOf([approved], needs('health'), hospital, true)).toEqual([]);
    }
  });
});

function need(category: DataCategory): ConsentNeed {
  return category === 'minimal'
    ? { purpose: 'service_referral', category }
    : { purpose: 'information_sharing', category };
}
