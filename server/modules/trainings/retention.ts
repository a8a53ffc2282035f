import { sql } from 'kysely';
import { inActorTransaction, SYSTEM_ACTOR, type Store } from '../../db/actor-transaction';
import { record } from '../audit';
import type { AuditPurpose } from '../audit/audit.vocabulary';
import type { Trx } from './programmes.repository';
import { ecuadorDate } from '../../http/ecuador-calendar';

/*
 * Retention of participants' identity (docs/TRAININGS.md). A participant is
 * kept until keep_until: the end of their latest programme (or the day they
 * were recorded, if later) plus TRAINING_RETENTION_YEARS, so that the
 * certificates they were issued stay verifiable by name for that long. Then
 * their identity is crypto-shredded: the wrapped data key, the ciphertexts
 * and the link to their staff account are destroyed in one statement, and
 * erased_at set. Their institution, sector and province, enrolments,
 * attendance and scores stay: the aggregates are counts and keep counting
 * them. Erasure cannot be undone (0025's trigger refuses it).
 */

const BATCH = 100;

/**
 * Erases one live participant in the caller's transaction, audited with the
 * reason; `institution` blanks their institution name too (erasure on the
 * person's own request). False if there was none to erase (unknown, not
 * visible or already erased).
 */
export async function eraseParticipant(
  trx: Trx,
  participantId: string,
  purpose: AuditPurpose,
  also: { institution?: boolean } = {},
): Promise<boolean> {
  const result = await trx
    .updateTable('training_participants')
    .set({
      ...(also.institution ? { institution_name: null } : {}),
      key_wrapped: null,
      key_kek_version: null,
      key_rewrapped_at: null,
      full_name_enc: null,
      work_email_enc: null,
      position_enc: null,
      user_id: null,
      erased_at: new Date(),
    })
    .where('id', '=', participantId)
    .where('erased_at', 'is', null)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return false;
  record(trx, {
    action: 'training.participant.erase',
    outcome: 'success',
    resourceType: 'training_participant',
    resourceId: participantId,
    purpose,
  });
  return true;
}

/**
 * The daily retention job's step (issue 17 schedules it): erases, as the
 * system, every participant whose keep_until is before today (Ecuador's
 * date), in short batches (each one transaction, rows locked with SKIP
 * LOCKED so two runs do not collide), each erasure audited with purpose
 * retention_ended. Returns how many were erased.
 */
export async function eraseExpiredParticipants(store: Store, now: Date): Promise<number> {
  const today = ecuadorDate(now);
  let erased = 0;
  for (;;) {
    const done = await inActorTransaction(store, SYSTEM_ACTOR, async (trx) => {
      const { rows } = await sql<{ id: string }>`
        select id from training_participants
        where erased_at is null and keep_until < ${today}::date
        order by keep_until, id
        limit ${BATCH} for update skip locked`.execute(trx);
      for (const row of rows) await eraseParticipant(trx, row.id, 'retention_ended');
      return rows.length;
    });
    erased += done;
    if (done < BATCH) return erased;
  }
}
