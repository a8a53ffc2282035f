/**
 * npm run verify-audit [-- --anchor SEQ:HASH ...]
 * Recomputes the audit log's HMAC chain and names the first event that is not
 * what Amparo wrote. Exit 0: intact; 2: tampered; 1: could not check.
 * Each --anchor (an `auditAnchor` value from the server log) must still be
 * reached: a log cut back together with its chain head is otherwise intact.
 * Uses DATABASE_URL (or the embedded database under DATA_DIR — stop the server
 * first: the embedded engine is single-process) and AUDIT_KEY.
 */
import { parseArgs } from 'node:util';
import { inActorTransaction, SYSTEM_ACTOR } from '../server/db/actor-transaction';
import {
  checkAnchor,
  formatAnchor,
  parseAnchor,
  record,
  sealPending,
  verifyAuditChain,
  type AnchorCheck,
  type AuditAnchor,
} from '../server/modules/audit';
import { runOperatorCommand } from './operator-command';

const USAGE =
  'usage: npm run verify-audit [-- --anchor SEQ:HASH ...]  ' +
  '(SEQ decimal, HASH 64 hex digits, as in the server log’s auditAnchor lines)';

const anchors = anchorsFromArguments();

runOperatorCommand('verify-audit', async ({ store }) => {
  await sealPending(store, { wait: true });
  const { result, checks } = await inActorTransaction(
    store,
    SYSTEM_ACTOR,
    async (trx) => {
      const result = await verifyAuditChain(trx, store.auditKey);
      const checks: AnchorCheck[] = [];
      for (const anchor of anchors) checks.push(await checkAnchor(trx, anchor));
      return { result, checks };
    },
    { isolation: 'repeatable read' },
  );
  const failed = checks.filter((check): check is FailedCheck => !check.ok);
  const ok = result.ok && failed.length === 0;
  await inActorTransaction(store, SYSTEM_ACTOR, (trx) => {
    record(trx, { action: 'audit.verify', outcome: ok ? 'success' : 'error' });
    return Promise.resolve();
  });
  for (const check of failed) console.log(anchorProblem(check));
  if (result.ok) {
    const summary =
      `${result.events} events, last seq ${result.lastSeq}` +
      `${result.unsealed > 0 ? `, ${result.unsealed} committed events awaiting their seal` : ''}`;
    if (failed.length > 0) console.log(`The chain itself is consistent: ${summary}.`);
    else console.log(`Audit log intact: ${summary}.${reachedAnchors(checks)}`);
    return ok ? 0 : 2;
  }
  console.log(
    `Audit log TAMPERED at seq ${result.firstBadSeq}` +
      `${result.firstBadId ? ` (event ${result.firstBadId})` : ''}: ` +
      `${result.problem} — ${result.detail}. ${result.events} events verified before it.`,
  );
  return 2;
});

function anchorsFromArguments(): AuditAnchor[] {
  try {
    const { values } = parseArgs({ options: { anchor: { type: 'string', multiple: true } } });
    const parsed = (values.anchor ?? []).map(parseAnchor);
    if (parsed.every((anchor) => anchor !== undefined)) return parsed;
  } catch {
    // An unknown option or a missing value: the usage says what is expected.
  }
  console.error(USAGE);
  process.exit(1);
}

type FailedCheck = Extract<AnchorCheck, { ok: false }>;

function anchorProblem(check: FailedCheck): string {
  const { seq } = check.anchor;
  if (check.problem === 'truncated') {
    return (
      `Audit log TAMPERED: it no longer reaches the anchor seq ${seq} ` +
      `(the head is at ${check.headSeq}): events were deleted from its end.`
    );
  }
  return (
    `Audit log TAMPERED: the event at seq ${seq} does not match the anchor ` +
    `${formatAnchor(check.anchor)} (missing or replaced: the log was cut back before it, ` +
    'or the anchor is not from this log).'
  );
}

function reachedAnchors(checks: AnchorCheck[]): string {
  if (checks.length === 0) return '';
  const seqs = checks.map((check) => check.anchor.seq.toString()).join(', ');
  return ` It reaches the anchor${checks.length > 1 ? 's' : ''} at seq ${seqs}.`;
}
