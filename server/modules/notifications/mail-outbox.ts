import type { Logger } from 'pino';
import { inActorTransaction, SYSTEM_ACTOR, type Store } from '../../db/actor-transaction';
import type { MailKind } from '../../db/schema.notifications';
import { mailMessage } from './mail-message';
import type { Mailer } from './mailer';

const BATCH = 20;
/** How long an instance holds the messages it is sending before another may retry them. */
const LEASE_MS = 5 * 60 * 1000;
export const MAX_ATTEMPTS = 8;
const FIRST_RETRY_MS = 60 * 1000;
const MAX_RETRY_MS = 6 * 60 * 60 * 1000;

export interface DeliveryResult {
  delivered: number;
  failed: number;
  dropped: number;
}

/** Backoff after the n-th failed attempt: 1, 2, 4 … minutes, at most six hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

interface Claimed {
  id: string;
  kind: MailKind;
  attempts: number;
  email: string | null;
}

/**
 * Delivers what the outbox holds, off the request path. Messages are claimed
 * in a short transaction (FOR UPDATE SKIP LOCKED, then a lease), sent with no
 * transaction open, and marked delivered — or retried later with backoff —
 * in another. Several instances never send the same message twice: a claimed
 * one is skipped until its lease ends (only a crash between sending and
 * marking can repeat one). Logs ids and counts, never an address.
 */
export async function deliverPendingMail(
  store: Store,
  mailer: Mailer,
  publicUrl: string,
  now: Date,
  logger?: Logger,
): Promise<DeliveryResult> {
  const result: DeliveryResult = { delivered: 0, failed: 0, dropped: 0 };
  for (;;) {
    const claimed = await claim(store, now);
    for (const message of claimed) {
      if (message.email === null) {
        await settle(store, message.id, { dropped_at: now, drop_reason: 'recipient_inactive' });
        result.dropped += 1;
        continue;
      }
      try {
        await mailer.send(message.email, mailMessage(message.kind, publicUrl));
        await settle(store, message.id, { delivered_at: now });
        result.delivered += 1;
      } catch (error) {
        const exhausted = message.attempts >= MAX_ATTEMPTS;
        await settle(
          store,
          message.id,
          exhausted
            ? { dropped_at: now, drop_reason: 'attempts_exhausted' }
            : { next_attempt_at: new Date(now.getTime() + retryDelayMs(message.attempts)) },
        );
        result.failed += 1;
        logger?.warn(
          { outboxId: message.id, attempts: message.attempts, code: smtpCode(error), exhausted },
          'could not send a notification e-mail',
        );
      }
    }
    if (claimed.length < BATCH) return result;
  }
}

/** Claims due messages and reads their recipients' addresses (as the system). */
async function claim(store: Store, now: Date): Promise<Claimed[]> {
  return inActorTransaction(store, SYSTEM_ACTOR, async (trx) => {
    const rows = await trx
      .selectFrom('mail_outbox')
      .select(['id', 'kind', 'attempts', 'recipient_id'])
      .where('delivered_at', 'is', null)
      .where('dropped_at', 'is', null)
      .where('next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(BATCH)
      .forUpdate()
      .skipLocked()
      .execute();
    if (rows.length === 0) return [];
    await trx
      .updateTable('mail_outbox')
      .set((eb) => ({
        claimed_until: new Date(now.getTime() + LEASE_MS),
        attempts: eb('attempts', '+', 1),
      }))
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
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      attempts: r.attempts + 1,
      email: emails.get(r.recipient_id) ?? null,
    }));
  });
}

type Settlement =
  | { delivered_at: Date }
  | { next_attempt_at: Date }
  | { dropped_at: Date; drop_reason: 'recipient_inactive' | 'attempts_exhausted' };

function settle(store: Store, id: string, settlement: Settlement): Promise<void> {
  return inActorTransaction(store, SYSTEM_ACTOR, async (trx) => {
    await trx
      .updateTable('mail_outbox')
      .set({ ...settlement, claimed_until: null })
      .where('id', '=', id)
      .execute();
  });
}

/** An SMTP response code or a socket error code: never the message (it may name an address). */
function smtpCode(error: unknown): string | number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { responseCode, code } = error as { responseCode?: unknown; code?: unknown };
  if (typeof responseCode === 'number') return responseCode;
  return typeof code === 'string' && /^[A-Z_]{1,32}$/.test(code) ? code : undefined;
}
