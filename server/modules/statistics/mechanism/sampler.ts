import { cryptoRandom, type RandomSource } from './random';

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
