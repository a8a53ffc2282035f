import { sql } from 'kysely';
import { inActorTransaction, type StaffActor } from '../../db/actor-transaction';
import type { AggregatesQuery, TrainingAggregates } from './aggregates.schemas';
import type { Trx } from './programmes.repository';
import { ECUADOR_TIME_ZONE as TRAINING_TIME_ZONE } from '../../http/ecuador-calendar';
import { numberOf, numberOrNull, type TrainingsDeps } from './trainings.service';
import type { Province, TrainingSector } from './trainings.vocabularies';
import { requireCoordinator } from '../auth';

/*
 * The coordinator's aggregates for a period: counts only, never a person.
 * A programme counts in the period its end date falls in; its enrolments
 * give the completion rate and the knowledge gain, and its participants who
 * completed it are the people trained (each counted once, whatever number of
 * programmes they completed). Hours delivered are those of the sessions held
 * in the period (by their day in Ecuador, up to now). Erased participants
 * count like everyone else: their clear attributes and enrolments remain.
 * Not audited: nothing personal is read. Targets and the management report
 * reuse trainingAggregatesIn (issue 15).
 */

export function periodOf(query: AggregatesQuery): { from: string; to: string } {
  if (query.year !== undefined) return { from: `${query.year}-01-01`, to: `${query.year}-12-31` };
  return { from: query.from!, to: query.to! };
}

type Gain = { mean: number | null; n: number };
const gainOf = (mean: string | null, n: number): Gain => ({ mean: numberOrNull(mean), n });

/** The aggregates of a period, in the caller's transaction (RLS: coordinators). */
export async function trainingAggregatesIn(
  trx: Trx,
  period: { from: string; to: string },
  now: Date,
): Promise<TrainingAggregates> {
  const { from, to } = period;
  // The enrolments of the programmes that end in the period, with completion.
  const inPeriod = sql`
    select g.id as programme_id, g.name, g.starts_on, g.ends_on, g.total_hours,
           e.participant_id, e.pre_score, e.post_score, c.completed,
           p.sector, p.province, p.institution_name
    from training_programmes g
    left join training_enrolments e on e.programme_id = g.id
    left join training_completions c
      on c.programme_id = e.programme_id and c.participant_id = e.participant_id
    left join training_participants p on p.id = e.participant_id
    where g.ends_on between ${from}::date and ${to}::date`;

  const { rows: totals } = await sql<{
    programmes: number;
    enrolments: number;
    completed: number;
    people: number;
    gain: string | null;
    gain_n: number;
  }>`
    with f as (${inPeriod})
    select count(distinct programme_id)::int as programmes,
           count(participant_id)::int as enrolments,
           count(*) filter (where completed)::int as completed,
           count(distinct participant_id) filter (where completed)::int as people,
           round(avg(post_score - pre_score), 2)::text as gain,
           count(post_score - pre_score)::int as gain_n
    from f`.execute(trx);
  const total = totals[0]!;

  const people = (dimension: 'sector' | 'province' | 'institution_name') =>
    sql<{ key: string | null; people: number }>`
      with f as (${inPeriod})
      select ${sql.ref(dimension)} as key, count(distinct participant_id)::int as people
      from f where completed
      group by ${sql.ref(dimension)}
      order by people desc, key nulls last`.execute(trx);
  const bySector = (await people('sector')).rows;
  const byProvince = (await people('province')).rows;
  const byInstitution = (await people('institution_name')).rows;

  const { rows: byProgramme } = await sql<{
    programme_id: string;
    name: string;
    starts_on: string;
    ends_on: string;
    total_hours: string;
    enrolments: number;
    completed: number;
    gain: string | null;
    gain_n: number;
  }>`
    with f as (${inPeriod})
    select programme_id, name, to_char(starts_on, 'YYYY-MM-DD') as starts_on,
           to_char(ends_on, 'YYYY-MM-DD') as ends_on, total_hours::text as total_hours,
           count(participant_id)::int as enrolments,
           count(*) filter (where completed)::int as completed,
           round(avg(post_score - pre_score), 2)::text as gain,
           count(post_score - pre_score)::int as gain_n
    from f
    group by programme_id, name, starts_on, ends_on, total_hours
    order by ends_on, name, programme_id`.execute(trx);

  const { rows: hours } = await sql<{ hours: string }>`
    select coalesce(sum(hours), 0)::text as hours
    from training_sessions
    where (starts_at at time zone ${sql.lit(TRAINING_TIME_ZONE)})::date
            between ${from}::date and ${to}::date
      and starts_at <= ${now.toISOString()}::timestamptz`.execute(trx);

  // completed / enrolled × 100 to two decimals, half up, in integers (exact).
  const percent = (completed: number, enrolled: number) =>
    enrolled === 0 ? null : Math.floor((20000 * completed + enrolled) / (2 * enrolled)) / 100;

  return {
    period,
    programmes: total.programmes,
    enrolments: total.enrolments,
    completedEnrolments: total.completed,
    completionPercent: percent(total.completed, total.enrolments),
    peopleTrained: total.people,
    hoursDelivered: numberOf(hours[0]!.hours),
    knowledgeGain: gainOf(total.gain, total.gain_n),
    bySector: bySector.map((r) => ({
      sector: r.key as TrainingSector,
      peopleTrained: r.people,
    })),
    byInstitution: byInstitution.map((r) => ({
      institutionName: r.key,
      peopleTrained: r.people,
    })),
    byProvince: byProvince.map((r) => ({
      province: r.key as Province | null,
      peopleTrained: r.people,
    })),
    byProgramme: byProgramme.map((r) => ({
      programmeId: r.programme_id,
      name: r.name,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      totalHours: numberOf(r.total_hours),
      enrolments: r.enrolments,
      completedEnrolments: r.completed,
      completionPercent: percent(r.completed, r.enrolments),
      knowledgeGain: gainOf(r.gain, r.gain_n),
    })),
  };
}

export function readAggregates(
  deps: TrainingsDeps,
  actor: StaffActor,
  query: AggregatesQuery,
): Promise<TrainingAggregates> {
  requireCoordinator(actor);
  return inActorTransaction(deps.store, actor, (trx) =>
    trainingAggregatesIn(trx, periodOf(query), deps.clock()),
  );
}
