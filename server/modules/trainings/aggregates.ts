import { inActorTransaction, type StaffActor } from '../../db/actor-transaction';
import type { AggregatesQuery, TrainingAggregates } from './aggregates.schemas';
import type { Trx } from './programmes.repository';
import {
  peopleByIn,
  programmesEndedIn,
  trainingTotalsIn,
  type PeopleDimension,
} from './training-figures';
import { numberOf, numberOrNull, type TrainingsDeps } from './trainings.service';
import type { Province, TrainingSector } from './trainings.vocabularies';
import { requireCoordinator } from '../auth';

/*
 * The coordinator's aggregates for a period: counts only, never a person.
 * The figures are defined once, in training-figures.ts (docs/TRAININGS.md,
 * "The figures"), and the targets' measures and the management report
 * count them there too. Not audited: nothing personal is read.
 */

export function periodOf(query: AggregatesQuery): { from: string; to: string } {
  if (query.year !== undefined) return { from: `${query.year}-01-01`, to: `${query.year}-12-31` };
  return { from: query.from!, to: query.to! };
}

type Gain = { mean: number | null; n: number };
const gainOf = (gain: { mean: string | null; n: number }): Gain => ({
  mean: numberOrNull(gain.mean),
  n: gain.n,
});

// part / whole × 100 to two decimals, half up, in integers (exact).
const percent = (part: number, whole: number) =>
  whole === 0 ? null : Math.floor((20000 * part + whole) / (2 * whole)) / 100;

/** The aggregates of a period, in the caller's transaction (RLS: coordinators). */
export async function trainingAggregatesIn(
  trx: Trx,
  period: { from: string; to: string },
): Promise<TrainingAggregates> {
  const totals = await trainingTotalsIn(trx, period);
  const trained = async (dimension: PeopleDimension) =>
    (await peopleByIn(trx, period, dimension, 'most_trained')).filter((g) => g.peopleTrained > 0);
  const bySector = await trained('sector');
  const byProvince = await trained('province');
  const byInstitution = await trained('institution_name');
  const byProgramme = await programmesEndedIn(trx, period);

  return {
    period,
    programmes: totals.programmesEnded,
    enrolments: totals.enrolments,
    completedEnrolments: totals.completedEnrolments,
    peopleEnrolled: totals.peopleEnrolled,
    completionPercent: percent(totals.peopleTrained, totals.peopleEnrolled),
    peopleTrained: totals.peopleTrained,
    peopleCertified: totals.peopleCertified,
    hoursDelivered: numberOf(totals.hoursDelivered),
    knowledgeGain: gainOf(totals.gain),
    bySector: bySector.map((r) => ({
      sector: r.key as TrainingSector,
      peopleTrained: r.peopleTrained,
    })),
    byInstitution: byInstitution.map((r) => ({
      institutionName: r.key,
      peopleTrained: r.peopleTrained,
    })),
    byProvince: byProvince.map((r) => ({
      province: r.key as Province | null,
      peopleTrained: r.peopleTrained,
    })),
    byProgramme: byProgramme.map((r) => ({
      programmeId: r.programmeId,
      name: r.name,
      startsOn: r.startsOn,
      endsOn: r.endsOn,
      totalHours: numberOf(r.totalHours),
      enrolments: r.enrolments,
      completedEnrolments: r.completedEnrolments,
      completionPercent: percent(r.completedEnrolments, r.enrolments),
      knowledgeGain: gainOf(r.gain),
    })),
  };
}

export function readAggregates(
  deps: TrainingsDeps,
  actor: StaffActor,
  query: AggregatesQuery,
): Promise<TrainingAggregates> {
  requireCoordinator(actor);
  return inActorTransaction(deps.store, actor, (trx) => trainingAggregatesIn(trx, periodOf(query)));
}
