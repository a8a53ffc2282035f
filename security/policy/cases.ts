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

/**
 * Need-to-know, the same rule as row-level security (`actor_may_see_case`):
 * the assignee; the team's caseworkers with team access; the team's
 * supervisor; anyone of a case role with a live break-glass grant.
 */
export function canViewCase(
  actor: Pick<PolicyActor, 'id' | 'role'>,
  team: ActorTeam,
  kase: CaseOwnership,
): boolean {
  if (!canHoldCases(actor)) return false;
  if (team.breakGlass) return true;
  if (actor.role === 'caseworker') {
    return kase.assignedTo === actor.id || (team.teamAccess && team.teamId === kase.teamId);
  }
  return team.teamId === kase.teamId;
}
