import type { Store } from '../../db/actor-transaction';
import { releaseRequestTransaction } from '../../db/request-transaction';
import { setActorContext, SYSTEM_ACTOR } from '../../db/rls-context';
import { chainHash, eventMac } from './audit.chain';
import { lockChainHead, moveChainHead, readUnsealed, sealEvents } from './audit.repository';

const BATCH = 500;

/**
 * Links committed events into the chain, oldest first, a batch per short
 * transaction of its own (the only place the chain head is locked). Off the
 * request path: the process's periodic sealer calls it without `wait` (when
 * another instance holds the head, that one is sealing: one sealer at a time
 * across instances), reads of the log (search, verify, the anchor) call it
 * with `wait` first. An unsealed row whose MAC is wrong was not written by
 * Amparo: it is left as it is, for verification to report.
 * Returns how many events were sealed.
 */
export async function sealPending(store: Store, options: { wait: boolean }): Promise<number> {
  // Never beside a request's open transaction: one connection per request.
  await releaseRequestTransaction();
  let total = 0;
  let after: string | undefined;
  for (;;) {
    const batch = await sealBatch(store, options.wait, after);
    total += batch.sealed;
    // Another batch only when this one read a full page; rows skipped (a
    // wrong MAC) are passed over, not read again.
    if (!batch.full) return total;
    after = batch.lastWritten;
  }
}

interface Batch {
  sealed: number;
  full: boolean;
  lastWritten?: string;
}

// A transaction of its own without inActorTransaction, which records audit events.
function sealBatch(store: Store, wait: boolean, after: string | undefined): Promise<Batch> {
  return store.db.transaction().execute(async (trx) => {
    await setActorContext(trx, SYSTEM_ACTOR);
    const head = await lockChainHead(trx, { wait });
    if (!head) return { sealed: 0, full: false };
    const pending = await readUnsealed(trx, BATCH, after);
    let { seq, hash: prevHash } = head;
    const chained = [];
    for (const event of pending) {
      if (!event.mac || !eventMac(store.auditKey, event).equals(event.mac)) continue;
      seq += 1n;
      const hash = chainHash(store.auditKey, prevHash, { ...event, seq });
      chained.push({ ...event, seq, prevHash, hash });
      prevHash = hash;
    }
    if (chained.length > 0) {
      await sealEvents(trx, chained);
      await moveChainHead(trx, seq, prevHash);
    }
    return {
      sealed: chained.length,
      full: pending.length === BATCH,
      lastWritten: pending.at(-1)?.written,
    };
  });
}
