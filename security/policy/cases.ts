import type { PolicyActor } from './actor';

/**
 * Only caseworkers and supervisors hold case records (PRODUCT.md). Partners
 * get referral packages; coordinators, auditors and admins never see cases.
 */
export function canHoldCases(actor: Pick<PolicyActor, 'role'>): boolean {
  return actor.role === 'caseworker' || actor.role === 'supervisor';
}
