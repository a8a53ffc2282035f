import {
  addNoise,
  cellErrorBound95,
  postProcess,
  totalOf,
  type MechanismParameters,
  type PublishedFigure,
} from '../../server/modules/statistics/mechanism';
import { binomialDeviation, CHECK_ALPHA, discreteLaplacePmf, report } from './mechanism-stats';

/** Post-processing (clamp, rounding, suppression), totals and the published 95 % error bounds. */

const P = (
  epsilonHundredths: number,
  sensitivity: number,
  threshold = 11,
  rounding = 5,
): MechanismParameters => ({ epsilonHundredths, sensitivity, threshold, rounding });

const shown = (value: number): PublishedFigure => ({ value, suppressed: false });
const hidden: PublishedFigure = { value: null, suppressed: true };
const values = (figures: PublishedFigure[]) => figures.map((f) => f.value);

/** pmf of a noise as an array indexed from -offset. */
interface Pmf {
  offset: number;
  mass: Float64Array;
}

/** pmf of one noise of scale Δ/ε, truncated where the tail is below 1e-18. */
function noisePmf(p: MechanismParameters): Pmf {
  const b = (100 * p.sensitivity) / p.epsilonHundredths;
  const pmf = discreteLaplacePmf(b);
  let offset = 0;
  while (pmf(offset + 1) > 1e-18) offset++;
  const mass = new Float64Array(2 * offset + 1);
  for (let z = -offset; z <= offset; z++) mass[z + offset] = pmf(z);
  return { offset, mass };
}

function convolve(a: Pmf, b: Pmf): Pmf {
  const mass = new Float64Array(a.mass.length + b.mass.length - 1);
  a.mass.forEach((x, i) => {
    b.mass.forEach((y, j) => {
      mass[i + j] = (mass[i + j] as number) + x * y;
    });
  });
  return { offset: a.offset + b.offset, mass };
}

/** Smallest e with Σ_{|z|≤e} pmf(z) ≥ 0.95, by summing the pmf (not a closed form). */
function bruteForceBound({ offset, mass }: Pmf): number {
  const at = (z: number) => (Math.abs(z) <= offset ? (mass[z + offset] as number) : 0);
  let e = 0;
  let total = at(0);
  while (total < 0.95) {
    e++;
    total += at(e) + at(-e);
  }
  return e;
}

describe('postProcess', () => {
  it('clamps negative noisy counts to 0 before rounding (and 0 is below any threshold)', () => {
    const figures = postProcess([-1000n, -3n, -1n, 0n], P(50, 1, 1, 5));
    expect(figures).toEqual([hidden, hidden, hidden, hidden]);
  });

  it('rounds to the nearest multiple of `rounding`', () => {
    const noisy = Array.from({ length: 26 }, (_, i) => BigInt(i));
    expect(values(postProcess(noisy, P(50, 1, 1, 5)))).toEqual([
      null,
      null,
      null,
      5,
      5,
      5,
      5,
      5,
      10,
      10,
      10,
      10,
      10,
      15,
      15,
      15,
      15,
      15,
      20,
      20,
      20,
      20,
      20,
      25,
      25,
      25,
    ]);
    expect(values(postProcess([1n, 2n, 3n, 7n], P(50, 1, 1, 1)))).toEqual([1, 2, 3, 7]);
    expect(values(postProcess([123_456_789_012n], P(50, 1, 1, 5)))).toEqual([123_456_789_010]);
  });

  it('rounds a tie (only possible with an even rounding) half up', () => {
    expect(values(postProcess([5n, 14n, 15n, 25n, 26n], P(50, 1, 1, 10)))).toEqual([
      10, 10, 20, 30, 30,
    ]);
    expect(values(postProcess([1n, 3n, 4n], P(50, 1, 1, 2)))).toEqual([2, 4, 4]);
  });

  it('suppresses a rounded figure below the threshold k and shows one at k', () => {
    // rounding 1: k - 1 is hidden, k is shown.
    expect(postProcess([10n, 11n, 12n], P(50, 1, 11, 1))).toEqual([hidden, shown(11), shown(12)]);
    // rounding 5, k = 11: 12 rounds to 10 (< 11, hidden), 13 to 15 (shown).
    expect(postProcess([12n, 13n], P(50, 1, 11, 5))).toEqual([hidden, shown(15)]);
    // rounding 5, k = 10: 8 rounds to 10 = k (shown), 7 to 5 (hidden).
    expect(postProcess([7n, 8n], P(50, 1, 10, 5))).toEqual([hidden, shown(10)]);
  });

  it('value is null exactly when suppressed', () => {
    const figures = postProcess(addNoise([0, 3, 9, 11, 14, 40, 200], P(50, 1)), P(50, 1));
    for (const f of figures) expect(f.value === null).toBe(f.suppressed);
  });

  it('validates its parameters', () => {
    expect(() => postProcess([1n], P(50, 1, 0, 5))).toThrow('threshold');
    expect(() => postProcess([1n], P(50, 1, 11, 0))).toThrow('rounding');
    expect(() => postProcess([1 as unknown as bigint], P(50, 1))).toThrow(RangeError);
  });
});

