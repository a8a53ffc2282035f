import { createHmac } from 'node:crypto';
import type { Transaction } from 'kysely';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { DB } from '../../db/schema';
import { problems } from '../../http/problem';
import { throttleAddress } from '../auth/client-address';
import { throttleTransactionClient } from '../auth/throttle-store';

/**
 * The public verification's lookups per client address and minute, counted
 * in the database (certificate_lookup_throttle) so that every instance
 * shares them, like the sign-in throttle. Keys are HMACs of the address as
 * the sign-in throttle groups it (an IPv6 address by its /64), never the
 * address. The count is one statement at the start of the lookup's own
 * transaction (one request, one transaction): a refusal rolls it back, so
 * refused lookups do not count; a lookup that finds nothing commits it.
 */
export class CertificateLookupLimit {
  constructor(
    private readonly keySecret: Buffer,
    private readonly lookupsPerMinute: number,
  ) {}

  /** Counts one lookup from `clientIp` in `trx`; 429 once the minute's are used. */
  async admit(trx: Transaction<DB>, clientIp: string): Promise<void> {
    // A limiter per transaction: it holds nothing but its settings and the client.
    const limiter = new RateLimiterPostgres({
      storeClient: throttleTransactionClient(trx),
      storeType: 'client',
      tableName: 'certificate_lookup_throttle',
      tableCreated: true, // by migration 0030, with its grants and RLS
      clearExpiredByTimeout: false, // the session purge job deletes expired rows
      keyPrefix: 'lookup',
      points: this.lookupsPerMinute,
      duration: 60,
    });
    const key = createHmac('sha256', this.keySecret)
      .update(throttleAddress(clientIp).toLowerCase())
      .digest('hex');
    try {
      await limiter.consume(key);
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) {
        throw refusal instanceof Error ? refusal : new Error('lookup limit store failed');
      }
      throw problems.tooManyAttempts(Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)));
    }
  }
}
