import { createHmac } from 'node:crypto';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Store } from '../../db/actor-transaction';
import { throttleAddress } from '../auth/client-address';
import { throttleStoreClient } from '../auth/throttle-store';

/**
 * The public verification's lookups per client address and minute, counted
 * in the database so that every instance shares them (as the sign-in
 * throttle). Keys are HMACs of the address as the sign-in throttle groups
 * it (an IPv6 address by its /64), never the address. Each count is a short
 * transaction of its own: call it outside any other (the route does, before
 * its use case).
 */
export class CertificateLookupLimit {
  private readonly limiter: RateLimiterPostgres;

  constructor(
    store: Store,
    private readonly keySecret: Buffer,
    lookupsPerMinute: number,
  ) {
    this.limiter = new RateLimiterPostgres({
      storeClient: throttleStoreClient(store),
      storeType: 'client',
      tableName: 'certificate_lookup_throttle',
      tableCreated: true, // by migration 0030, with its grants and RLS
      clearExpiredByTimeout: false, // the session purge job deletes expired rows
      keyPrefix: 'lookup',
      points: lookupsPerMinute,
      duration: 60,
    });
  }

  /** Counts one lookup; refused with the seconds to wait once the minute's are used. */
  async consume(
    clientIp: string,
  ): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
    const key = createHmac('sha256', this.keySecret)
      .update(throttleAddress(clientIp).toLowerCase())
      .digest('hex');
    try {
      await this.limiter.consume(key);
      return { allowed: true };
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) {
        throw refusal instanceof Error ? refusal : new Error('lookup limit store failed');
      }
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)),
      };
    }
  }
}
