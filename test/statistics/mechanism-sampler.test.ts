import {
  addNoise,
  cryptoRandom,
  noiseScale,
  sampleBernoulliExp,
  sampleDiscreteLaplace,
  type MechanismParameters,
  type RandomSource,
} from '../../server/modules/statistics/mechanism';
import {
  binomialDeviation,
  CHECK_ALPHA,
  chiSquarePValue,
  discreteLaplacePmf,
  normalQuantileUpper,
  report,
} from './mechanism-stats';

/**
 * The exact sampler: uniform integers from node:crypto, Bernoulli(exp(-γ)) and the discrete
 * Laplace against their exact distributions. Every statistical check fails a correct
 * implementation with probability ≤ CHECK_ALPHA (see mechanism-stats.ts).
 */

const params = (epsilonHundredths: number, sensitivity: number): MechanismParameters => ({
  epsilonHundredths,
  sensitivity,
  threshold: 11,
  rounding: 5,
});

/** χ² statistic and p-value of observed counts against expected counts (df = bins - 1). */
function chiSquare(observed: readonly number[], expected: readonly number[]) {
  let statistic = 0;
  observed.forEach((o, i) => {
    const e = expected[i] as number;
    statistic += ((o - e) * (o - e)) / e;
  });
  const df = observed.length - 1;
  return { statistic, df, pValue: chiSquarePValue(statistic, df) };
}

describe('cryptoRandom.uniformBelow', () => {
  it('returns 0 for n = 1 and refuses n < 1', () => {
    for (let i = 0; i < 100; i++) expect(cryptoRandom.uniformBelow(1n)).toBe(0n);
    expect(() => cryptoRandom.uniformBelow(0n)).toThrow(RangeError);
    expect(() => cryptoRandom.uniformBelow(-5n)).toThrow(RangeError);
  });

  it.each([2, 3, 5, 7, 10, 1000])('is uniform below %i (χ²)', (n) => {
    const draws = 200 * n + 100_000;
    const counts = new Array<number>(n).fill(0);
    for (let i = 0; i < draws; i++) {
      const x = Number(cryptoRandom.uniformBelow(BigInt(n)));
      counts[x] = (counts[x] as number) + 1;
    }
    const { pValue } = chiSquare(counts, new Array<number>(n).fill(draws / n));
    report(`uniformBelow(${n})`, { pValue });
    expect(counts.reduce((a, b) => a + b, 0)).toBe(draws);
    expect(pValue).toBeGreaterThan(CHECK_ALPHA);
  });

  it('is uniform on the largest small range (2^32) and on BigInt ranges above it', () => {
    // Split each range into 3 (or 4) equal parts: a biased rejection step would skew the parts.
    const ranges: [bigint, bigint][] = [
      [2n ** 32n, 2n ** 30n], // 4 parts of 2^30
      [3n * 2n ** 40n, 2n ** 40n], // 3 parts, drawn 42 bits at a time with rejection
      [3n * 2n ** 100n, 2n ** 100n],
    ];
    for (const [n, part] of ranges) {
      const parts = Number(n / part);
      const draws = 150_000;
      const counts = new Array<number>(parts).fill(0);
      let outOfRange = 0;
      for (let i = 0; i < draws; i++) {
        const x = cryptoRandom.uniformBelow(n);
        if (x < 0n || x >= n) outOfRange++;
        const j = Number(x / part);
        counts[j] = (counts[j] as number) + 1;
      }
      expect(outOfRange).toBe(0);
      const { pValue } = chiSquare(counts, new Array<number>(parts).fill(draws / parts));
      report(`uniformBelow(${n})`, { pValue });
      expect(pValue).toBeGreaterThan(CHECK_ALPHA);
    }
  });
});

describe('Bernoulli(exp(-γ)) (Canonne, Kamath, Steinke 2020, Algorithm 1)', () => {
  it('γ = 0 always gives 1', () => {
    let zeros = 0;
    for (let i = 0; i < 10_000; i++) if (!sampleBernoulliExp({ num: 0n, den: 7n })) zeros++;
    expect(zeros).toBe(0);
  });

  it.each([
    [1, 3],
    [1, 1],
    [5, 2],
  ])('γ = %i/%i has frequency exp(-γ) within a binomial bound', (numerator, denominator) => {
    const num = BigInt(numerator);
    const den = BigInt(denominator);
    const draws = 1_000_000;
    let ones = 0;
    for (let i = 0; i < draws; i++) if (sampleBernoulliExp({ num, den })) ones++;
    const expected = draws * Math.exp(-numerator / denominator);
    const tolerance = binomialDeviation(ones, draws, CHECK_ALPHA);
    report(`Bernoulli(exp(-${num}/${den}))`, {
      frequency: ones / draws,
      expected: expected / draws,
      zScore: (ones - expected) / Math.sqrt(expected * (1 - expected / draws)),
    });
    expect(Math.abs(ones - expected)).toBeLessThanOrEqual(tolerance);
  });

  it('refuses a negative or malformed γ', () => {
    expect(() => sampleBernoulliExp({ num: -1n, den: 2n })).toThrow(RangeError);
    expect(() => sampleBernoulliExp({ num: 1n, den: 0n })).toThrow(RangeError);
  });
});

