import type { PolicyActor } from './actor';

/**
 * Only caseworkers and supervisors hold case records (PRODUCT.md). Partners
 * get referral packages; coordinators, auditors and admins never see cases.
 */
export function canHoldCases(actor: Pick<PolicyActor, 'role'>): boolean {
  return actor.role === 'caseworker' || actor.role === 'supervisor';
}

export interface CaseOwnership {
  teamId: string;
  assignedTo: string | null;
}

export interface ActorTeam {
  teamId: string | null;
  teamAccess: boolean;
  /** An unexpired break-glass grant of this actor on this case. */
  breakGlass: boolean;
}

/** How an actor may reach a case: as its own (assignee, team), only by break-glass, or not at all. */
export type CaseAccess = 'own' | 'break_glass' | 'none';

/**
 * Need-to-know, the same rule as row-level security (`actor_may_see_case`):
 * the assignee; the team's caseworkers with team access; the team's
 * supervisor; anyone of a case role with a live break-glass grant.
 */
export function caseAccess(
  actor: Pick<PolicyActor, 'id' | 'role'>,
  team: ActorTeam,
  kase: CaseOwnership,
): CaseAccess {
  if (!canHoldCases(actor)) return 'none';
  const sameTeam = team.teamId === kase.teamId;
  const own =
    actor.role === 'caseworker'
      ? kase.assignedTo === actor.id || (team.teamAccess && sameTeam)
      : sameTeam;
  if (own) return 'own';
  return team.breakGlass ? 'break_glass' : 'none';
}

export function canViewCase(
  actor: Pick<PolicyActor, 'id' | 'role'>,
  team: ActorTeam,
  kase: CaseOwnership,
): boolean {
  return caseAccess(actor, team, kase) !== 'none';
}

/**
 * What can be done to a case. Break-glass is for reading in an emergency:
 * whoever reached a case only through a grant may read it and add a note
 * (what was done in the emergency); everything that changes the case, who
 * owns or can see it, its consents or its referrals needs ordinary access.
 * Row-level security says the same (`actor_owns_case`, migration 0016).
 */
export const CASE_ACTIONS = [
  'read',
  'add_note',
  'attach',
  'edit',
  'change_status',
  'assign',
  'erase',
  'record_consent',
  'decide_consent',
  'refer',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

const BREAK_GLASS_ACTIONS: ReadonlySet<CaseAction> = new Set(['read', 'add_note']);

export function mayActOnCase(access: CaseAccess, action: CaseAction): boolean {
  if (access === 'own') return true;
  return access === 'break_glass' && BREAK_GLASS_ACTIONS.has(action);
}
