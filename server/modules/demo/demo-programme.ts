import { inActorTransaction, SYSTEM_ACTOR } from '../../db/actor-transaction';
import { record } from '../audit';
import { ensureDemoCampaign } from './demo-campaign';
import { ensureDemoCoordinators } from './demo-coordinators';
import { demoCalendar } from './demo-dates';
import type { DemoDeps } from './demo-deps';
import { ensureDemoPlan } from './demo-plan';
import { ensureDemoReport } from './demo-report';
import { ensureDemoTraining } from './demo-training';

/** What a start added (false: it was there already). */
export interface DemoProgrammeResult {
  coordinators: number;
  training: boolean;
  campaign: boolean;
  plan: boolean;
  report: boolean;
}

/**
 * The programme's demo data for the current year (DEMO_DATA=true, never in
 * production): a training programme with its sessions, attendance, scores
 * and certificates; a prevention campaign with its activities; the plan's
 * program, projects, budget and targets; and the year's management report
 * as a reviewed draft — so that a newcomer opens a filled report. Each part
 * is one transaction, written by disabled demo coordinators through the
 * modules' own use cases, and is skipped when it is there already (by its
 * fixed name or code): a second start adds nothing. The run that adds
 * anything is one `demo.seed` event besides the use cases' own.
 */
export async function ensureDemoProgramme(deps: DemoDeps): Promise<DemoProgrammeResult> {
  const part = { ...deps, calendar: demoCalendar(deps.clock()) };
  const coordinators = await ensureDemoCoordinators(part);
  const result: DemoProgrammeResult = {
    coordinators: coordinators.added,
    training: (await ensureDemoTraining(part, coordinators)).added,
    campaign: (await ensureDemoCampaign(part, coordinators)).added,
    plan: (await ensureDemoPlan(part, coordinators)).added,
    report: (await ensureDemoReport(part, coordinators)).added,
  };
  if (Object.values(result).some((added) => added !== false && added !== 0)) {
    await inActorTransaction(deps.store, SYSTEM_ACTOR, (trx) => {
      record(trx, { action: 'demo.seed', outcome: 'success' });
      return Promise.resolve();
    });
  }
  return result;
}
