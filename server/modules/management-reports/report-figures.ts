import { createHash } from 'node:crypto';
import { ProblemError } from '../../http/problem';
import type { ManagementFigures, ManagementFiguresQuery, Quarter } from '../targets';
import { meanOf, sum } from '../../db/decimal';
import type { Trx } from './management-reports.repository';
import { assembleSnapshot, type ProgramFigures, type SnapshotInputs } from './report-assembly';
import * as figuresRepo from './report-figures.repository';
import { TABLE_TITLES, labelOf } from './report-labels';
import { releaseLink, type RenderOptions } from './report-render';
import type { ManagementReportSnapshot, ReportRelease, Signature } from './report-snapshot';
import { ecuadorDate, periodBounds } from '../../http/ecuador-calendar';

/*
 * A report's figures, computed live from the records: the plan's (program →
 * project → budget execution → targets: the targets module's
 * managementFigures), the trainings', the campaigns' and the published
 * statistics releases'. A draft shows them as they are now; the approval
 * stores them, and the approved report never reads the records again.
 */

/** The targets module's figures for a period, in the caller's transaction. */
export type FiguresSource = (trx: Trx, query: ManagementFiguresQuery) => Promise<ManagementFigures>;

export interface ReportHead {
  year: number;
  quarter: number | null;
  status: 'draft' | 'approved';
  texts: { conclusions: string; recommendations: string; challenges: string };
  preparedBy: Signature | null;
  reviewedBy: Signature | null;
  approvedBy: Signature | null;
}

/** From 1 January to the end of the report's quarter or year (the targets' period too). */
export function yearToDate(year: number, quarter: number | null) {
  return { from: `${year}-01-01`, to: periodBounds({ year, quarter }).to };
}

export async function liveSnapshot(
  trx: Trx,
  source: FiguresSource,
  head: ReportHead,
  now: Date,
  options: RenderOptions = {},
): Promise<ManagementReportSnapshot> {
  const period = yearToDate(head.year, head.quarter);
  const plan = await source(trx, {
    year: head.year,
    asOf: now,
    ...(head.quarter ? { quarter: head.quarter as Quarter } : {}),
  });
  const institution = await figuresRepo.leadAgencyName(trx);
  if (institution === undefined) {
    throw new ProblemError(
      409,
      'no_lead_agency',
      'The lead agency is not set up',
      'An administrator registers the lead agency first; the report is issued in its name.',
    );
  }
  const inputs: SnapshotInputs = {
    status: head.status,
    period: { year: head.year, quarter: head.quarter },
    figuresAsOf: now,
    institutionName: institution,
    programs: programsOf(plan),
    trainings: await trainingsOf(trx, period),
    campaigns: await campaignsOf(trx, period),
    releases: (await figuresRepo.publishedReleases(trx, head.year, head.quarter)).map(
      (r): ReportRelease => {
        const path = `/observatorio/${r.id}`;
        return {
          id: r.id,
          tableId: r.table_id,
          title: labelOf(TABLE_TITLES, r.table_id),
          period: { year: r.period_year, quarter: r.period_quarter },
          // Only published ones are read (publication is permanent: 0023).
          publishedOn: ecuadorDate(r.published_at as Date),
          path,
          url: releaseLink({ path }, options),
        };
      },
    ),
    texts: head.texts,
    preparedBy: head.preparedBy,
    reviewedBy: head.reviewedBy,
    approvedBy: head.approvedBy,
  };
  return assembleSnapshot(inputs);
}

function programsOf(plan: ManagementFigures): ProgramFigures[] {
  return plan.programs.map((program) => ({
    code: program.code,
    name: program.name,
    projects: program.projects.map((project) => ({
      code: project.code,
      name: project.name,
      coded: project.budget.coded,
      accrued: project.budget.accrued,
      targets: project.targets.map((target) => ({
        description: target.description,
        indicator: target.indicator,
        unit: target.unitOfMeasure,
        programmed: target.programmed,
        executed: target.executed,
        executedThrough: target.executedThrough,
        executingUnits: target.executingUnits,
        results: target.resultsDescription,
        planAlignment: target.planObjective,
        source: target.measure.kind === 'manual' ? 'manual' : 'computed',
        quarters: target.quarters.map((q) => ({ quarter: q.quarter, executed: q.executed })),
      })),
    })),
  }));
}

async function trainingsOf(trx: Trx, period: figuresRepo.Period) {
  const { totals, bySector } = await figuresRepo.trainingFigures(trx, period);
  return {
    programmes: totals.programmesWithSessions,
    sessions: totals.sessionsHeld,
    hoursDelivered: totals.hoursDelivered,
    enrolled: totals.peopleEnrolled,
    trained: totals.peopleTrained,
    certified: totals.peopleCertified,
    // The mean of the gains: their exact sum over their count, rounded once.
    averageKnowledgeGain: meanOf(totals.gain.total, totals.gain.n),
    bySector,
  };
}

async function campaignsOf(trx: Trx, period: figuresRepo.Period) {
  const held = await figuresRepo.campaignActivities(trx, period);
  const byGroup = await figuresRepo.reachByGroup(trx, period);
  return {
    ...held,
    peopleReached: Number(sum(byGroup.map((g) => String(g.reached)))),
    byGroup,
    byProvince: await figuresRepo.reachByProvince(trx, period),
  };
}

/**
 * A digest of a snapshot's figures (not its texts, status, signatures or
 * time): an approval names the figures its approver saw, and is refused
 * (409 figures_changed) when the records have moved since.
 */
export function figuresDigest(snapshot: ManagementReportSnapshot): string {
  const { institution, period, budget, programs, trainings, campaigns, releases } = snapshot;
  return createHash('sha256')
    .update(
      JSON.stringify({ institution, period, budget, programs, trainings, campaigns, releases }),
    )
    .digest('hex');
}
