/*
 * Statistical helpers for the mechanism's tests: the regularized incomplete gamma function
 * (χ² p-values, normal tails) and binomial deviation bounds.
 *
 * False-alarm budget: every statistical check in test/statistics/mechanism-*.test.ts is set so a
 * correct implementation fails it with probability at most CHECK_ALPHA = 1e-8 (a check that
 * covers many outcomes splits it between them, Bonferroni). There are fewer than 100 such checks,
 * so a correct mechanism fails the whole suite less than once in 10^6 runs.
 */

export const CHECK_ALPHA = 1e-8;

const LANCZOS = [
  76.18009172947146, -86.50532032941678, 24.01409824083091, -1.231739572450155,
  0.1208650973866179e-2, -0.5395239384953e-5,
];

/** ln Γ(x) for x > 0 (Lanczos approximation, Numerical Recipes §6.1; |error| < 2e-10). */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError('logGamma needs x > 0');
  let y = x;
  const tmp = x + 5.5 - (x + 0.5) * Math.log(x + 5.5);
  let ser = 1.000000000190015;
  for (const c of LANCZOS) ser += c / ++y;
  return -tmp + Math.log((2.5066282746310007 * ser) / x);
}

const EPS = 1e-15;
const TINY = 1e-300;
const MAX_ITERATIONS = 100_000;

/** P(a, x) by its series, for x < a + 1 (Numerical Recipes §6.2, gser). */
function gammaSeries(a: number, x: number): number {
  let ap = a;
  let del = 1 / a;
  let sum = del;
  for (let n = 0; n < MAX_ITERATIONS; n++) {
    ap += 1;
    del *= x / ap;
    sum += del;
    if (Math.abs(del) < Math.abs(sum) * EPS) {
      return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
    }
  }
  throw new Error('gammaSeries did not converge');
}

/** Q(a, x) by its continued fraction (modified Lentz), for x ≥ a + 1 (NR §6.2, gcf). */
function gammaContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) {
      return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
    }
  }
  throw new Error('gammaContinuedFraction did not converge');
}

/** Regularized lower incomplete gamma P(a, x) = γ(a, x)/Γ(a). */
export function gammaP(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) throw new RangeError('gammaP needs a > 0 and x ≥ 0');
  if (x === 0) return 0;
  return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinuedFraction(a, x);
}

/** Regularized upper incomplete gamma Q(a, x) = 1 - P(a, x), accurate in the far tail. */
export function gammaQ(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) throw new RangeError('gammaQ needs a > 0 and x ≥ 0');
  if (x === 0) return 1;
  return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinuedFraction(a, x);
}

/** P(χ²_df ≥ x): the p-value of a χ² statistic. */
export function chiSquarePValue(x: number, df: number): number {
  return gammaQ(df / 2, x / 2);
}

/** P(N(0,1) ≥ z) for z ≥ 0: erfc(z/√2)/2 = Q(1/2, z²/2)/2. */
export function normalUpperTail(z: number): number {
  if (z < 0) return 1 - normalUpperTail(-z);
  return gammaQ(0.5, (z * z) / 2) / 2;
}

/** z with P(N(0,1) ≥ z) = tail, by bisection (0 < tail < 1/2). */
export function normalQuantileUpper(tail: number): number {
  let lo = 0;
  let hi = 40;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (normalUpperTail(mid) > tail) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * Bernstein: for a sum X of independent variables in [0, 1] with variance ≤ v,
 * P(X - E X ≥ t) ≤ exp(-t² / (2(v + t/3))). Returns the t that makes this `alpha`.
 */
export function bernsteinDeviation(variance: number, alpha: number): number {
  const l = Math.log(1 / alpha);
  return l / 3 + Math.sqrt((l * l) / 9 + 2 * l * variance);
}

/**
 * A deviation t such that a binomial count X ~ Bin(n, p) satisfies |X - np| ≤ t except with
 * probability ≤ alpha (two-sided), from the observed count: the variance np(1-p) is bounded
 * with an upper confidence value of p (or 1/4), so the unknown p is not needed.
 */
export function binomialDeviation(count: number, trials: number, alpha: number): number {
  const half = alpha / 4; // two sides, and a share for the plug-in step
  const rough = bernsteinDeviation(trials / 4, half);
  const upper = Math.min(1, (count + rough) / trials);
  const variance = trials * (upper >= 0.5 ? 0.25 : upper * (1 - upper));
  return bernsteinDeviation(variance, half);
}

/** Exact discrete Laplace pmf for scale b: P[Z=z] = (1-p)/(1+p) p^|z|, p = exp(-1/b). */
export function discreteLaplacePmf(b: number): (z: number) => number {
  const p = Math.exp(-1 / b);
  const c = -Math.expm1(-1 / b) / (1 + p);
  return (z) => c * Math.pow(p, Math.abs(z));
}

/** Prints a measured statistic when MECHANISM_TEST_REPORT is set (quiet otherwise). */
export function report(label: string, values: Record<string, number | string>): void {
  if (process.env.MECHANISM_TEST_REPORT) {
    process.stdout.write(`${label}: ${JSON.stringify(values)}\n`);
  }
}
