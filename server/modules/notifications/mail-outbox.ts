import type { Transaction } from 'kysely';
import type { Logger } from 'pino';
import { inActorTransaction, SYSTEM_ACTOR, type Store } from '../../db/actor-transaction';
import type { DB } from '../../db/schema';
import type { MailDropReason, MailKind } from '../../db/schema.notifications';
import { mailMessage } from './mail-message';
import type { Mailer } from './mailer';

/** How many due messages one claim takes. */
export const MAIL_BATCH = 20;
/** How long an instance holds the messages it is sending before another may retry them. */
export const LEASE_MS = 5 * 60 * 1000;
/**
 * The longest one message may take to send before it counts as failed. A
 * whole batch (MAIL_BATCH × this, 4 minutes) ends within the lease, and a message
 * is not started when the lease would end before it could finish.
 */
export const SEND_TIMEOUT_MS = 12_000;
export const MAX_ATTEMPTS = 8;
/**
 * An e-mail not sent within a day is dropped as `stale` (SMTP off for a
 * while, a long outage): the notice in the application stays, and mail about
 * what happened long ago would only confuse.
 */
export const MAIL_MAX_AGE_MS = 24 * 60 * 60 * 1000;
const FIRST_RETRY_MS = 60 * 1000;
const MAX_RETRY_MS = 6 * 60 * 60 * 1000;

/** E-mails sent and failed (one per recipient and kind), outbox rows dropped. */
export interface DeliveryResult {
  delivered: number;
  failed: number;
  dropped: number;
}

/** Backoff after the n-th failed attempt: 1, 2, 4 … minutes, at most six hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

/** The waiting messages of one recipient and kind: one e-mail covers them all. */
interface Group {
  key: string;
  ids: string[];
  kind: MailKind;
  attempts: number;
  email: string | null;
}

interface Claim {
  lease: Date;
  /** How many due messages the claim found (a full batch: look again). */
  found: number;
  stale: number;
  groups: Group[];
}

/**
 * Delivers what the outbox holds, off the request path. Messages are claimed
 * in a short transaction (FOR UPDATE SKIP LOCKED, then a lease computed from
 * the clock at that moment), sent with no transaction open, and marked
 * delivered — or retried later with backoff — in another, only while the
 * lease is still this run's (a late instance never settles what another one
 * has claimed since). Each recipient gets one e-mail per kind per run, however
 * many messages wait for them; messages older than MAIL_MAX_AGE_MS are
 * dropped, not sent. Logs ids and counts, never an address.
 */
export async function deliverPendingMail(
  store: Store,
  mailer: Mailer,
  publicUrl: string,
  clock: () => Date,
  logger?: Logger,
): Promise<DeliveryResult> {
  const result: DeliveryResult = { delivered: 0, failed: 0, dropped: 0 };
  const sentThisRun = new Set<string>();
  for (;;) {
    const claimed = await claim(store, clock());
    result.dropped += claimed.stale;
    const { lease } = claimed;
    for (const group of claimed.groups) {
      if (group.email === null) {
        await settle(store, group.ids, lease, {
          dropped_at: clock(),
          drop_reason: 'recipient_inactive',
        });
        result.dropped += group.ids.length;
        continue;
      }
      if (sentThisRun.has(group.key)) {
        // Already told in this run: this message adds nothing to that e-mail.
        await settle(store, group.ids, lease, { delivered_at: clock() });
        continue;
      }
      // Not started unless it can end while the lease is ours; the rest wait
      // for the lease to end and are then claimed again.
      if (clock().getTime() + SEND_TIMEOUT_MS >= lease.getTime()) break;
      try {
        await withTimeout(mailer.send(group.email, mailMessage(group.kind, publicUrl)));
        await settle(store, group.ids, lease, { delivered_at: clock() });
        sentThisRun.add(group.key);
        result.delivered += 1;
      } catch (error) {
        const exhausted = group.attempts >= MAX_ATTEMPTS;
        const now = clock();
        await settle(
          store,
          group.ids,
          lease,
          exhausted
            ? { dropped_at: now, drop_reason: 'attempts_exhausted' }
            : { next_attempt_at: new Date(now.getTime() + retryDelayMs(group.attempts)) },
        );
        result.failed += 1;
        logger?.warn(
          { outboxIds: group.ids, attempts: group.attempts, code: smtpCode(error), exhausted },
          'could not send a notification e-mail',
        );
      }
    }
    if (claimed.found < MAIL_BATCH) return result;
  }
}

