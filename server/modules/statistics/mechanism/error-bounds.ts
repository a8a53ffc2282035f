import { validateParameters, type MechanismParameters } from './parameters';
import type { PublishedFigure } from './post-processing';

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
