import type { PolicyActor } from './actor';

type Role = PolicyActor['role'];

/** Users and institutions are administered by admins only (PRODUCT.md: admin sees no case content). */
export function canAdministerAccounts(actor: PolicyActor): boolean {
  return actor.role === 'admin';
}

/**
 * Partners are staff of receiving institutions; every other role works in the
 * lead agency. Later modules (referrals, cases) rely on this to scope access.
 */
export function roleFitsInstitution(role: Role, institution: { isLeadAgency: boolean }): boolean {
  return role === 'partner' ? !institution.isLeadAgency : institution.isLeadAgency;
}

export type AccountChangeRefusal =
  'cannot_disable_self' | 'cannot_change_own_role' | 'cannot_reset_own_credentials';

/**
 * An admin never disables or re-roles themself: another admin must, so that
 * a stolen admin session cannot quietly lock out or become the last admin.
 * Nor do they reset or unlock their own credentials here: a reset ends all
 * their sessions at once, this one included (they change their password
 * through POST /auth/password instead, or another admin resets them).
 */
export function refuseAccountChange(
  actor: PolicyActor,
  target: { id: string; role: Role },
  change: {
    role?: Role;
    active?: boolean;
    resetPassword?: boolean;
    resetSecondFactor?: boolean;
    unlockSecondFactor?: boolean;
  },
): AccountChangeRefusal | null {
  if (actor.id !== target.id) return null;
  if (change.active === false) return 'cannot_disable_self';
  if (change.role !== undefined && change.role !== target.role) return 'cannot_change_own_role';
  if (change.resetPassword || change.resetSecondFactor || change.unlockSecondFactor) {
    return 'cannot_reset_own_credentials';
  }
  return null;
}

/** The parts of an account change that matter for step-up. */
export interface AccountChange {
  role?: unknown;
  institutionId?: unknown;
  teamId?: unknown;
  teamAccess?: unknown;
  active?: boolean;
  resetPassword?: boolean;
  resetSecondFactor?: boolean;
  unlockSecondFactor?: boolean;
}

/**
 * Changes that grant access to data or to administration need a second
 * factor entered within the step-up window: creating an account (always),
 * and changing its role, institution, team or team access, re-enabling it,
 * or resetting or unlocking its credentials. A display name or disabling an
 * account grants nothing and does not.
 */
export function accountChangeNeedsStepUp(change: AccountChange): boolean {
  return (
    change.role !== undefined ||
    change.institutionId !== undefined ||
    change.teamId !== undefined ||
    change.teamAccess !== undefined ||
    change.active === true ||
    change.resetPassword === true ||
    change.resetSecondFactor === true ||
    change.unlockSecondFactor === true
  );
}
