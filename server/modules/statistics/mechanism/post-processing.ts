import { sampleDiscreteLaplace } from './sampler';
import { cryptoRandom, type RandomSource } from './random';
import { noiseScale, validateParameters, type MechanismParameters } from './parameters';

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
