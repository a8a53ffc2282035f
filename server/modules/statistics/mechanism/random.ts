import { randomFillSync } from 'node:crypto';

/** Randomness: uniform integer in [0, n). Default implementation: node:crypto (buffered randomFillSync + rejection sampling, BigInt); never a non-cryptographic generator. */
export interface RandomSource {
  uniformBelow(n: bigint): bigint;
}

const POOL_BYTES = 64 * 1024;
const TWO_POW_32_BIG = 2n ** 32n;
const POWERS_OF_TWO = Array.from({ length: 33 }, (_, i) => 2 ** i);
// Ranges up to 2^12 (nearly all the sampler's draws) are served without converting between
// number and bigint: results come from a table and the bit length from comparisons. Number()
// and BigInt() dominate a small draw's cost, and are several times slower still inside a vm
// context (as under jest).
const SMALL_RANGE_BITS = 12;
const SMALL_BIGINTS = Array.from({ length: 2 ** SMALL_RANGE_BITS }, (_, i) => BigInt(i));
const SMALL_POWERS_OF_TWO = Array.from({ length: SMALL_RANGE_BITS + 1 }, (_, i) => 2n ** BigInt(i));
const SMALL_RANGE_MAX = 2n ** BigInt(SMALL_RANGE_BITS);

/**
 * Uniform integers from node:crypto. Random bytes are fetched 64 KiB at a time and consumed 16
 * bits at a time into a bit reservoir (a double holding fewer than 2^48, so every operation on
 * it is exact integer arithmetic); a draw below n takes exactly bitLength(n - 1) bits and is
 * retried when the result is ≥ n (rejection sampling: each attempt succeeds with probability
 * > 1/2, and the result is exactly uniform).
 */
class CryptoRandomSource implements RandomSource {
  private readonly pool = new Uint16Array(POOL_BYTES / 2);
  private next = this.pool.length;
  private reservoir = 0;
  private reservoirBits = 0;

  uniformBelow(n: bigint): bigint {
    if (typeof n !== 'bigint' || n < 1n) {
      throw new RangeError('uniformBelow needs a bigint n ≥ 1');
    }
    if (n <= SMALL_RANGE_MAX) return this.uniformBelowTiny(n);
    if (n <= TWO_POW_32_BIG) return BigInt(this.uniformBelowSmall(Number(n)));
    return this.uniformBelowLarge(n);
  }

  /** n in [1, 2^12]. */
  private uniformBelowTiny(n: bigint): bigint {
    let bits = 0;
    while ((SMALL_POWERS_OF_TWO[bits] as bigint) < n) bits++; // smallest 2^bits ≥ n
    for (;;) {
      const x = SMALL_BIGINTS[this.bits(bits)] as bigint;
      if (x < n) return x;
    }
  }

  /** n in [1, 2^32]. */
  private uniformBelowSmall(n: number): number {
    if (n === 1) return 0;
    const max = n - 1;
    const bits = max >= 2 ** 31 ? 32 : 32 - Math.clz32(max);
    for (;;) {
      const x = this.bits(bits);
      if (x <= max) return x;
    }
  }

  private uniformBelowLarge(n: bigint): bigint {
    const bitLength = (n - 1n).toString(2).length;
    for (;;) {
      let x = 0n;
      let remaining = bitLength;
      while (remaining > 0) {
        const take = Math.min(32, remaining);
        x = (x << BigInt(take)) | BigInt(this.bits(take));
        remaining -= take;
      }
      if (x < n) return x;
    }
  }

  /** `count` (0..32) fresh uniform bits as a non-negative integer. */
  private bits(count: number): number {
    while (this.reservoirBits < count) {
      if (this.next === this.pool.length) {
        randomFillSync(this.pool);
        this.next = 0;
      }
      // The reservoir stays below 2^(32 + 16) = 2^48: exact in a double.
      this.reservoir = this.reservoir * 65_536 + (this.pool[this.next++] as number);
      this.reservoirBits += 16;
    }
    const scale = POWERS_OF_TWO[count] as number;
    const out = this.reservoir % scale;
    this.reservoir = (this.reservoir - out) / scale;
    this.reservoirBits -= count;
    return out;
  }
}

export const cryptoRandom: RandomSource = new CryptoRandomSource();
