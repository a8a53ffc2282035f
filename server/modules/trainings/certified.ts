import { sql } from 'kysely';
import type { FieldError } from '../../http/problem';
import { record } from '../audit';
import type { Trx } from './programmes.repository';
import { conflictOn } from './trainings.service';

/*
 * What the trainings' records owe to the certificates issued from them
 * (0026: training_certificates, owned by the training-certificates module).
 * A valid certificate keeps its basis: every change to attendance, scores,
 * sessions, the programme's rule or an enrolment that would leave a holder
 * of a valid certificate no longer completed is refused (409
 * certificate_depends_on_completion); the coordinator revokes first. The
 * check is generic: the change is made in the transaction, then the
 * completion view is asked about the programme's certified participants,
 * and the transaction rolls back if any of them no longer completed.
 */

/** Participants holding a valid certificate of the programme who no longer completed it. */
export async function certifiedNoLongerCompleted(trx: Trx, programmeId: string): Promise<string[]> {
  const { rows } = await sql<{ participant_id: string }>`
    select c.participant_id
    from training_certificates c
    left join training_completions k
      on k.programme_id = c.programme_id and k.participant_id = c.participant_id
    where c.programme_id = ${programmeId} and c.revoked_at is null
      and not coalesce(k.completed, false)
    order by c.participant_id`.execute(trx);
  return rows.map((r) => r.participant_id);
}

/**
 * 409 certificate_depends_on_completion naming the fields of the change, and
 * how many certificates it concerns (never whose).
 */
export function certificateDependsOnCompletion(count: number, paths: string[]) {
  const errors: FieldError[] = paths.map((path) => ({
    path,
    code: 'certificate_depends_on_completion',
    message: 'A valid certificate depends on this completion',
  }));
  return conflictOn(
    'certificate_depends_on_completion',
    'Valid certificates depend on this',
    `${count} valid certificate${count === 1 ? '' : 's'} of this programme would no longer be ` +
      'backed by a completion. Revoke them first, if they are no longer due.',
    errors,
  );
}

/**
 * After a change made in `trx`: throws (and so rolls the change back) when a
 * holder of a valid certificate of the programme no longer completed it.
 * `pathsOf` names the fields of the request that caused it, given those
 * participants' ids.
 */
export async function keepCertifiedCompleted(
  trx: Trx,
  programmeId: string,
  pathsOf: (participantIds: string[]) => string[],
): Promise<void> {
  const lost = await certifiedNoLongerCompleted(trx, programmeId);
  if (lost.length > 0) throw certificateDependsOnCompletion(lost.length, pathsOf(lost));
}

/** Whether the participant holds a valid certificate of the programme. */
export async function holdsValidCertificate(
  trx: Trx,
  programmeId: string,
  participantId: string,
): Promise<boolean> {
  const row = await trx
    .selectFrom('training_certificates')
    .select('id')
    .where('programme_id', '=', programmeId)
    .where('participant_id', '=', participantId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Revokes every valid certificate of a participant, the reason being a code
 * (the erasure's), each revocation audited with it as the purpose. Returns
 * how many were revoked.
 */
export async function revokeCertificatesOf(
  trx: Trx,
  participantId: string,
  revokedBy: string,
  reason: 'created_in_error' | 'duplicate_record',
): Promise<number> {
  const rows = await trx
    .updateTable('training_certificates')
    .set({ revoked_at: sql<Date>`now()`, revoked_by: revokedBy, revocation_reason: reason })
    .where('participant_id', '=', participantId)
    .where('revoked_at', 'is', null)
    .returning('id')
    .execute();
  for (const row of rows) {
    record(trx, {
      action: 'training_certificate.revoke',
      outcome: 'success',
      resourceType: 'training_certificate',
      resourceId: row.id,
      purpose: reason,
    });
  }
  return rows.length;
}
