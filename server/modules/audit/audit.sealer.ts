import type { Store } from '../../db/actor-transaction';
import { setActorContext, SYSTEM_ACTOR } from '../../db/rls-context';
import { chainHash, eventMac } from './audit.chain';
import { lockChainHead, moveChainHead, readUnsealed, sealEvent } from './audit.repository';

const BATCH = 500;

/**
 * Links committed events into the chain, oldest first, in short transactions
 * of its own (the only place the chain head is locked). Use cases call it
 * after they have committed, without waiting: if another sealer holds the
 * head, that one seals their events too. Reads of the log (search, verify)
 * call it with `wait` first; a periodic sealer is the safety net. An unsealed row whose MAC is wrong was not
 * written by Amparo: it is left as it is, for verification to report.
 * Returns how many events were sealed.
 */
export async function sealPending(store: Store, options: { wait: boolean }): Promise<number> {
  let total = 0;
  // Until a batch seals nothing: a sealer that skipped because this one held
  // the head had committed its events first, so a later batch here finds them.
  for (;;) {
    const sealed = await sealBatch(store, options.wait);
    total += sealed;
    if (sealed === 0) return total;
  }
}

// A transaction of its own without inActorTransaction: that one calls the sealer.
function sealBatch(store: Store, wait: boolean): Promise<number> {
  return store.db.transaction().execute(async (trx) => {
    await setActorContext(trx, SYSTEM_ACTOR);
    const head = await lockChainHead(trx, { wait });
    if (!head) return 0;
    const pending = await readUnsealed(trx, BATCH);
    let { seq, hash: prevHash } = head;
    let sealed = 0;
    for (const event of pending) {
      if (!event.mac || !eventMac(store.auditKey, event).equals(event.mac)) continue;
      seq += 1n;
      const hash = chainHash(store.auditKey, prevHash, { ...event, seq });
      await sealEvent(trx, { ...event, seq, prevHash, hash });
      prevHash = hash;
      sealed += 1;
    }
    if (sealed > 0) await moveChainHead(trx, seq, prevHash);
    return sealed;
  });
}
