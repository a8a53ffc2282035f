import { sql } from 'kysely';
import { inActorTransaction, SYSTEM_ACTOR, type Store } from '../../db/actor-transaction';

const BATCH = 100;

/**
 * Referrals still unacknowledged past their due date: each is told to its
 * sender once (a notification and an e-mail), by `notify_overdue_referrals`
 * (migration 0021), whose marker row makes a second instance skip it.
 */
export async function notifyOverdueReferrals(store: Store, now: Date): Promise<number> {
  let found = 0;
  for (;;) {
    const done = await inActorTransaction(store, SYSTEM_ACTOR, async (trx) => {
      const { rows } = await sql<{
        n: number;
      }>`select notify_overdue_referrals(${now}, ${BATCH}) as n`.execute(trx);
      return Number(rows[0]?.n ?? 0);
    });
    found += done;
    if (done < BATCH) return found;
  }
}
