import { createHmac } from 'node:crypto';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Store } from '../../db/actor-transaction';
import { throttleAddress } from './client-address';
import { throttleStoreClient } from './throttle-store';

/**
 * Brute-force policy for the password step (documented in the README):
 * - 10 consecutive failures for one account *from one IP address* lock that
 *   pair for 15 minutes; a success resets the count. Because the IP is part
 *   of the key, an attacker elsewhere cannot lock the real user out.
 * - 100 failures from one IP address in a day block that address for a day,
 *   whatever accounts it tries.
 * An IPv6 address counts as its /64 (see client-address.ts).
 */
export interface ThrottlePolicy {
  consecutivePerAccountAndIp: number;
  lockSeconds: number;
  failuresPerIpPerDay: number;
  ipBlockSeconds: number;
}

export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = {
  consecutivePerAccountAndIp: 10,
  lockSeconds: 15 * 60,
  failuresPerIpPerDay: 100,
  ipBlockSeconds: 24 * 60 * 60,
};

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Each counter update is its own short transaction, so call it outside a
 * use-case transaction (on the embedded engine, whose single session is
 * handed out one transaction at a time, calling it inside one would wait forever).
 */
export class LoginThrottle {
  private readonly byAccountAndIp: RateLimiterPostgres;
  private readonly byIp: RateLimiterPostgres;

  constructor(
    store: Store,
    private readonly keySecret: Buffer,
    policy: ThrottlePolicy = DEFAULT_THROTTLE_POLICY,
  ) {
    const storeClient = throttleStoreClient(store);
    const common = {
      storeClient,
      storeType: 'client',
      tableName: 'login_throttle',
      tableCreated: true, // by migration 0005, with its grants and RLS
      clearExpiredByTimeout: false,
    };
    this.byAccountAndIp = new RateLimiterPostgres({
      ...common,
      keyPrefix: 'acct_ip',
      points: policy.consecutivePerAccountAndIp,
      duration: 90 * 24 * 60 * 60, // "consecutive": only a success resets it
      blockDuration: policy.lockSeconds,
    });
    this.byIp = new RateLimiterPostgres({
      ...common,
      keyPrefix: 'ip_day',
      points: policy.failuresPerIpPerDay,
      duration: 24 * 60 * 60,
      blockDuration: policy.ipBlockSeconds,
    });
  }

  /** Before checking a password: may this account be tried from this address now? */
  async check(email: string, clientIp: string): Promise<ThrottleVerdict> {
    const ip = throttleAddress(clientIp);
    // One after the other: a request never holds two connections.
    const pair = await this.byAccountAndIp.get(this.key(email, ip));
    const address = await this.byIp.get(this.key(ip));
    const waits = [
      blockedFor(pair, this.byAccountAndIp.points),
      blockedFor(address, this.byIp.points),
    ];
    const retryAfterSeconds = Math.max(...waits);
    return retryAfterSeconds > 0 ? { allowed: false, retryAfterSeconds } : { allowed: true };
  }

  /** After a wrong password (or an unknown account). True when this failure locked the pair. */
  async recordFailure(email: string, clientIp: string): Promise<{ locked: boolean }> {
    const ip = throttleAddress(clientIp);
    const pairLocked = await countAndMaybeBlock(this.byAccountAndIp, this.key(email, ip));
    await countAndMaybeBlock(this.byIp, this.key(ip));
    return { locked: pairLocked };
  }

  /** After a correct password: the consecutive count for this pair starts again. */
  async recordSuccess(email: string, clientIp: string): Promise<void> {
    await this.byAccountAndIp.delete(this.key(email, throttleAddress(clientIp)));
  }

  /** Keys reveal neither the email nor the address to whoever reads the table. */
  private key(...parts: string[]): string {
    return createHmac('sha256', this.keySecret).update(parts.join('|').toLowerCase()).digest('hex');
  }
}

/** A key is blocked once `block()` has pushed it past its points. */
function blockedFor(res: RateLimiterRes | null, points: number): number {
  if (!res || res.consumedPoints <= points) return 0;
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

/** Counts a failure; the one that reaches the limit blocks the key for blockDuration. */
async function countAndMaybeBlock(limiter: RateLimiterPostgres, key: string): Promise<boolean> {
  let consumed: number;
  try {
    consumed = (await limiter.consume(key)).consumedPoints;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return true; // already blocked
    throw rejection instanceof Error ? rejection : new Error('throttle store failed');
  }
  if (consumed < limiter.points) return false;
  await limiter.block(key, limiter.blockDuration);
  return true;
}
