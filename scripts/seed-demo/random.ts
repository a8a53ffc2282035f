/**
 * A small seeded pseudo-random generator for FICTIONAL DEMO DATA ONLY
 * (xoshiro128** seeded through splitmix32): the same --seed gives the same
 * people, attributes and histories. It is predictable by design and must never
 * be used for anything secret or statistical — privacy noise, keys, tokens and
 * passwords come from node:crypto. It lives here, in scripts/seed-demo, and
 * nowhere else.
 */
export class DemoRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** A generator for one stream: the run's seed and, e.g., a case's index. */
  constructor(seed: number, stream = 0) {
    let state = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(stream | 0, 0x85ebca6b)) >>> 0;
    const next = () => {
      state = (state + 0x9e3779b9) >>> 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next() || 1;
  }

  /** 32 random bits as an unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** A number in [0, 1). */
  next(): number {
    return this.nextUint32() / 0x1_0000_0000;
  }

  /** An integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** One value from [value, weight] pairs (weights need not sum to 1). */
  weighted<T>(table: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of table) total += weight;
    let target = this.next() * total;
    for (const [value, weight] of table) {
      target -= weight;
      if (target < 0) return value;
    }
    return table[table.length - 1]![0];
  }

  /** A few distinct items (each kept with its probability), in the list's order. */
  some<T>(table: readonly (readonly [T, number])[]): T[] {
    return table.filter(([, probability]) => this.chance(probability)).map(([value]) => value);
  }

  /** An exponential waiting time with this mean, in the mean's unit. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** Decimal digits (for fictional reference numbers, never for anything secret). */
  digits(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += String(this.int(0, 9));
    return out;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
