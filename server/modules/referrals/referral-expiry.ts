import { inActorTransaction, SYSTEM_ACTOR, type Store } from '../../db/actor-transaction';
import { record } from '../audit';
import { insertReferralEvent, moveReferral } from './referrals.repository';

/** How long after its acknowledgement due date an unacknowledged referral stays open. */
export const EXPIRY_AFTER_DUE_DAYS = 30;
const BATCH = 100;

/**
 * A referral nobody acknowledged within EXPIRY_AFTER_DUE_DAYS of its due
 * date expires: the sender sees it ended and can refer elsewhere; the
 * partner can no longer act on it. Run periodically by the server, as the
 * system; each expiry is a history entry and an audit event.
 */
export async function expireUnacknowledgedReferrals(store: Store, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - EXPIRY_AFTER_DUE_DAYS * 86_400_000);
  let expired = 0;
  for (;;) {
    const done = await inActorTransaction(store, SYSTEM_ACTOR, async (trx) => {
      const rows = await trx
        .selectFrom('referrals')
        .select('id')
        .where('status', '=', 'sent')
        .where('acknowledge_by', '<', cutoff)
        .limit(BATCH)
        .forUpdate()
        .skipLocked()
        .execute();
      for (const { id } of rows) {
        await moveReferral(trx, id, 'sent', { status: 'expired', updated_at: now });
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
      }
      return rows.length;
    });
    expired += done;
    if (done < BATCH) return expired;
  }
}
