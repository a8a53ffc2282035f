/*
 * The differential-privacy mechanism of the statistics releases (issue 14).
 *
 * Privacy model. A released table is a vector of counts. `sensitivity` (Δ) is the largest L1
 * change one person can make to the whole table (1 when a person is one row of one cell; more
 * when the table definition lets a person contribute several rows, e.g. referrals, bounded by
 * the catalogue). Each cell gets independent discrete Laplace noise of scale b = Δ/ε:
 *
 *     P[Z = z] = (1 - p)/(1 + p) · p^|z|,   p = exp(-1/b) = exp(-ε/Δ).
 *
 * For two tables that differ by one person (L1 distance ≤ Δ) the probability of any noisy
 * table changes by a factor of at most exp(ε · L1/Δ) ≤ e^ε: the release is ε-differentially
 * private. Releases compose sequentially (their ε add up); the yearly budget ledger, not this
 * module, enforces the sum.
 *
 * Exact sampling. Laplace noise drawn with floating point leaks through the gaps and rounding of
 * the doubles it produces (Mironov, "On significance of the least significant bits for
 * differential privacy", CCS 2012). The noise here is an integer drawn exactly with BigInt
 * arithmetic following Canonne, Kamath and Steinke, "The Discrete Gaussian for Differential
 * Privacy", NeurIPS 2020 (arXiv:2004.00010): Algorithm 1 draws Bernoulli(exp(-γ)) for a rational
 * γ using only Bernoulli(n/d) draws, and Algorithm 2 draws the discrete Laplace of rational
 * scale t/s from it. Every random decision is a uniform integer from node:crypto, obtained by
 * rejection sampling (no modulo bias). No floating point is involved in sampling and
 * Math.random is never used.
 *
 * Post-processing, free of privacy cost (it only looks at the noisy counts): clamp to ≥ 0,
 * round to the nearest multiple of `rounding` (a tie, possible only with an even rounding,
 * goes up), and show a rounded figure below the display threshold k as "<k" (suppressed). The
 * suppression is decided on the noisy figure, never on the true count: deciding on the true
 * count would itself reveal something about the data.
 *
 * Error bounds. `cellErrorBound95` is the smallest integer e with P(|noise| ≤ e) ≥ 95 % (closed
 * form of the discrete Laplace tail, P(|Z| > e) = 2 p^(e+1)/(1+p)) plus the worst rounding error
 * floor(rounding/2). Clamping only moves a figure towards the (non-negative) true count, so the
 * true count lies within ± the bound of a published figure in at least 95 % of releases. It is a
 * function of the parameters only, so it can be published beside each figure.
 *
 * Totals. A total is the sum of the figures shown; a suppressed cell counts 0 and is reported
 * as such (`cellsSuppressed`). It is post-processing too (no extra ε), it always equals the sum
 * of what a reader sees, and it never lets a reader derive a hidden cell (a total computed from
 * true counts minus the shown cells would reveal the hidden ones). Its 95 % error bound is the
 * 95 % quantile of |sum of `cellsShown` independent noises| (computed numerically, see
 * `sumNoiseBound95`) plus cellsShown × floor(rounding/2). Like the cell bound it is
 * unconditional: it describes the mechanism, not the conditional error given which cells
 * happened to be shown.
 */
import { randomFillSync } from 'node:crypto';

/** Randomness: uniform integer in [0, n). Default implementation: node:crypto (buffered randomFillSync + rejection sampling, BigInt). Never Math.random. */
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

/** A non-negative rational num/den (den ≥ 1). */
export interface Rational {
  num: bigint;
  den: bigint;
}

/** Bernoulli(num/den) for 0 ≤ num/den ≤ 1: one uniform draw below den. */
function bernoulli(num: bigint, den: bigint, random: RandomSource): boolean {
  return random.uniformBelow(den) < num;
}

/**
 * Bernoulli(exp(-γ)) for a rational γ = num/den ≥ 0, exactly: Canonne, Kamath, Steinke 2020,
 * Algorithm 1. For γ ≤ 1, draw A_K ~ Bernoulli(γ/K) for K = 1, 2, … until one is 0; the
 * probability that this happens at an odd K is Σ (-γ)^j / j! = exp(-γ). For γ > 1, exp(-γ) is
 * exp(-1)^⌊γ⌋ · exp(-(γ - ⌊γ⌋)): ⌊γ⌋ draws of Bernoulli(exp(-1)) and one of the remainder.
 */
