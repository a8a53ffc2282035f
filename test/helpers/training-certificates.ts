import { randomUUID } from 'node:crypto';
import { inActorTransaction, SYSTEM_ACTOR, type DbActor } from '../../server/db/actor-transaction';
import {
  encryptIdentity,
  newParticipantKey,
} from '../../server/modules/trainings/participant-crypto';
import { eraseParticipant as erase } from '../../server/modules/trainings';
import type { TestApp } from './app';

/**
 * Fixtures of the training certificates' tests: a programme with its
 * sessions, participants (identity sealed under each one's key, as the
 * trainings module seals it), enrolments and attendance, written straight
 * into the tables as a coordinator (row-level security applies).
 */

export interface ParticipantSpec {
  fullName: string;
  workEmail?: string;
  position?: string;
  /** Indexes of the sessions attended. */
  attended: number[];
  postScore?: string;
  /** The person's own account, when they have one. */
  userId?: string;
  institutionName?: string;
}

export interface ProgrammeSpec {
  name?: string;
  partnerInstitution?: string | null;
  /** Hours of each session; the programme's total is their sum unless given. */
  sessionHours?: string[];
  totalHours?: string;
  startsOn?: string;
  endsOn?: string;
  minFinalScore?: string | null;
  participants: ParticipantSpec[];
}

export interface SeededProgramme {
  id: string;
  participantIds: string[];
  sessionIds: string[];
}

const coordinatorActor = (id: string): DbActor => ({
  id,
  role: 'coordinator',
  institutionId: null,
});

export async function seedProgramme(
  t: TestApp,
  coordinatorId: string,
  spec: ProgrammeSpec,
): Promise<SeededProgramme> {
  const sessionHours = spec.sessionHours ?? ['4.00', '4.00', '4.00', '0.50'];
  const total =
    spec.totalHours ?? sessionHours.reduce((sum, hours) => sum + Number(hours), 0).toFixed(2);
  return inActorTransaction(t.database.store, coordinatorActor(coordinatorId), async (trx) => {
    const programme = await trx
      .insertInto('training_programmes')
      .values({
        name: spec.name ?? 'Atención especializada a víctimas de trata',
        topic: 'Identificación, derivación y atención de víctimas',
        target_sectors: ['health', 'justice'],
        partner_institution:
          spec.partnerInstitution === undefined
            ? 'Universidad Central del Ecuador'
            : spec.partnerInstitution,
        modality: 'in_person',
        total_hours: total,
        min_final_score: spec.minFinalScore ?? null,
        starts_on: spec.startsOn ?? '2026-03-03',
        ends_on: spec.endsOn ?? '2026-04-28',
        province: 'Pichincha',
        created_by: coordinatorId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const sessionIds: string[] = [];
    for (const [index, hours] of sessionHours.entries()) {
      const session = await trx
        .insertInto('training_sessions')
        .values({
          programme_id: programme.id,
          starts_at: `2026-03-${String(3 + index).padStart(2, '0')}T14:00:00Z`,
          hours,
          place: 'Aula 1',
          trainers: ['Docente de la universidad'],
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      sessionIds.push(session.id);
    }
    const participantIds: string[] = [];
    for (const person of spec.participants) {
      const id = randomUUID();
      const { dataKey, wrapped } = newParticipantKey(t.keyring, id);
      await trx
        .insertInto('training_participants')
        .values({
          id,
          institution_name: person.institutionName ?? 'Hospital General del Sur',
          sector: 'health',
          province: 'Pichincha',
          ...encryptIdentity(dataKey, id, {
            fullName: person.fullName,
            workEmail: person.workEmail ?? null,
            position: person.position ?? null,
          }),
          key_kek_version: wrapped.kekVersion,
          key_wrapped: wrapped.wrapped,
          user_id: person.userId ?? null,
          keep_until: '2031-12-31',
          created_by: coordinatorId,
        })
        .execute();
      await trx
        .insertInto('training_enrolments')
        .values({
          programme_id: programme.id,
          participant_id: id,
          post_score: person.postScore ?? null,
          enrolled_by: coordinatorId,
        })
        .execute();
      for (const [index, sessionId] of sessionIds.entries()) {
        await trx
          .insertInto('training_attendance')
          .values({
            session_id: sessionId,
            participant_id: id,
            programme_id: programme.id,
            present: person.attended.includes(index),
            recorded_by: coordinatorId,
          })
          .execute();
      }
      participantIds.push(id);
    }
    return { id: programme.id, participantIds, sessionIds };
  });
}

/** Every session attended (for a programme seeded with `sessionHours` of this length). */
export const allOf = (sessions: number) => Array.from({ length: sessions }, (_, i) => i);

/** Erases a participant as the retention job does (the key, the identity and the account link go). */
export async function eraseParticipant(t: TestApp, participantId: string): Promise<void> {
  const erased = await inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
    erase(trx, participantId, 'retention_ended'),
  );
  if (!erased) throw new Error('no participant to erase');
}