describe('cellErrorBound95', () => {
  it('matches hand-computed values', () => {
    // ε = 0.5, Δ = 1: p = e^-0.5, 2p^(e+1)/(1+p) ≤ 0.05 first at e = 6; + floor(5/2) = 2.
    expect(cellErrorBound95(P(50, 1))).toBe(8);
    expect(cellErrorBound95(P(50, 1, 11, 1))).toBe(6);
    expect(cellErrorBound95(P(50, 1, 11, 10))).toBe(11);
    // ε = 10, Δ = 1: P(Z ≠ 0) = 2e^-10/(1+e^-10) < 0.05, so only the rounding remains.
    expect(cellErrorBound95(P(1000, 1, 11, 1))).toBe(0);
    expect(cellErrorBound95(P(1000, 1))).toBe(2);
  });

  it.each([
    [50, 1],
    [30, 2],
    [100, 1],
    [200, 3],
    [25, 5],
    [10, 4],
    [1, 1],
    [1, 100],
    [1000, 1],
    [1000, 100],
  ])('ε = %i/100, Δ = %i: equals the closed form and the summed pmf', (eps, sensitivity) => {
    const p = P(eps, sensitivity, 11, 1);
    const q = Math.exp(-eps / (100 * sensitivity));
    const closed = Math.max(0, Math.ceil(Math.log((0.05 * (1 + q)) / 2) / Math.log(q)) - 1);
    const bound = cellErrorBound95(p);
    expect(bound).toBe(closed);
    // It is the smallest such integer: P(|Z| > e) ≤ 0.05 < P(|Z| > e - 1).
    const tail = (e: number) => (2 * q ** (e + 1)) / (1 + q);
    expect(tail(bound)).toBeLessThanOrEqual(0.05);
    if (bound > 0) expect(tail(bound - 1)).toBeGreaterThan(0.05);
    if (eps / sensitivity >= 0.1) expect(bound).toBe(bruteForceBound(noisePmf(p)));
    expect(cellErrorBound95({ ...p, rounding: 7 })).toBe(bound + 3);
  });

  it('covers the true count in at least 95 % of releases (10^5 trials each)', () => {
    for (const [p, trueCount] of [
      [P(50, 1), 60],
      [P(30, 2), 150],
      [P(50, 1, 11, 1), 60],
      [P(100, 1, 11, 10), 40],
    ] as const) {
      const bound = cellErrorBound95(p);
      const trials = 100_000;
      let covered = 0;
      let suppressed = 0; // counted as not covered
      const counts = new Array<number>(trials).fill(trueCount);
      const figures = postProcess(addNoise(counts, p), p);
      for (const f of figures) {
        if (f.value === null) suppressed++;
        else if (Math.abs(f.value - trueCount) <= bound) covered++;
      }
      const tolerance = binomialDeviation(covered, trials, CHECK_ALPHA);
      report(`cell coverage ε=${p.epsilonHundredths}/100 Δ=${p.sensitivity} r=${p.rounding}`, {
        bound,
        coverage: covered / trials,
        suppressed,
      });
      expect(covered).toBeGreaterThanOrEqual(0.95 * trials - tolerance);
    }
  });

  it('validates its parameters', () => {
    expect(() => cellErrorBound95(P(0, 1))).toThrow('epsilonHundredths');
    expect(() => cellErrorBound95(P(50, 101))).toThrow('sensitivity');
  });
});

