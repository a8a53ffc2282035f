import type { Store, StaffActor } from '../../db/actor-transaction';
import { violatedUniqueConstraint } from '../../db/errors';
import { looksPersonal } from '../../http/plain-text';
import { problems, ProblemError, type FieldError } from '../../http/problem';

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

export function requireCoordinator(actor: StaffActor): void {
  if (actor.role !== 'coordinator') throw problems.forbidden();
}

const STALE_TITLES = {
  program: 'The program changed since you read it',
  project: 'The project changed since you read it',
  target: 'The target changed since you read it',
} as const;

export const stale = (what: keyof typeof STALE_TITLES) =>
  problems.conflict('stale_version', STALE_TITLES[what], 'Read it again and reapply your change.');

/** Throws 400 with the errors, if any. */
export function refuseInvalid(errors: FieldError[]): void {
  if (errors.length > 0) throw problems.validation(errors);
}

export function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * 400 looks_personal on each free text sent that carries what looks like a
 * person's data (an e-mail address, a phone or identity number): texts of
 * the plan are kept for good and printed in public management reports.
 */
export function personalTextErrors(
  texts: Record<string, string | readonly string[] | null | undefined>,
): FieldError[] {
  return Object.entries(texts).flatMap(([field, text]) => {
    const items = typeof text === 'string' ? [[field, text] as const] : [];
    const listed = Array.isArray(text)
      ? (text as readonly string[]).map((t, i) => [`${field}.${i}`, t] as const)
      : [];
    return [...items, ...listed]
      .filter(([, t]) => looksPersonal(t))
      .map(([path]) => ({
        path: `body.${path}`,
        code: 'looks_personal',
        message: 'Must not contain an e-mail address, a phone number or an identity number',
      }));
  });
}

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

/** A foreign key violated (SQLSTATE 23503): a row appeared under what is being deleted. */
export function isForeignKeyViolation(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23503'
  );
}