/**
 * Drops, as `stale`, waiting messages older than MAIL_MAX_AGE_MS that no
 * instance holds. Used by each delivery and by the purge (which runs also
 * when SMTP is off). Returns how many.
 */
export async function dropStaleMail(trx: Transaction<DB>, now: Date): Promise<number> {
  const result = await trx
    .updateTable('mail_outbox')
    .set({ dropped_at: now, drop_reason: 'stale', claimed_until: null })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('mail_outbox')
        .select('id')
        .where('delivered_at', 'is', null)
        .where('dropped_at', 'is', null)
        .where('created_at', '<', new Date(now.getTime() - MAIL_MAX_AGE_MS))
        .where((w) => w.or([w('claimed_until', 'is', null), w('claimed_until', '<', now)]))
        .forUpdate()
        .skipLocked(),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Claims due messages, grouped by recipient and kind, and reads the addresses (as the system). */
async function claim(store: Store, now: Date): Promise<Claim> {
  return inActorTransaction(store, SYSTEM_ACTOR, async (trx) => {
    const lease = new Date(now.getTime() + LEASE_MS);
    const stale = await dropStaleMail(trx, now);
    const claimable = () =>
      trx
        .selectFrom('mail_outbox')
        .select(['id', 'kind', 'attempts', 'recipient_id'])
        .where('delivered_at', 'is', null)
        .where('dropped_at', 'is', null)
        .where('next_attempt_at', '<=', now)
        .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]));
    const due = await claimable()
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(MAIL_BATCH)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) return { lease, found: 0, stale, groups: [] };
    // The rest of the same recipients' messages of the same kinds: one e-mail tells them all.
    const more = await claimable()
      .where((eb) =>
        eb.or(
          due.map((r) =>
            eb.and([eb('recipient_id', '=', r.recipient_id), eb('kind', '=', r.kind)]),
          ),
        ),
      )
      .where(
        'id',
        'not in',
        due.map((r) => r.id),
      )
      .forUpdate()
      .skipLocked()
      .execute();
    const rows = [...due, ...more];
    await trx
      .updateTable('mail_outbox')
      .set((eb) => ({ claimed_until: lease, attempts: eb('attempts', '+', 1) }))
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    const recipients = await trx
      .selectFrom('users as u')
      .innerJoin('institutions as i', 'i.id', 'u.institution_id')
      .select(['u.id', 'u.email'])
      .where(
        'u.id',
        'in',
        rows.map((r) => r.recipient_id),
      )
      .where('u.active', '=', true)
      .where('i.disabled_at', 'is', null)
      .execute();
    const emails = new Map(recipients.map((u) => [u.id, u.email]));
    const groups = new Map<string, Group>();
    for (const r of rows) {
      const key = `${r.recipient_id}:${r.kind}`;
      const group = groups.get(key);
      if (group) {
        group.ids.push(r.id);
        group.attempts = Math.max(group.attempts, r.attempts + 1);
      } else {
        groups.set(key, {
          key,
          ids: [r.id],
          kind: r.kind,
          attempts: r.attempts + 1,
          email: emails.get(r.recipient_id) ?? null,
        });
      }
    }
    return { lease, found: due.length, stale, groups: [...groups.values()] };
  });
}

type Settlement =
  | { delivered_at: Date }
  | { next_attempt_at: Date }
  | { dropped_at: Date; drop_reason: MailDropReason };

/** Settles messages only while this run's lease on them holds: never another instance's claim. */
function settle(store: Store, ids: string[], lease: Date, settlement: Settlement): Promise<void> {
  return inActorTransaction(store, SYSTEM_ACTOR, async (trx) => {
    await trx
      .updateTable('mail_outbox')
      .set({ ...settlement, claimed_until: null })
      .where('id', 'in', ids)
      .where('claimed_until', '=', lease)
      .execute();
  });
}

/** Bounds one send, whatever the transport does: a hung server is a failed attempt. */
async function withTimeout(sending: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error('send timed out'), { code: 'SEND_TIMEOUT' })),
      SEND_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([sending, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** An SMTP response code or a socket error code: never the message (it may name an address). */
function smtpCode(error: unknown): string | number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { responseCode, code } = error as { responseCode?: unknown; code?: unknown };
  if (typeof responseCode === 'number') return responseCode;
  return typeof code === 'string' && /^[A-Z_]{1,32}$/.test(code) ? code : undefined;
}
