export const REFERRAL_STATUSES = [
  'sent',
  'acknowledged',
  'accepted',
  'declined',
  'in_progress',
  'completed',
  'withdrawn',
  'expired',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** The sending team acts on a referral through its case; the receiving institution through the package. */
export type ReferralSide = 'sender' | 'recipient';

const MOVES: Record<ReferralSide, Partial<Record<ReferralStatus, ReferralStatus[]>>> = {
  recipient: {
    sent: ['acknowledged'],
    acknowledged: ['accepted', 'declined'],
    accepted: ['in_progress'],
    in_progress: ['completed'],
  },
  sender: {
    sent: ['withdrawn'],
    acknowledged: ['withdrawn'],
    accepted: ['withdrawn'],
    in_progress: ['withdrawn'],
  },
};

/**
 * Why a side may not move a referral from one status to another: `not_yours`
 * when that status is never theirs to set (403), `illegal` when it is not
 * reachable from here (409); null when the move is allowed.
 */
export function transitionRefusal(
  side: ReferralSide,
  from: ReferralStatus,
  to: ReferralStatus,
): 'not_yours' | 'illegal' | null {
  const moves = MOVES[side];
  const everTheirs = Object.values(moves).some((targets) => targets.includes(to));
  if (!everTheirs) return 'not_yours';
  return moves[from]?.includes(to) ? null : 'illegal';
}

/** Which side of a referral an actor is on, if any (the same rule as row-level security). */
export function referralSide(
  actor: { role: string; institutionId: string | null },
  referral: { institutionId: string },
  mayOpenCase: boolean,
): ReferralSide | null {
  if (actor.role === 'partner' || actor.role === 'institution_system') {
    return actor.institutionId !== null && actor.institutionId === referral.institutionId
      ? 'recipient'
      : null;
  }
  if (actor.role === 'caseworker' || actor.role === 'supervisor') {
    return mayOpenCase ? 'sender' : null;
  }
  return null;
}