export function sampleBernoulliExp(gamma: Rational, random: RandomSource = cryptoRandom): boolean {
  assertRational(gamma, 'gamma', 0n);
  return bernoulliExp(gamma.num, gamma.den, random);
}

function bernoulliExp(num: bigint, den: bigint, random: RandomSource): boolean {
  if (num <= den) return bernoulliExpAtMostOne(num, den, random);
  const whole = num / den;
  for (let k = 0n; k < whole; k++) {
    if (!bernoulliExpAtMostOne(1n, 1n, random)) return false;
  }
  return bernoulliExpAtMostOne(num - whole * den, den, random);
}

/** γ = num/den in [0, 1]. */
function bernoulliExpAtMostOne(num: bigint, den: bigint, random: RandomSource): boolean {
  if (num === 0n) return true; // exp(0) = 1 (the loop below would stop at K = 1 anyway)
  let k = 1n;
  while (bernoulli(num, den * k, random)) k++;
  return k % 2n === 1n;
}

/** Exact discrete Laplace (two-sided geometric): P[Z=z] ∝ exp(-|z| * den / num), i.e. scale b = num/den. BigInt only, no floating point. */
export function sampleDiscreteLaplace(
  scale: Rational,
  random: RandomSource = cryptoRandom,
): bigint {
  assertRational(scale, 'scale', 1n);
  // Canonne, Kamath, Steinke 2020, Algorithm 2, with t = scale.num and s = scale.den.
  const t = scale.num;
  const s = scale.den;
  for (;;) {
    const u = random.uniformBelow(t);
    // U + t·V below is geometric with parameter 1 - exp(-1/t): U is its remainder modulo t
    // (accepted with probability exp(-U/t)) and V its quotient (geometric, exp(-1) per step).
    if (!bernoulliExpAtMostOne(u, t, random)) continue;
    let v = 0n;
    while (bernoulliExpAtMostOne(1n, 1n, random)) v++;
    const y = (u + t * v) / s; // floor: geometric with parameter 1 - exp(-s/t)
    const negative = random.uniformBelow(2n) === 1n;
    if (negative && y === 0n) continue; // zero would otherwise be counted twice
    return negative ? -y : y;
  }
}

function assertRational(r: Rational, name: string, minNum: bigint): void {
  if (
    typeof r !== 'object' ||
    r === null ||
    typeof r.num !== 'bigint' ||
    typeof r.den !== 'bigint' ||
    r.num < minNum ||
    r.den < 1n
  ) {
    throw new RangeError(`${name} must be a rational with bigint num ≥ ${minNum} and den ≥ 1`);
  }
}

export interface MechanismParameters {
  epsilonHundredths: number; // ε × 100, integer, e.g. 50 = 0.5
  sensitivity: number; // L1 contribution bound of one person to the whole table (integer ≥ 1)
  threshold: number; // display threshold k (default 11): figures below are shown as "<k"
  rounding: number; // 5
}

/** Accepted ranges of the parameters; every public function checks them. */
export const PARAMETER_LIMITS = {
  epsilonHundredths: { min: 1, max: 1000 },
  sensitivity: { min: 1, max: 100 },
  threshold: { min: 1, max: Number.MAX_SAFE_INTEGER },
  rounding: { min: 1, max: Number.MAX_SAFE_INTEGER },
} as const;

