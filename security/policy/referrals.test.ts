import {
  REFERRAL_STATUSES,
  referralSide,
  transitionRefusal,
  type ReferralSide,
  type ReferralStatus,
} from './referrals';

const STATUSES: readonly ReferralStatus[] = REFERRAL_STATUSES;

/** The lifecycle of the issue, written out move by move. */
const LEGAL: Record<ReferralSide, string[]> = {
  recipient: [
    'sent→acknowledged',
    'acknowledged→accepted',
    'acknowledged→declined',
    'accepted→in_progress',
    'in_progress→completed',
  ],
  sender: [
    'sent→withdrawn',
    'acknowledged→withdrawn',
    'accepted→withdrawn',
    'in_progress→withdrawn',
  ],
};
/** The statuses each side may ever set; nobody sets `sent` or `expired` by a transition. */
const THEIRS: Record<ReferralSide, ReferralStatus[]> = {
  recipient: ['acknowledged', 'accepted', 'declined', 'in_progress', 'completed'],
  sender: ['withdrawn'],
};

const cases = (['recipient', 'sender'] as const).flatMap((side) =>
  STATUSES.flatMap((from) => STATUSES.map((to) => [side, from, to] as const)),
);

describe('transitionRefusal: every side × from × to', () => {
  it('covers every status there is', () => {
    expect([...REFERRAL_STATUSES].sort()).toEqual([...STATUSES].sort());
  });

  it.each(cases)('%s: %s → %s', (side, from, to) => {
    const expected = !THEIRS[side].includes(to)
      ? 'not_yours'
      : LEGAL[side].includes(`${from}→${to}`)
        ? null
        : 'illegal';
    expect(transitionRefusal(side, from, to)).toBe(expected);
  });

  it('lets nobody leave an ended status', () => {
    for (const side of ['recipient', 'sender'] as const) {
      for (const from of ['declined', 'completed', 'withdrawn', 'expired'] as const) {
        for (const to of STATUSES) expect(transitionRefusal(side, from, to)).not.toBeNull();
      }
    }
  });

  it('has exactly the legal moves of the lifecycle', () => {
    const allowed = cases
      .filter(([side, from, to]) => transitionRefusal(side, from, to) === null)
      .map(([side, from, to]) => `${side}:${from}→${to}`);
    expect(allowed.sort()).toEqual(
      [
        ...LEGAL.recipient.map((m) => `recipient:${m}`),
        ...LEGAL.sender.map((m) => `sender:${m}`),
      ].sort(),
    );
  });
});

describe('referralSide (the same rule as row-level security)', () => {
  const referral = { institutionId: 'hospital' };
  it.each([
    ['a partner of the institution', 'partner', 'hospital', false, 'recipient'],
    [
      'a partner of the institution, even "may open case"',
      'partner',
      'hospital',
      true,
      'recipient',
    ],
    ['a partner of another institution', 'partner', 'fiscalia', false, null],
    ['a partner of another institution, "may open case"', 'partner', 'fiscalia', true, null],
    ['a partner without institution', 'partner', null, false, null],
    ["the institution's system", 'institution_system', 'hospital', false, 'recipient'],
    ["another institution's system", 'institution_system', 'fiscalia', false, null],
    ['a system without institution', 'institution_system', null, true, null],
    ['a caseworker who may open the case', 'caseworker', 'lead', true, 'sender'],
    ['a caseworker who may not', 'caseworker', 'lead', false, null],
    ['a supervisor who may open the case', 'supervisor', 'lead', true, 'sender'],
    ['a supervisor who may not', 'supervisor', 'lead', false, null],
    ['a caseworker of the receiving institution', 'caseworker', 'hospital', false, null],
    ['an admin', 'admin', 'lead', true, null],
    ['an auditor', 'auditor', 'lead', true, null],
    ['a coordinator', 'coordinator', 'lead', true, null],
    ['the system', 'system', null, true, null],
  ] as const)('%s → %s', (_label, role, institutionId, mayOpenCase, expected) => {
    expect(referralSide({ role, institutionId }, referral, mayOpenCase)).toBe(expected);
  });
});
