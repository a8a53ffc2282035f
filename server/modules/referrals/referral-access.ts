import type { Transaction } from 'kysely';
import { referralSide, type ReferralSide } from '../../../security/policy';
import {
  inActorTransaction,
  type InstitutionSystemActor,
  type StaffActor,
} from '../../db/actor-transaction';
import { withAuditedRefusals } from '../../db/audited-record';
import type { DB } from '../../db/schema';
import { problems } from '../../http/problem';
import { record, type AuditAction, type AuditPurpose } from '../audit';
import { visibleCase, type CasesDeps } from '../cases';
import { findReferral, type ReferralRow } from './referrals.repository';

/** A partner user, or a partner institution's system over mutual TLS; or the sending team. */
export type ReferralActor = StaffActor | InstitutionSystemActor;

export interface ReferralsDeps extends CasesDeps {
  clock: () => Date;
}

export const isStaff = (actor: ReferralActor): actor is StaffActor =>
  actor.role !== 'institution_system';

/** Which side of the referral the actor is on, and how a sender reaches its case. */
export interface ReferralStanding {
  side: ReferralSide;
  /** Senders only: whether they reached the case by break-glass (then they may only read). */
  breakGlass: boolean;
}

/**
 * Which side the actor is on: the receiving institution's, or the sender's
 * (whoever may open the case, by row-level security and the case policy).
 * Anyone else gets the same 404 as for a missing referral.
 */
async function standingOf(
  deps: ReferralsDeps,
  actor: ReferralActor,
  trx: Transaction<DB>,
  row: ReferralRow,
): Promise<ReferralStanding> {
  let breakGlass = false;
  let mayOpenCase = false;
  if (isStaff(actor) && (actor.role === 'caseworker' || actor.role === 'supervisor')) {
    breakGlass = (await visibleCase(deps, actor, trx, row.case_id)).access === 'break_glass';
    mayOpenCase = true;
  }
  const side = referralSide(actor, { institutionId: row.institution_id }, mayOpenCase);
  if (!side) throw problems.notFound();
  return { side, breakGlass };
}

/**
 * The shape of every use case on one referral: loaded under the actor's
 * row-level security, the side decided by policy, one audit event for the
 * act (purpose `break_glass` for a sender who reached the case that way); a
 * referral the actor may not see answers 404 (the attempt audited), an act
 * that is not theirs 403 (audited).
 */
export function withReferral<T>(
  deps: ReferralsDeps,
  actor: ReferralActor,
  referralId: string,
  audit: { action: AuditAction; purpose?: AuditPurpose },
  work: (trx: Transaction<DB>, row: ReferralRow, standing: ReferralStanding) => Promise<T>,
): Promise<T> {
  const resource = {
    type: 'referral',
    id: referralId,
    exists: async (trx: Transaction<DB>) => (await findReferral(trx, referralId)) !== undefined,
  };
  return withAuditedRefusals(deps.store, actor, resource, () =>
    inActorTransaction(deps.store, actor, async (trx) => {
      const row = await findReferral(trx, referralId);
      if (!row) throw problems.notFound();
      const standing = await standingOf(deps, actor, trx, row);
      const result = await work(trx, row, standing);
      record(trx, {
        action: audit.action,
        purpose: standing.breakGlass ? 'break_glass' : audit.purpose,
        outcome: 'success',
        resourceType: 'referral',
        resourceId: row.id,
      });
      return result;
    }),
  );
}
