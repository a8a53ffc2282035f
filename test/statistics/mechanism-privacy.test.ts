import {
  addNoise,
  cryptoRandom,
  postProcess,
  type MechanismParameters,
  type PublishedFigure,
} from '../../server/modules/statistics/mechanism';
import { binomialDeviation, CHECK_ALPHA, report } from './mechanism-stats';

/**
 * Empirical privacy: the released figures of neighbouring tables (one person added) and a
 * differencing attack across two releases. Every statistical check fails a correct mechanism
 * with probability ≤ CHECK_ALPHA (see mechanism-stats.ts).
 */

const P = (
  epsilonHundredths: number,
  sensitivity: number,
  threshold = 11,
  rounding = 5,
): MechanismParameters => ({ epsilonHundredths, sensitivity, threshold, rounding });

const key = (figures: readonly PublishedFigure[]): string =>
  figures.map((f) => (f.suppressed ? 'hidden' : String(f.value))).join(',');

/** How often each published table (all its cells, suppressed ones included) comes out. */
function outcomes(counts: readonly number[], p: MechanismParameters, trials: number) {
  const seen = new Map<string, number>();
  for (let i = 0; i < trials; i++) {
    const k = key(postProcess(addNoise(counts, p), p));
    seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  return seen;
}

/** Outcomes seen at least this often under one of the datasets are compared. */
const MIN_COUNT = 1000;

interface Comparison {
  tested: number;
  violations: string[];
  maxRatio: number;
}

/**
 * For every outcome o frequent enough under D or D', checks both
 * n·P̂(o|D) ≤ e^ε n·P̂(o|D') + tolerance and the reverse, where the tolerance is a binomial
 * deviation bound of each count. An outcome whose expected count is below MIN_COUNT/2 under
 * both datasets reaches MIN_COUNT with negligible probability (Chernoff: < e^-190 in all); the
 * others are at most 2 · 2n/MIN_COUNT, each with two counts, so CHECK_ALPHA is split
 * 8n/MIN_COUNT ways (fixed in advance, not after looking at the data): a mechanism whose true
 * ratios are within e^ε passes except with probability ≤ CHECK_ALPHA.
 */
function compare(
  a: Map<string, number>,
  b: Map<string, number>,
  trials: number,
  epsilon: number,
): Comparison {
  const keys = [...new Set([...a.keys(), ...b.keys()])].filter(
    (k) => Math.max(a.get(k) ?? 0, b.get(k) ?? 0) >= MIN_COUNT,
  );
  const alpha = CHECK_ALPHA / ((8 * trials) / MIN_COUNT);
  const e = Math.exp(epsilon);
  const violations: string[] = [];
  let maxRatio = 0;
  for (const k of keys) {
    const ca = a.get(k) ?? 0;
    const cb = b.get(k) ?? 0;
    const da = binomialDeviation(ca, trials, alpha);
    const db = binomialDeviation(cb, trials, alpha);
    if (ca > e * cb + da + e * db) violations.push(`${k}: ${ca} vs ${cb}`);
    if (cb > e * ca + db + e * da) violations.push(`${k}: ${cb} vs ${ca}`);
    if (Math.min(ca, cb) >= MIN_COUNT) maxRatio = Math.max(maxRatio, ca / cb, cb / ca);
  }
  return { tested: keys.length, violations, maxRatio };
}

describe('neighbouring datasets: P(output | D) / P(output | D + one person) ≤ e^ε', () => {
  const TRIALS = 200_000;

  it.each([
    ['Δ = 1, a person in one cell, k = 11, rounding 5', P(50, 1), [12, 3], [13, 3]],
    ['Δ = 1, raw noise (k = 1, rounding 1)', P(100, 1, 1, 1), [5], [6]],
    ['Δ = 5, a person adding 5 to one cell', P(50, 5), [12], [17]],
    ['Δ = 5, a person adding 2 and 3 to two cells', P(50, 5), [8, 20], [10, 23]],
    ['Δ = 5, a person adding 1 to five small cells', P(50, 5), [0, 2, 4, 6, 9], [1, 3, 5, 7, 10]],
    ['Δ = 2, raw noise, a person adding 1 to two cells', P(30, 2, 1, 1), [7, 7], [8, 8]],
  ] as const)('%s', (label, p, d, dPlusOne) => {
    const epsilon = p.epsilonHundredths / 100;
    const withOut = outcomes(d, p, TRIALS);
    const withPerson = outcomes(dPlusOne, p, TRIALS);
    const result = compare(withOut, withPerson, TRIALS, epsilon);
    report(`privacy ${label}`, {
      outcomesTested: result.tested,
      maxObservedRatio: result.maxRatio,
      eEpsilon: Math.exp(epsilon),
      violations: result.violations.length,
    });
    expect(result.tested).toBeGreaterThanOrEqual(3);
    expect(result.violations).toEqual([]);
  });

  it('has the power to catch a mechanism with half the noise it needs', () => {
    // Noise for ε = 1 checked against ε = 0.5: the ratio at most outputs is e^1, not e^0.5.
    const tooLittleNoise = P(100, 1, 1, 1);
    const result = compare(
      outcomes([5], tooLittleNoise, TRIALS),
      outcomes([6], tooLittleNoise, TRIALS),
      TRIALS,
      0.5,
    );
    report('privacy power check (ε=1 noise against ε=0.5)', {
      outcomesTested: result.tested,
      maxObservedRatio: result.maxRatio,
      violations: result.violations.length,
    });
    expect(result.violations.length).toBeGreaterThanOrEqual(3);
  });
});

/**
 * A differencing attack. A person's case is recorded between two releases of a two-cell table;
 * the attacker knows everything else (the prior: either cell, 1/2 each) and guesses the cell
 * whose released figure grew more (a suppressed figure read as 0; a tie, a fair coin).
 *
 * The bound: the first release does not depend on the person. The second comes from D + e_1 or
 * D + e_2, two tables at L1 distance 2; with noise calibrated to Δ = 1 each output's probability
 * differs between them by a factor of at most e^(2ε) (group privacy: ε per unit of L1 distance;
 * post-processing and the first release change nothing). With a uniform prior, the posterior of
 * the right cell is then at most e^(2ε)/(1 + e^(2ε)), and so is any attacker's success rate.
 */
describe('differencing attack across two releases', () => {
  const TRIALS = 100_000;
  type Release = (counts: readonly number[]) => readonly (PublishedFigure | bigint)[];

  const coin = (): boolean => cryptoRandom.uniformBelow(2n) === 1n;
  const valueOf = (f: PublishedFigure | bigint | undefined): number => {
    if (f === undefined) throw new Error('missing cell');
    return typeof f === 'bigint' ? Number(f) : (f.value ?? 0);
  };

  /** Success count of the attack against a release function. */
  function attack(release: Release, before: readonly number[] = [30, 30]): number {
    let successes = 0;
    for (let i = 0; i < TRIALS; i++) {
      const cell = coin() ? 1 : 0;
      const after = [...before];
      after[cell] = (after[cell] as number) + 1;
      const r1 = release(before);
      const r2 = release(after);
      const g0 = valueOf(r2[0]) - valueOf(r1[0]);
      const g1 = valueOf(r2[1]) - valueOf(r1[1]);
      const guess = g0 === g1 ? (coin() ? 1 : 0) : g0 > g1 ? 0 : 1;
      if (guess === cell) successes++;
    }
    return successes;
  }

  const bound = (epsilon: number) => Math.exp(2 * epsilon) / (1 + Math.exp(2 * epsilon));

  it.each([
    ['published figures, ε = 0.5', P(50, 1), true],
    ['raw noisy counts, ε = 0.5', P(50, 1), false],
    ['published figures, ε = 1', P(100, 1), true],
    ['raw noisy counts, ε = 2', P(200, 1), false],
  ] as const)('succeeds no more than the ε bound allows: %s', (label, p, published) => {
    const successes = attack((counts) =>
      published ? postProcess(addNoise(counts, p), p) : addNoise(counts, p),
    );
    const epsilon = p.epsilonHundredths / 100;
    const tolerance = binomialDeviation(successes, TRIALS, CHECK_ALPHA);
    report(`attack ${label}`, { successRate: successes / TRIALS, bound: bound(epsilon) });
    expect(successes).toBeLessThanOrEqual(TRIALS * bound(epsilon) + tolerance);
  });

  it('is a real attack: without noise it always finds the cell, rounding alone does not help', () => {
    // ε → ∞: the raw counts.
    const raw = attack((counts) => counts.map((c) => BigInt(c)));
    // Rounding and suppression without noise, at a rounding boundary: 22 → 20, 23 → 25.
    const p = P(50, 1);
    const roundedOnly = attack(
      (counts) =>
        postProcess(
          counts.map((c) => BigInt(c)),
          p,
        ),
      [22, 22],
    );
    report('attack controls', { raw: raw / TRIALS, roundingOnly: roundedOnly / TRIALS });
    expect(raw).toBe(TRIALS);
    expect(roundedOnly).toBe(TRIALS);
  });
});
