import type { Transaction } from 'kysely';
import type { DbActor, StaffActor } from '../../db/actor-transaction';
import { asSystemWithin } from '../../db/rls-context';
import type { DB } from '../../db/schema';
import type { PackageClosedReason, ReferralStatus } from '../../db/schema.partners';
import { problems } from '../../http/problem';
import { record, type AuditPurpose } from '../audit';
import { assertMayAct } from '../cases';
import { withReferral, type ReferralsDeps } from './referral-access';
import { toReferral } from './referral-view';
import type { Referral } from './referrals.schemas';
import {
  deletePackages,
  markPackagesClosed,
  referralsWithOpenPackage,
} from './referrals.repository';

/**
 * What ends a referral also ends its disclosure: withdrawal, decline and
 * expiry destroy the package in the transaction that moves the referral.
 * A completed referral keeps its package (see COMPLETED_PACKAGE_DAYS).
 */
export const CLOSES_PACKAGE: Partial<Record<ReferralStatus, PackageClosedReason>> = {
  withdrawn: 'withdrawn',
  declined: 'declined',
  expired: 'expired',
};

/**
 * How long the receiving institution can still read (and export) the package
 * of a completed referral, to file what it received in its own records; the
 * hourly job then destroys it. Revocation and erasure close it at once.
 */
export const COMPLETED_PACKAGE_DAYS = 30;

/**
 * Marks packages closed and deletes their rows. The delete runs as the
 * system: the sender decides, but may not read packages (RLS). One audit
 * event per package this call closed. Returns the package rows deleted.
 */
export async function closePackages(
  trx: Transaction<DB>,
  actor: DbActor,
  referralIds: string[],
  reason: PackageClosedReason,
  at: Date,
): Promise<number> {
  if (referralIds.length === 0) return 0;
  const closed = await markPackagesClosed(trx, referralIds, reason, at);
  for (const id of closed) recordClosure(trx, id, reason);
  return destroyPackages(trx, actor, referralIds);
}

/** The package rows of referrals already marked closed in this transaction. */
export function destroyPackages(
  trx: Transaction<DB>,
  actor: DbActor,
  referralIds: string[],
): Promise<number> {
  return asSystemWithin(trx, actor, () => deletePackages(trx, referralIds));
}

/** The cases module's `onErased`: every package of the case's referrals is closed. */
export const erasureEffects =
  (clock: () => Date) => async (trx: Transaction<DB>, actor: DbActor, caseId: string) => {
    const open = await referralsWithOpenPackage(trx, caseId);
    await closePackages(trx, actor, open, 'case_erased', clock());
  };

export function recordClosure(
  trx: Transaction<DB>,
  referralId: string,
  reason: AuditPurpose,
): void {
  record(trx, {
    action: 'referral.package.close',
    outcome: 'success',
    resourceType: 'referral',
    resourceId: referralId,
    purpose: reason,
  });
}

/**
 * The sender closes a package early (sent in error, or no longer needed once
 * the service is done): the partner cannot keep it by completing the
 * referral at once. The case's own people only; the referral keeps its status.
 */
export function closePackageAsSender(
  deps: ReferralsDeps,
  actor: StaffActor,
  referralId: string,
): Promise<Referral> {
  const audit = { action: 'referral.package.close', purpose: 'closed_by_sender' } as const;
  return withReferral(deps, actor, referralId, audit, async (trx, row, { side, breakGlass }) => {
    if (side !== 'sender') throw problems.forbidden();
    assertMayAct({ access: breakGlass ? 'break_glass' : 'own' }, 'refer');
    const now = deps.clock();
    const closed = await markPackagesClosed(trx, [row.id], 'closed_by_sender', now);
    if (closed.length === 0) {
      throw problems
        .conflict('package_closed', 'This package is no longer available')
        .with('reason', row.package_closed_reason);
    }
    await destroyPackages(trx, actor, [row.id]);
    return toReferral(
      { ...row, package_closed_at: now, package_closed_reason: 'closed_by_sender' },
      side,
      now,
    );
  });
}
