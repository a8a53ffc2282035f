import type { Transaction } from 'kysely';
import { referralSide, type ReferralSide } from '../../../security/policy';
import type { InstitutionSystemActor, StaffActor } from '../../db/actor-transaction';
import { onAuditedRecord } from '../../db/audited-record';
import type { DB } from '../../db/schema';
import { problems } from '../../http/problem';
import { visibleCase, type CasesDeps } from '../cases';
import { findReferral, type ReferralRow } from './referrals.repository';

/** A partner user, or a partner institution's system over mutual TLS; or the sending team. */
export type ReferralActor = StaffActor | InstitutionSystemActor;

export interface ReferralsDeps extends CasesDeps {
  clock: () => Date;
}

export const isStaff = (actor: ReferralActor): actor is StaffActor =>
  actor.role !== 'institution_system';

/**
 * Which side the actor is on: the receiving institution's, or the sender's
 * (whoever may open the case, by row-level security and the case policy).
 * Anyone else gets the same 404 as for a missing referral.
 */
async function sideOf(
  deps: ReferralsDeps,
  actor: ReferralActor,
  trx: Transaction<DB>,
  row: ReferralRow,
): Promise<ReferralSide> {
  let mayOpenCase = false;
  if (isStaff(actor) && (actor.role === 'caseworker' || actor.role === 'supervisor')) {
    await visibleCase(deps, actor, trx, row.case_id);
    mayOpenCase = true;
  }
  const side = referralSide(actor, { institutionId: row.institution_id }, mayOpenCase);
  if (!side) throw problems.notFound();
  return side;
}

/**
 * The shape of every use case on one referral: loaded under the actor's
 * row-level security, the side decided by policy, one audit event for the
 * act; a referral the actor may not see answers 404 (the attempt audited),
 * an act that is not theirs 403 (audited).
 */
export function withReferral<T>(
  deps: ReferralsDeps,
  actor: ReferralActor,
  referralId: string,
  audit: { action: string; purpose?: string },
  work: (trx: Transaction<DB>, row: ReferralRow, side: ReferralSide) => Promise<T>,
): Promise<T> {
  const useCase = {
    resource: { type: 'referral', id: referralId },
    exists: async (trx: Transaction<DB>) => (await findReferral(trx, referralId)) !== undefined,
    audit,
  };
  return onAuditedRecord(deps.store, actor, useCase, async (trx) => {
    const row = await findReferral(trx, referralId);
    if (!row) throw problems.notFound();
    return work(trx, row, await sideOf(deps, actor, trx, row));
  });
}
