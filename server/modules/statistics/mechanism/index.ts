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
 * rejection sampling (no modulo bias). No floating point and no non-cryptographic
 * generator is involved in sampling.
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
export { cryptoRandom, type RandomSource } from './random';
export { sampleBernoulliExp, sampleDiscreteLaplace, type Rational } from './sampler';
export {
  noiseScale,
  PARAMETER_LIMITS,
  validateParameters,
  type MechanismParameters,
} from './parameters';
export { addNoise, postProcess, type PublishedFigure } from './post-processing';
export { cellErrorBound95, totalOf, type PublishedTotal } from './error-bounds';
