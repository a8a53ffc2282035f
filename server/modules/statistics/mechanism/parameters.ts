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