describe('sampleDiscreteLaplace (Canonne, Kamath, Steinke 2020, Algorithm 2)', () => {
  const SAMPLES = 1_000_000;

  // b = 2 (ε = 0.5, Δ = 1), b = 20/3 (ε = 0.3, Δ = 2) and b = 1/2 (ε = 2, Δ = 1: s > t).
  it.each([
    [50, 1, 2, 1],
    [30, 2, 20, 3],
    [200, 1, 1, 2],
  ])(
    'ε = %i/100, Δ = %i: scale %i/%i matches the exact pmf over 10^6 samples',
    (epsilonHundredths, sensitivity, num, den) => {
      const scale = noiseScale(params(epsilonHundredths, sensitivity));
      expect(scale).toEqual({ num: BigInt(num), den: BigInt(den) });
      const b = num / den;
      const pmf = discreteLaplacePmf(b);
      const p = Math.exp(-1 / b);

      // Bins: every z with |z| ≤ m where each expected count is ≥ 20; both tails pooled.
      let m = 0;
      while (SAMPLES * pmf(m + 1) >= 20) m++;
      const observed = new Array<number>(2 * m + 3).fill(0); // [<-m, -m..m, >m]
      let sum = 0;
      let sumSquares = 0;
      for (let i = 0; i < SAMPLES; i++) {
        const z = Number(sampleDiscreteLaplace(scale));
        sum += z;
        sumSquares += z * z;
        const bin = z < -m ? 0 : z > m ? 2 * m + 2 : z + m + 1;
        observed[bin] = (observed[bin] as number) + 1;
      }
      const tail = p ** (m + 1) / (1 + p); // P(Z > m)
      const expected = [
        SAMPLES * tail,
        ...Array.from({ length: 2 * m + 1 }, (_, i) => SAMPLES * pmf(i - m)),
        SAMPLES * tail,
      ];
      expect(expected.reduce((a, e) => a + e, 0)).toBeCloseTo(SAMPLES, 4);
      expect(Math.min(...expected)).toBeGreaterThanOrEqual(5);
      const fit = chiSquare(observed, expected);

      // Mean 0 and variance 2p/(1-p)²; the CLT gives their sampling spread (the fourth moment
      // from the pmf), and the bounds are 1.5 × the CLT quantile at CHECK_ALPHA.
      const variance = (2 * p) / (1 - p) ** 2;
      let fourth = 0;
      for (let z = 1; pmf(z) > 1e-300; z++) fourth += 2 * z ** 4 * pmf(z);
      const z = normalQuantileUpper(CHECK_ALPHA / 4);
      const mean = sum / SAMPLES;
      const sampleVariance = sumSquares / SAMPLES - mean * mean;
      const meanBound = 1.5 * z * Math.sqrt(variance / SAMPLES);
      const varianceBound = 1.5 * z * Math.sqrt((fourth - variance * variance) / SAMPLES);
      report(`discrete Laplace b=${num}/${den}`, {
        bins: observed.length,
        chiSquare: fit.statistic,
        df: fit.df,
        pValue: fit.pValue,
        mean,
        meanBound,
        variance: sampleVariance,
        expectedVariance: variance,
        varianceBound,
      });
      expect(fit.pValue).toBeGreaterThan(CHECK_ALPHA / 2);
      expect(Math.abs(mean)).toBeLessThanOrEqual(meanBound);
      expect(Math.abs(sampleVariance - variance)).toBeLessThanOrEqual(varianceBound);
    },
  );

  it('draws all its randomness from the RandomSource it is given, never from Math.random', () => {
    const spy = jest.spyOn(Math, 'random');
    let calls = 0;
    let invalid = 0;
    const counting: RandomSource = {
      uniformBelow(n) {
        if (n < 1n) invalid++;
        calls++;
        return cryptoRandom.uniformBelow(n);
      },
    };
    try {
      for (let i = 0; i < 10_000; i++) sampleDiscreteLaplace({ num: 20n, den: 3n }, counting);
      addNoise([1, 2, 3], params(50, 1), counting);
      for (let i = 0; i < 10_000; i++) sampleDiscreteLaplace({ num: 7n, den: 2n });
      expect(calls).toBeGreaterThan(10_000);
      expect(invalid).toBe(0);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('is deterministic given its random source (a scripted source replays the same noise)', () => {
    const recorded: bigint[] = [];
    const recorder: RandomSource = {
      uniformBelow(n) {
        const x = cryptoRandom.uniformBelow(n);
        recorded.push(x);
        return x;
      },
    };
    const first = Array.from({ length: 200 }, () =>
      sampleDiscreteLaplace({ num: 5n, den: 2n }, recorder),
    );
    let i = 0;
    const replay: RandomSource = { uniformBelow: () => recorded[i++] as bigint };
    const second = Array.from({ length: 200 }, () =>
      sampleDiscreteLaplace({ num: 5n, den: 2n }, replay),
    );
    expect(second).toEqual(first);
    expect(i).toBe(recorded.length);
  });

  it('refuses a scale that is not a positive rational of bigints', () => {
    expect(() => sampleDiscreteLaplace({ num: 0n, den: 1n })).toThrow(RangeError);
    expect(() => sampleDiscreteLaplace({ num: 1n, den: 0n })).toThrow(RangeError);
    expect(() => sampleDiscreteLaplace({ num: -2n, den: 1n })).toThrow(RangeError);
    expect(() =>
      sampleDiscreteLaplace({ num: 2, den: 1n } as unknown as { num: bigint; den: bigint }),
    ).toThrow(RangeError);
  });
});

describe('parameters', () => {
  it('noiseScale is Δ/ε reduced', () => {
    expect(noiseScale(params(50, 1))).toEqual({ num: 2n, den: 1n });
    expect(noiseScale(params(30, 2))).toEqual({ num: 20n, den: 3n });
    expect(noiseScale(params(25, 5))).toEqual({ num: 20n, den: 1n });
    expect(noiseScale(params(1000, 1))).toEqual({ num: 1n, den: 10n });
    expect(noiseScale(params(1, 100))).toEqual({ num: 10_000n, den: 1n });
    expect(noiseScale(params(7, 3))).toEqual({ num: 300n, den: 7n });
  });

  const bad: [string, Partial<MechanismParameters>][] = [
    ['ε of 0', { epsilonHundredths: 0 }],
    ['ε over 10', { epsilonHundredths: 1001 }],
    ['fractional ε hundredths', { epsilonHundredths: 12.5 }],
    ['ε NaN', { epsilonHundredths: Number.NaN }],
    ['ε as a string', { epsilonHundredths: '50' as unknown as number }],
    ['sensitivity 0', { sensitivity: 0 }],
    ['sensitivity over 100', { sensitivity: 101 }],
    ['fractional sensitivity', { sensitivity: 1.5 }],
    ['threshold 0', { threshold: 0 }],
    ['fractional threshold', { threshold: 10.5 }],
    ['infinite threshold', { threshold: Number.POSITIVE_INFINITY }],
    ['rounding 0', { rounding: 0 }],
    ['negative rounding', { rounding: -5 }],
    ['fractional rounding', { rounding: 2.5 }],
  ];
  it.each(bad)('noiseScale and addNoise refuse %s', (_label, change) => {
    const p = { ...params(50, 1), ...change };
    const field = Object.keys(change)[0] as string;
    expect(() => noiseScale(p)).toThrow(RangeError);
    expect(() => noiseScale(p)).toThrow(field);
    expect(() => addNoise([1, 2], p)).toThrow(field);
  });

  it('accepts the limits themselves', () => {
    expect(() =>
      noiseScale({ epsilonHundredths: 1, sensitivity: 100, threshold: 1, rounding: 1 }),
    ).not.toThrow();
    expect(() =>
      noiseScale({ epsilonHundredths: 1000, sensitivity: 1, threshold: 1, rounding: 1 }),
    ).not.toThrow();
  });

  it('addNoise refuses a count that is not a non-negative integer', () => {
    expect(() => addNoise([1, -1], params(50, 1))).toThrow(RangeError);
    expect(() => addNoise([1.5], params(50, 1))).toThrow(RangeError);
    expect(() => addNoise([Number.MAX_SAFE_INTEGER + 1], params(50, 1))).toThrow(RangeError);
    const noisy = addNoise([0, 10, 1000], params(50, 1));
    expect(noisy).toHaveLength(3);
    for (const x of noisy) expect(typeof x).toBe('bigint');
  });
});
