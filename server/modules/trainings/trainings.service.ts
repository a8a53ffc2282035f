import type { Transaction } from 'kysely';
import type { KeyEncryptionKeys } from '../../../security/crypto';
import type { Store } from '../../db/actor-transaction';
import type { DB } from '../../db/schema';
import { ProblemError, problems, type FieldError } from '../../http/problem';
import { record } from '../audit';
import type { AuditAction } from '../audit/audit.vocabulary';

/*
 * What the trainings' use cases share. Programmes, sessions, enrolments,
 * attendance and scores are the coordinator's (routes and row-level security
 * refuse anyone else, audited as access.denied); participants' identities are
 * personal data of staff, sealed under each participant's own key
 * (participant-crypto.ts). Every change is audited, naming the record it
 * changed (a sheet of attendance: its session; a batch of scores or
 * enrolments: its programme) and, for attendance, scores and enrolments,
 * also each participant it actually changed (one event each, same request
 * id). Every read that discloses participants' names is audited once per
 * response (docs/TRAININGS.md).
 */

export interface TrainingsDeps {
  store: Store;
  clock: () => Date;
  keyring: KeyEncryptionKeys;
  /** Years a participant's identity is kept after their latest programme ends. */
  retentionYears: number;
}

export const stale = (what: 'programme' | 'session' | 'participant') =>
  problems.conflict(
    'stale_version',
    `The ${what} changed since you read it`,
    'Read it again and reapply your change.',
  );

export const participantErased = () =>
  problems.conflict(
    'participant_erased',
    'This participant has been erased',
    'Their identity is gone for good; record them again if they take part again.',
  );

/** A 409 that names the fields it is about. */
export function conflictOn(
  code: string,
  title: string,
  detail: string,
  errors: FieldError[] = [],
): ProblemError {
  return new ProblemError(409, code, title, detail, errors.length > 0 ? errors : undefined);
}

/** numeric(p,2) as the database returns it (text) to a JSON number. */
export const numberOf = (text: string) => Number(text);
export const numberOrNull = (text: string | null) => (text === null ? null : Number(text));

/** A JSON number with at most two decimals as numeric(p,2) text, exact. */
export const numericText = (value: number) => value.toFixed(2);
export const numericOrNull = (value: number | null) => (value === null ? null : value.toFixed(2));

/**
 * One audit event per participant a request changed, naming the participant
 * (its id is pseudonymous; never their data). The recorder writes all the
 * events of a transaction in one INSERT at commit, so a sheet of 500 people
 * costs one statement (and 500 rows for the sealer to chain).
 */
export function auditParticipants(
  trx: Transaction<DB>,
  action: AuditAction,
  participantIds: Iterable<string>,
): void {
  for (const id of participantIds) {
    record(trx, {
      action,
      outcome: 'success',
      resourceType: 'training_participant',
      resourceId: id,
    });
  }
}
