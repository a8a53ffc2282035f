import { sql } from 'kysely';
import { inActorTransaction, SYSTEM_ACTOR, type Store } from '../../db/actor-transaction';
import { record } from '../audit';
import {
  closePackages,
  COMPLETED_PACKAGE_DAYS,
  destroyPackages,
  recordClosure,
} from './package-closure';
import { insertReferralEvent, moveReferral } from './referrals.repository';

/** How long after its acknowledgement due date an unacknowledged referral stays open. */
export const EXPIRY_AFTER_DUE_DAYS = 30;
const BATCH = 100;
const DAY_MS = 86_400_000;

/**
 * A referral nobody acknowledged within EXPIRY_AFTER_DUE_DAYS of its due
 * date expires: the sender sees it ended and can refer elsewhere; the
 * partner can no longer act on it, and its package is destroyed. Run
 * periodically by the server, as the system; each expiry is a history entry
 * and audit events.
 */
export async function expireUnacknowledgedReferrals(store: Store, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - EXPIRY_AFTER_DUE_DAYS * DAY_MS);
  let expired = 0;
  for (;;) {
    const done = await inActorTransaction(store, SYSTEM_ACTOR, async (trx) => {
      const rows = await trx
        .selectFrom('referrals')
        .select(['id', 'package_closed_at'])
        .where('status', '=', 'sent')
        .where('acknowledge_by', '<', cutoff)
        .limit(BATCH)
        .forUpdate()
        .skipLocked()
        .execute();
      for (const { id, package_closed_at } of rows) {
        await moveReferral(trx, id, 'sent', {
          status: 'expired',
          updated_at: now,
          closePackage: { reason: 'expired', at: now },
        });
        await insertReferralEvent(trx, {
          referral_id: id,
          from_status: 'sent',
          to_status: 'expired',
          actor_kind: 'system',
          actor_id: null,
          created_at: now,
        });
        record(trx, {
          action: 'referral.transition',
          outcome: 'success',
          resourceType: 'referral',
          resourceId: id,
          purpose: 'expired',
        });
        if (!package_closed_at) recordClosure(trx, id, 'expired');
      }
      await destroyPackages(
        trx,
        SYSTEM_ACTOR,
        rows.map((row) => row.id),
      );
      return rows.length;
    });
    expired += done;
    if (done < BATCH) return expired;
  }
}

/**
 * The package of a completed referral is kept COMPLETED_PACKAGE_DAYS for the
 * receiving institution's own file, then destroyed (hourly, as the system).
 */
export async function closeCompletedPackages(store: Store, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - COMPLETED_PACKAGE_DAYS * DAY_MS);
  let closed = 0;
  for (;;) {
    const done = await inActorTransaction(store, SYSTEM_ACTOR, async (trx) => {
      const rows = await trx
        .selectFrom('referrals as r')
        .select('r.id')
        .where('r.status', '=', 'completed')
        .where('r.package_closed_at', 'is', null)
        .where(
          sql<boolean>`exists (select 1 from referral_events e where e.referral_id = r.id
                        and e.to_status = 'completed' and e.created_at < ${cutoff})`,
        )
        .limit(BATCH)
        .forUpdate()
        .skipLocked()
        .execute();
      const ids = rows.map((row) => row.id);
      await closePackages(trx, SYSTEM_ACTOR, ids, 'retention_ended', now);
      return ids.length;
    });
    closed += done;
    if (done < BATCH) return closed;
  }
}
