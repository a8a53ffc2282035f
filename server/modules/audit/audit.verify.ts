import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { chainHash, eventMac, GENESIS_HASH } from './audit.chain';
import {
  readChainHead,
  readEventsAfter,
  readUnsealed,
  type ChainedEvent,
} from './audit.repository';

export type AuditProblem = 'modified' | 'inserted' | 'deleted';

export type AuditVerification =
  | { ok: true; events: number; lastSeq: string; unsealed: number }
  | {
      ok: false;
      events: number;
      /** The first position where the log stops being what Amparo wrote. */
      firstBadSeq: string;
      firstBadId: string | null;
      problem: AuditProblem;
      detail: string;
    };

const PAGE = 1_000;
/** Sealing runs after every audited commit; more than this unsealed means it is not running. */
const MAX_UNSEALED = 100_000;

/**
 * Walks the whole chain in order and recomputes every link. A changed row
 * breaks its own HMAC; a deleted row leaves a gap in `seq` (or a head that
 * points past the end); a row added by anyone without the key lies beyond the
 * head or does not link to its predecessor. Run it in a REPEATABLE READ
 * transaction so that events appended meanwhile are not mistaken for forgeries.
 */
export async function verifyAuditChain(
  trx: Transaction<DB>,
  key: Buffer,
): Promise<AuditVerification> {
  const head = await readChainHead(trx);
  let expectedSeq = 1n;
  let prevHash: Buffer = GENESIS_HASH;
  let count = 0;
  const failure = (event: ChainedEvent | null, problem: AuditProblem, detail: string) => ({
    ok: false as const,
    events: count,
    firstBadSeq: (event?.seq ?? expectedSeq).toString(),
    firstBadId: event?.id ?? null,
    problem,
    detail,
  });

  for (;;) {
    const page = await readEventsAfter(trx, expectedSeq - 1n, PAGE);
    for (const event of page) {
      if (event.seq > head.seq) return failure(event, 'inserted', 'lies beyond the chain head');
      if (event.seq !== expectedSeq) {
        const missing = `events ${expectedSeq}–${event.seq - 1n} are missing`;
        return failure(null, 'deleted', `${missing}; the next one present is ${event.id}`);
      }
      if (!event.prevHash.equals(prevHash)) {
        return failure(event, 'inserted', 'does not link to the previous event');
      }
      if (
        !chainHash(key, event.prevHash, event).equals(event.hash) ||
        (event.mac !== null && !eventMac(key, event).equals(event.mac))
      ) {
        return failure(event, 'modified', 'its content does not match its HMAC');
      }
      prevHash = event.hash;
      expectedSeq += 1n;
      count += 1;
    }
    if (page.length < PAGE) break;
  }
  if (head.seq !== expectedSeq - 1n) {
    return failure(null, 'deleted', `the head counts ${head.seq} events; the log ends before`);
  }
  if (!head.hash.equals(prevHash)) {
    return failure(null, 'modified', 'the chain head does not match the last event');
  }
  // Events committed but not sealed yet (normally none, or a few milliseconds' worth).
  const unsealed = await readUnsealed(trx, MAX_UNSEALED);
  for (const event of unsealed) {
    if (!event.mac || !eventMac(key, event).equals(event.mac)) {
      return {
        ...failure(null, 'inserted', 'an unsealed event whose MAC does not match'),
        firstBadSeq: (head.seq + 1n).toString(),
        firstBadId: event.id,
      };
    }
  }
  return { ok: true, events: count, lastSeq: head.seq.toString(), unsealed: unsealed.length };
}
