import { inActorTransaction, type StaffActor } from '../../db/actor-transaction';
import { toPage } from '../../http/pagination';
import { problems } from '../../http/problem';
import type {
  Programme,
  ProgrammeDetail,
  ProgrammePage,
  ProgrammeQuery,
  Session,
} from './programme.schemas';
import * as repo from './programmes.repository';
import { numberOf, numberOrNull, type TrainingsDeps } from './trainings.service';
import type { Modality, Province, TrainingSector } from './trainings.vocabularies';
import { requireCoordinator } from '../auth';

/** Reading programmes and their sessions: coordinators; not audited (nothing personal). */

export function toProgramme(row: repo.ProgrammeRow): Programme {
  return {
    id: row.id,
    name: row.name,
    topic: row.topic,
    targetSectors: row.target_sectors as TrainingSector[],
    partnerInstitution: row.partner_institution,
    modality: row.modality as Modality,
    totalHours: numberOf(row.total_hours_text),
    minAttendancePercent: numberOf(row.min_attendance_text),
    minFinalScore: numberOrNull(row.min_final_score_text),
    startsOn: row.starts_on_text,
    endsOn: row.ends_on_text,
    province: row.province as Province | null,
    sessionCount: row.session_count,
    scheduledHours: numberOf(row.scheduled_hours_text),
    enrolled: row.enrolled,
    completed: row.completed,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

export function toSession(row: repo.SessionRow): Session {
  return {
    id: row.id,
    programmeId: row.programme_id,
    startsAt: row.starts_at.toISOString(),
    date: row.day_text,
    hours: numberOf(row.hours_text),
    place: row.place,
    link: row.link,
    trainers: row.trainers,
    attendanceRecorded: row.recorded > 0,
    presentCount: row.present_count,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

export async function detailOf(trx: repo.Trx, id: string): Promise<ProgrammeDetail> {
  const row = await repo.findProgramme(trx, id);
  if (!row) throw problems.notFound();
  return { ...toProgramme(row), sessions: (await repo.sessionsOf(trx, id)).map(toSession) };
}

export function listProgrammes(
  deps: TrainingsDeps,
  actor: StaffActor,
  query: ProgrammeQuery,
): Promise<ProgrammePage> {
  requireCoordinator(actor);
  return inActorTransaction(deps.store, actor, async (trx) => {
    const { limit, cursor, ...filter } = query;
    const rows = await repo.listProgrammes(trx, filter, limit, cursor);
    const page = toPage(rows, limit, (last) => ({ startsOn: last.starts_on_text, id: last.id }));
    return { items: page.items.map(toProgramme), nextCursor: page.nextCursor };
  });
}

/** The programme and its sessions. */
export function readProgramme(
  deps: TrainingsDeps,
  actor: StaffActor,
  id: string,
): Promise<ProgrammeDetail> {
  requireCoordinator(actor);
  return inActorTransaction(deps.store, actor, (trx) => detailOf(trx, id));
}