/** Throws a RangeError naming the first parameter that is not an integer within its limits. */
export function validateParameters(p: MechanismParameters): void {
  if (typeof p !== 'object' || p === null) throw new RangeError('parameters are required');
  for (const name of Object.keys(PARAMETER_LIMITS) as (keyof MechanismParameters)[]) {
    const value = p[name];
    const { min, max } = PARAMETER_LIMITS[name];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new RangeError(
        max === Number.MAX_SAFE_INTEGER
          ? `${name} must be an integer ≥ ${min}`
          : `${name} must be an integer from ${min} to ${max}`,
      );
    }
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** b = sensitivity / ε as an exact rational: { num: sensitivity*100, den: epsilonHundredths } (reduced). */
export function noiseScale(p: MechanismParameters): { num: bigint; den: bigint } {
  validateParameters(p);
  const num = BigInt(p.sensitivity) * 100n;
  const den = BigInt(p.epsilonHundredths);
  const g = gcd(num, den);
  return { num: num / g, den: den / g };
}

/** Adds independent discrete Laplace noise to each true count. */
export function addNoise(
  trueCounts: readonly number[],
  p: MechanismParameters,
  random: RandomSource = cryptoRandom,
): bigint[] {
  const scale = noiseScale(p);
  for (const count of trueCounts) {
    if (!Number.isSafeInteger(count) || count < 0) {
      throw new RangeError('every true count must be a non-negative integer');
    }
  }
  return trueCounts.map((count) => BigInt(count) + sampleDiscreteLaplace(scale, random));
}

export interface PublishedFigure {
  value: number | null;
  suppressed: boolean;
} // value null iff suppressed

const MAX_SAFE_BIG = BigInt(Number.MAX_SAFE_INTEGER);

/** Post-processing (free of privacy cost): clamp to ≥ 0, round to the nearest multiple of `rounding`, suppress (value null, suppressed true) when the rounded value < threshold. */
export function postProcess(noisy: readonly bigint[], p: MechanismParameters): PublishedFigure[] {
  validateParameters(p);
  const rounding = BigInt(p.rounding);
  const threshold = BigInt(p.threshold);
  return noisy.map((x) => {
    if (typeof x !== 'bigint') throw new RangeError('noisy counts must be bigints');
    const clamped = x < 0n ? 0n : x;
    // Nearest multiple, ties up: floor((2x + r) / 2r) · r.
    const rounded = ((2n * clamped + rounding) / (2n * rounding)) * rounding;
    if (rounded < threshold) return { value: null, suppressed: true };
    if (rounded > MAX_SAFE_BIG) {
      throw new RangeError('a noisy count is too large to publish');
    }
    return { value: Number(rounded), suppressed: false };
  });
}

/** exp(-ε/Δ) and 1 - exp(-ε/Δ), the latter without cancellation. */
function decay(p: MechanismParameters): { q: number; oneMinusQ: number; rate: number } {
  const rate = p.epsilonHundredths / (100 * p.sensitivity);
  return { q: Math.exp(-rate), oneMinusQ: -Math.expm1(-rate), rate };
}

/** Smallest integer e ≥ 0 with P(|Z| ≤ e) ≥ 0.95 for one discrete Laplace noise. */
function singleNoiseBound95(p: MechanismParameters): number {
  const { q, rate } = decay(p);
  // P(|Z| > e) = 2 q^(e+1) / (1 + q).
  const tail = (e: number): number => (2 * Math.exp(-rate * (e + 1))) / (1 + q);
  let e = Math.max(0, Math.ceil(Math.log((0.05 * (1 + q)) / 2) / -rate) - 1);
  // Guard the floating-point estimate at an integer boundary.
  while (e > 0 && tail(e - 1) <= 0.05) e--;
  while (tail(e) > 0.05) e++;
  return e;
}

/** Smallest integer b with P(|noise| ≤ b) ≥ 0.95 for one cell's noise, plus the worst rounding error (floor(rounding/2)). Computed from the mechanism (closed form for the discrete Laplace tail: P(|Z|>b) = 2 p^(b+1)/(1+p), p = exp(-ε/Δ)). */
export function cellErrorBound95(p: MechanismParameters): number {
  validateParameters(p);
  return singleNoiseBound95(p) + Math.floor(p.rounding / 2);
}

/**
 * Smallest integer e ≥ 0 with P(|Z_1 + … + Z_n| ≤ e) ≥ 0.95 for n independent discrete Laplace
 * noises of the mechanism (n ≥ 1; one noise has the closed form of `cellErrorBound95`).
 *
 * This is the numeric convolution of the pmf, done in the frequency domain. Wrap the
 * distribution of the sum S onto the integers modulo an odd N = 2W + 1: the discrete Fourier
 * transform of the wrapped pmf of one noise is exactly its characteristic function sampled at
 * ω_k = 2πk/N, φ(ω) = (1-p)² / ((1-p)² + 4p sin²(ω/2)), so that of S is φ(ω_k)^n (convolution
 * is a product there) and, summing the inverse transform over -e..e (a Dirichlet kernel),
 *
 *     P(|S| ≤ e) = ( (2e+1) + 2 Σ_{k=1}^{W} φ(ω_k)^n sin((2e+1)πk/N) / sin(πk/N) ) / N.
 *
 * W is chosen by a Chernoff bound so that the wrapped-around mass P(|S| > W) is below 1e-15,
 * terms too small to matter (their total is bounded by N φ_k^n / 2k) are dropped, and e is
 * found by bisection on [0, W]. All in doubles: it is an error bound, not sampling.
 */
function sumNoiseBound95(n: number, p: MechanismParameters): number {
  if (n === 1) return singleNoiseBound95(p); // the closed form; the tests check both agree
  const key = `${n}:${p.epsilonHundredths}:${p.sensitivity}`;
  const known = sumBoundCache.get(key);
  if (known !== undefined) return known;
  const bound = computeSumNoiseBound95(n, p);
  if (sumBoundCache.size >= SUM_BOUND_CACHE_SIZE) sumBoundCache.clear();
  sumBoundCache.set(key, bound);
  return bound;
}

/** A release computes many totals with the same number of cells and parameters. */
const SUM_BOUND_CACHE_SIZE = 1024;
const sumBoundCache = new Map<string, number>();

function computeSumNoiseBound95(n: number, p: MechanismParameters): number {
  const { q, oneMinusQ, rate } = decay(p);
  const logTailBudget = Math.log(2e15); // P(|S| > W) ≤ 2 · exp(n log M(λ) − λ(W+1)) ≤ 1e-15
  let w = Infinity;
  const logOneMinusQ = Math.log(oneMinusQ);
  for (const f of [0.75, ...Array.from({ length: 30 }, (_, j) => 2 ** -(j + 1))]) {
    const lambda = f * rate;
    // log of the moment generating function E[exp(λZ)] = (1-p)² / ((1 - p e^λ)(1 - p e^-λ)).
    const logMgf =
      2 * logOneMinusQ -
      Math.log(-Math.expm1(-(rate - lambda))) -
      Math.log(-Math.expm1(-(rate + lambda)));
    w = Math.min(w, Math.ceil((n * logMgf + logTailBudget) / lambda));
  }
  const size = 2 * w + 1;
  const weights: number[] = [];
  const squared = oneMinusQ * oneMinusQ;
  for (let k = 1; k <= w; k++) {
    const half = Math.sin((Math.PI * k) / size);
    const phi = squared / (squared + 4 * q * half * half);
    const term = Math.pow(phi, n);
    if ((size * term) / (2 * k) < 1e-16) break;
    weights.push((2 * term) / half);
  }
  const coverage = (e: number): number => {
    const step = 2 * e + 1; // sin((2e+1)πk/N) = sin(π m_k / N) with m_k = (2e+1)k mod 2N
    let m = 0;
    let sum = step;
    for (const weight of weights) {
      m += step;
      if (m >= 2 * size) m -= 2 * size;
      sum += weight * Math.sin((Math.PI * m) / size);
    }
    return sum / size;
  };
  let lo = 0;
  let hi = w; // coverage(w) ≥ 1 - 1e-15
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (coverage(mid) >= 0.95) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export interface PublishedTotal {
  value: number;
  cellsShown: number;
  cellsSuppressed: number;
  errorBound95: number;
}

/** Total of the figures shown (suppressed cells count 0 and are reported as cellsSuppressed), so a total never lets a reader derive a hidden cell and always equals the sum of what is shown. errorBound95: 95 % bound of the sum of `cellsShown` independent discrete Laplace noises (exact numeric convolution of the pmf in floating point is fine here — this is an error bound, not sampling) plus cellsShown × floor(rounding/2). */
export function totalOf(
  figures: readonly PublishedFigure[],
  p: MechanismParameters,
): PublishedTotal {
  validateParameters(p);
  let value = 0;
  let cellsShown = 0;
  let cellsSuppressed = 0;
  for (const figure of figures) {
    if (figure.suppressed) {
      if (figure.value !== null) throw new RangeError('a suppressed figure has no value');
      cellsSuppressed++;
    } else {
      if (!Number.isSafeInteger(figure.value) || (figure.value as number) < 0) {
        throw new RangeError('a shown figure must be a non-negative integer');
      }
      value += figure.value as number;
      cellsShown++;
    }
  }
  if (!Number.isSafeInteger(value)) throw new RangeError('the total is too large');
  const errorBound95 =
    cellsShown === 0 ? 0 : sumNoiseBound95(cellsShown, p) + cellsShown * Math.floor(p.rounding / 2);
  return { value, cellsShown, cellsSuppressed, errorBound95 };
}
