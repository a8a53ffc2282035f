import { inActorTransaction, type StaffActor } from '../../db/actor-transaction';
import { toPage } from '../../http/pagination';
import { problems } from '../../http/problem';
import { record } from '../audit';
import type {
  OwnTrainings,
  ParticipantDetail,
  ParticipantPage,
  ParticipantQuery,
  Participation,
} from './participant.schemas';
import { toParticipant } from './participant-identity';
import * as enrolments from './enrolments.repository';
import * as repo from './participants.repository';
import type { Trx } from './programmes.repository';
import { numberOf, numberOrNull, type TrainingsDeps } from './trainings.service';
import { requireCoordinator } from '../auth';

/*
 * Reading participants discloses their identity (personal data of staff):
 * coordinators only, and one audit event per response that discloses names
 * — a list (training.participant.list), a participant
 * (training.participant.read, naming them), a programme's roster
 * (training.enrolment.list, naming the programme) — as for the person reading
 * their own record (training.participant.read). Docs: docs/TRAININGS.md.
 */

export function toParticipation(row: enrolments.ParticipationRow): Participation {
  return {
    programmeId: row.programme_id,
    programmeName: row.name,
    startsOn: row.starts_on_text,
    endsOn: row.ends_on_text,
    totalHours: numberOf(row.total_hours_text),
    attendedHours: numberOf(row.attended_hours_text),
    attendancePercent: numberOf(row.attendance_percent_text),
    preScore: numberOrNull(row.pre_score_text),
    postScore: numberOrNull(row.post_score_text),
    completed: row.completed,
    completedOn: row.completed_on_text,
  };
}

export async function participantDetailOf(
  trx: Trx,
  deps: TrainingsDeps,
  row: repo.ParticipantRow,
): Promise<ParticipantDetail> {
  return {
    ...toParticipant(deps.keyring, row),
    participations: (await enrolments.participationsOf(trx, row.id)).map(toParticipation),
  };
}

export function listParticipants(
  deps: TrainingsDeps,
  actor: StaffActor,
  query: ParticipantQuery,
): Promise<ParticipantPage> {
  requireCoordinator(actor);
  return inActorTransaction(deps.store, actor, async (trx) => {
    const { limit, cursor, ...filter } = query;
    const rows = await repo.listParticipants(trx, filter, limit, cursor);
    const page = toPage(rows, limit, (last) => ({
      createdAt: last.created_at.toISOString(),
      id: last.id,
    }));
    record(trx, {
      action: 'training.participant.list',
      outcome: 'success',
      resourceType: 'training_participant',
    });
    return {
      items: page.items.map((row) => toParticipant(deps.keyring, row)),
      nextCursor: page.nextCursor,
    };
  });
}

export function readParticipant(
  deps: TrainingsDeps,
  actor: StaffActor,
  id: string,
): Promise<ParticipantDetail> {
  requireCoordinator(actor);
  return inActorTransaction(deps.store, actor, async (trx) => {
    const row = await repo.findParticipant(trx, id);
    if (!row) throw problems.notFound();
    record(trx, {
      action: 'training.participant.read',
      outcome: 'success',
      resourceType: 'training_participant',
      resourceId: id,
    });
    return participantDetailOf(trx, deps, row);
  });
}

/**
 * The person's own record: any signed-in staff member whose account a
 * coordinator linked a participant to (participant-account.ts). Row-level
 * security gives them their own participant row, enrolments, attendance and
 * the programmes they are enrolled in, nothing else.
 */
export function readOwnTrainings(deps: TrainingsDeps, actor: StaffActor): Promise<OwnTrainings> {
  return inActorTransaction(deps.store, actor, async (trx) => {
    const row = await repo.participantOfUser(trx, actor.id);
    if (!row) return { participant: null };
    record(trx, {
      action: 'training.participant.read',
      outcome: 'success',
      resourceType: 'training_participant',
      resourceId: row.id,
      purpose: 'own_record',
    });
    return { participant: await participantDetailOf(trx, deps, row) };
  });
}
