import os from 'node:os';
import argon2 from 'argon2';

/** OWASP's minimum for argon2id: 19 MiB, 2 passes, 1 lane (~35 ms per verify on 2 cores). */
export const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export class HasherSaturatedError extends Error {
  constructor() {
    super('password hashing is saturated');
    this.name = 'HasherSaturatedError';
  }
}

/**
 * Argon2 hashing with a concurrency cap near the core count and a bounded
 * queue: a burst of logins gets a quick "try again" (HasherSaturatedError →
 * 503) instead of an unbounded queue that eats memory and delays everyone.
 */
export class PasswordHasher {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  /** Verified against when the account does not exist, so timing does not tell. */
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly maxConcurrent = Math.max(1, os.availableParallelism()),
    private readonly maxQueued = 8 * Math.max(1, os.availableParallelism()),
  ) {}

  hash(password: string): Promise<string> {
    return this.limited(() => argon2.hash(password, ARGON2_OPTIONS));
  }

  /** Verifies against the stored hash, or against a dummy hash when there is none. */
  async verify(storedHash: string | null, password: string): Promise<boolean> {
    const hash = storedHash ?? (await this.dummy());
    const ok = await this.limited(() => argon2.verify(hash, password));
    return storedHash !== null && ok;
  }

  needsRehash(storedHash: string): boolean {
    return argon2.needsRehash(storedHash, ARGON2_OPTIONS);
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= argon2.hash(`dummy-${Date.now()}`, ARGON2_OPTIONS);
    return this.dummyHash;
  }

  private async limited<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.maxConcurrent) {
      if (this.waiting.length >= this.maxQueued) throw new HasherSaturatedError();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next)
        next(); // hand the slot over: `running` stays the same
      else this.running--;
    }
  }
}
