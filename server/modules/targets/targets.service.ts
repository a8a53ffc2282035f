import type { Store } from '../../db/actor-transaction';
import { violatedUniqueConstraint } from '../../db/errors';
import { problems, ProblemError } from '../../http/problem';

/*
 * What the plan's, budget's and targets' use cases share. None of it is
 * personal: reads are not audited; every change is, once, naming the record
 * (in the same transaction). Only coordinators use these endpoints (the
 * routes refuse anyone else, audited as access.denied; row-level security
 * refuses them too).
 */

export interface TargetsDeps {
  store: Store;
  clock: () => Date;
}

const STALE_TITLES = {
  program: 'The program changed since you read it',
  project: 'The project changed since you read it',
  target: 'The target changed since you read it',
} as const;

export const stale = (what: keyof typeof STALE_TITLES) =>
  problems.conflict('stale_version', STALE_TITLES[what], 'Read it again and reapply your change.');

/** 409 code_taken: another program (or project of the same program) has this code. */
export const codeTaken = () =>
  new ProblemError(409, 'code_taken', 'The code is taken', 'Another one already has this code.', [
    { path: 'body.code', code: 'code_taken', message: 'Another one already has this code' },
  ]);

/** Runs a write; a unique violation on `constraint` (a race past the check) is 409 code_taken. */
export async function takenCodeAs409<T>(constraint: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (violatedUniqueConstraint(error) === constraint) throw codeTaken();
    throw error;
  }
}

/** 409 in_use: what is deleted still has something hanging off it. */
export const inUse = (detail: string) =>
  problems.conflict('in_use', 'It is in use and cannot be deleted', detail);
