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
