import {
  binomialDeviation,
  chiSquarePValue,
  gammaP,
  gammaQ,
  logGamma,
  normalQuantileUpper,
  normalUpperTail,
} from './mechanism-stats';

/** The statistics the mechanism's tests rely on, against published values. */
describe('regularized incomplete gamma and the χ² p-value', () => {
  it('log Γ matches known values', () => {
    expect(logGamma(1)).toBeCloseTo(0, 9);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 9);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 9);
    expect(logGamma(10.5)).toBeCloseTo(13.940625219403763, 8);
    expect(logGamma(100)).toBeCloseTo(359.1342053695754, 7);
  });

  it('χ² upper-tail probabilities match the tables', () => {
    // Critical values from standard χ² tables (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.4).
    expect(chiSquarePValue(29.588, 10)).toBeCloseTo(0.001, 5);
    expect(chiSquarePValue(3.841, 1)).toBeCloseTo(0.05, 4);
    expect(chiSquarePValue(18.307, 10)).toBeCloseTo(0.05, 4);
    expect(chiSquarePValue(124.342, 100)).toBeCloseTo(0.05, 4);
    expect(chiSquarePValue(149.449, 100)).toBeCloseTo(0.001, 5);
    expect(chiSquarePValue(0.103, 2)).toBeCloseTo(0.95, 3);
  });

  it('uses the series below a + 1 and the continued fraction above, consistently', () => {
    // df = 2: Q(1, x/2) = exp(-x/2) exactly.
    for (const x of [0.01, 0.5, 1.9, 2.1, 10, 60, 200]) {
      expect(chiSquarePValue(x, 2) / Math.exp(-x / 2)).toBeCloseTo(1, 10);
    }
    // P + Q = 1 on both sides of the switch, and Q keeps its relative precision far out.
    for (const [a, x] of [
      [3, 3.999],
      [3, 4.001],
      [50, 30],
      [50, 80],
    ] as const) {
      expect(gammaP(a, x) + gammaQ(a, x)).toBeCloseTo(1, 12);
    }
    // Q(a, x) for integer a is the Poisson CDF: Σ_{j<a} e^-x x^j / j!.
    const poisson = (a: number, x: number): number => {
      let term = Math.exp(-x);
      let sum = 0;
      for (let j = 0; j < a; j++) {
        sum += term;
        term *= x / (j + 1);
      }
      return sum;
    };
    for (const [a, x] of [
      [5, 1],
      [5, 20],
      [30, 80],
    ] as const) {
      expect(gammaQ(a, x) / poisson(a, x)).toBeCloseTo(1, 8);
    }
    expect(gammaQ(5, 0)).toBe(1);
    expect(gammaP(5, 0)).toBe(0);
    expect(() => gammaQ(0, 1)).toThrow(RangeError);
  });

  it('normal tails and quantiles', () => {
    expect(normalUpperTail(0)).toBeCloseTo(0.5, 12);
    expect(normalUpperTail(1.959963984540054)).toBeCloseTo(0.025, 10);
    expect(normalUpperTail(-1.959963984540054)).toBeCloseTo(0.975, 10);
    expect(normalUpperTail(5.612001244174789) / 1e-8).toBeCloseTo(1, 6);
    expect(normalQuantileUpper(0.025)).toBeCloseTo(1.959963984540054, 8);
    expect(normalQuantileUpper(1e-6)).toBeCloseTo(4.753424308822899, 8);
  });

  it('the binomial deviation bound is wider than the normal one', () => {
    const n = 1_000_000;
    const count = 300_000;
    const normal = normalQuantileUpper(1e-8 / 2) * Math.sqrt(n * 0.3 * 0.7);
    const bound = binomialDeviation(count, n, 1e-8);
    expect(bound).toBeGreaterThan(normal);
    expect(bound).toBeLessThan(1.5 * normal);
  });
});
