import type { Transaction } from 'kysely';
import type { Logger } from 'pino';
import { inActorTransaction, SYSTEM_ACTOR, type Store } from '../../db/actor-transaction';
import type { DB } from '../../db/schema';
import { GENESIS_HASH } from './audit.chain';
import { readChainHashAt, readChainHead } from './audit.repository';
import { sealPending } from './audit.sealer';

/**
 * A chain position and its hash, kept outside the database: a log cut back
 * together with its head no longer reaches it. The hash is an HMAC under
 * AUDIT_KEY, no personal data.
 */
export interface AuditAnchor {
  seq: bigint;
  hash: Buffer;
}

export const AUDIT_ANCHOR_MESSAGE = 'audit chain anchor';

const MAX_SEQ = 2n ** 63n - 1n; // PostgreSQL bigint

/** `<seq>:<hex hash>`, as logged and as `verify-audit --anchor` takes it. */
export function formatAnchor(anchor: AuditAnchor): string {
  return `${anchor.seq}:${anchor.hash.toString('hex')}`;
}

/** Exactly `<decimal seq>:<64 hex digits>` (either case); anything else is undefined. */
export function parseAnchor(text: string): AuditAnchor | undefined {
  const match = /^([0-9]{1,19}):([0-9a-fA-F]{64})$/.exec(text);
  if (!match) return undefined;
  const seq = BigInt(match[1]!);
  if (seq > MAX_SEQ) return undefined;
  return { seq, hash: Buffer.from(match[2]!, 'hex') };
}

export interface AuditAnchorLogger {
  /** Logs the head when it moved since the last anchor line (the first call always logs). */
  logIfMoved(): Promise<void>;
  /** At shutdown: seals what has committed, then logs the head whether it moved or not. */
  logFinal(): Promise<void>;
}

/** Writes the chain head to the server log, for operators to keep outside the database. */
export function auditAnchorLogger(store: Store, logger: Logger): AuditAnchorLogger {
  let last: string | undefined;
  const log = async (always: boolean) => {
    const head = await inActorTransaction(store, SYSTEM_ACTOR, (trx) => readChainHead(trx));
    const anchor = formatAnchor(head);
    if (!always && anchor === last) return;
    logger.info({ auditAnchor: anchor }, AUDIT_ANCHOR_MESSAGE);
    last = anchor;
  };
  return {
    logIfMoved: () => log(false),
    logFinal: async () => {
      await sealPending(store, { wait: true });
      await log(true);
    },
  };
}

export type AnchorCheck =
  | { ok: true; anchor: AuditAnchor }
  /** The log ends before the anchor: its newest events were deleted. */
  | { ok: false; anchor: AuditAnchor; problem: 'truncated'; headSeq: bigint }
  /** The event at the anchor's seq is missing or is not the one anchored. */
  | { ok: false; anchor: AuditAnchor; problem: 'mismatch' };

/**
 * Whether the log still reaches the anchor: the event at its seq exists (so it
 * is sealed) and has its hash. Run it in the snapshot that verifyAuditChain
 * checked, which tells whether the chain up to there is itself intact.
 */
export async function checkAnchor(trx: Transaction<DB>, anchor: AuditAnchor): Promise<AnchorCheck> {
  const head = await readChainHead(trx);
  if (head.seq < anchor.seq) return { ok: false, anchor, problem: 'truncated', headSeq: head.seq };
  const hash = anchor.seq === 0n ? GENESIS_HASH : await readChainHashAt(trx, anchor.seq);
  if (!hash?.equals(anchor.hash)) return { ok: false, anchor, problem: 'mismatch' };
  return { ok: true, anchor };
}