describe('totalOf', () => {
  it('is the sum of the shown figures; suppressed cells count 0 and are reported', () => {
    const figures = [shown(15), hidden, shown(40), hidden, hidden, shown(105)];
    const total = totalOf(figures, P(50, 1));
    expect(total).toMatchObject({ value: 160, cellsShown: 3, cellsSuppressed: 3 });
    expect(totalOf([], P(50, 1))).toEqual({
      value: 0,
      cellsShown: 0,
      cellsSuppressed: 0,
      errorBound95: 0,
    });
    expect(totalOf([hidden, hidden], P(50, 1))).toEqual({
      value: 0,
      cellsShown: 0,
      cellsSuppressed: 2,
      errorBound95: 0,
    });
  });

  it('always equals the sum of what postProcess shows, whatever the noise', () => {
    const p = P(50, 1);
    for (let i = 0; i < 200; i++) {
      const figures = postProcess(addNoise([0, 2, 5, 9, 11, 12, 13, 20, 33, 100], p), p);
      const total = totalOf(figures, p);
      const visible = figures.filter((f) => !f.suppressed);
      expect(total.value).toBe(visible.reduce((sum, f) => sum + (f.value as number), 0));
      expect(total.cellsShown).toBe(visible.length);
      expect(total.cellsSuppressed).toBe(figures.length - visible.length);
    }
  });

  it('refuses inconsistent figures', () => {
    expect(() => totalOf([{ value: 5, suppressed: true }], P(50, 1))).toThrow(RangeError);
    expect(() => totalOf([{ value: null, suppressed: false }], P(50, 1))).toThrow(RangeError);
    expect(() => totalOf([shown(-5)], P(50, 1))).toThrow(RangeError);
    expect(() => totalOf([shown(1.5)], P(50, 1))).toThrow(RangeError);
  });

  it('with one shown cell, has the cell bound', () => {
    for (const eps of [1, 5, 10, 30, 50, 100, 200, 500, 1000]) {
      for (const sensitivity of [1, 2, 5, 100]) {
        for (const rounding of [1, 5]) {
          const p = P(eps, sensitivity, 11, rounding);
          expect([
            eps,
            sensitivity,
            rounding,
            totalOf([shown(20), hidden], p).errorBound95,
          ]).toEqual([eps, sensitivity, rounding, cellErrorBound95(p)]);
        }
      }
    }
  });

  it.each([
    [50, 1, 2],
    [50, 1, 3],
    [50, 1, 7],
    [30, 2, 4],
    [100, 3, 10],
    [1000, 1, 20],
    [1000, 1, 200],
    [200, 1, 50],
    [1, 1, 2],
    [5, 2, 3],
  ])('ε = %i/100, Δ = %i, %i cells: equals the convolution of the pmf', (eps, sensitivity, n) => {
    const p = P(eps, sensitivity, 1, 1);
    const one = noisePmf(p);
    let sum = one;
    for (let i = 1; i < n; i++) sum = convolve(sum, one);
    const figures = Array.from({ length: n }, () => shown(50));
    expect(totalOf(figures, p).errorBound95).toBe(bruteForceBound(sum));
    expect(totalOf(figures, { ...p, rounding: 5 }).errorBound95).toBe(bruteForceBound(sum) + 2 * n);
  });

  it('stays fast at the extreme parameters', () => {
    // ε = 0.01 with Δ = 100 is a noise scale of 10 000; 5 000 cells.
    const p = P(1, 100, 1, 5);
    expect(totalOf([shown(5)], p).errorBound95).toBe(cellErrorBound95(p));
    const many = totalOf(
      Array.from({ length: 5000 }, () => shown(5)),
      p,
    ).errorBound95;
    // ≈ 1.96 σ for the sum (σ² = 5000 · 2p/(1-p)² ≈ 10^12), plus the rounding.
    const sigma = Math.sqrt(5000 * 2 * 10_000 ** 2);
    expect(many - 5000 * 2).toBeGreaterThan(1.9 * sigma);
    expect(many - 5000 * 2).toBeLessThan(2.0 * sigma);
  });

  it('covers the true total of the shown cells in at least 95 % of releases (10^5 trials)', () => {
    const p = P(30, 2);
    const trueCounts = [60, 80, 100, 110, 120, 150, 200, 300];
    const trueTotal = trueCounts.reduce((a, b) => a + b, 0);
    const trials = 100_000;
    let covered = 0;
    let incomplete = 0; // a cell was suppressed (counted as not covered)
    let bound = 0;
    for (let i = 0; i < trials; i++) {
      const total = totalOf(postProcess(addNoise(trueCounts, p), p), p);
      if (total.cellsShown !== trueCounts.length) incomplete++;
      else if (Math.abs(total.value - trueTotal) <= total.errorBound95) covered++;
      bound = total.errorBound95;
    }
    const tolerance = binomialDeviation(covered, trials, CHECK_ALPHA);
    report('total coverage ε=30/100 Δ=2 8 cells', {
      bound,
      coverage: covered / trials,
      incomplete,
    });
    expect(covered).toBeGreaterThanOrEqual(0.95 * trials - tolerance);
  });
});
