import { progressPercent as percentOf, roundHalfUp, sum } from '../../db/decimal';
import {
  CAMPAIGN_LABELS,
  GROUP_LABELS,
  labelOf,
  PENDING_LABEL,
  ROLE_LABELS,
  SECTOR_LABELS,
  sourceLabel,
  TRAINING_LABELS,
} from './report-labels';
import {
  SNAPSHOT_FORMAT,
  type CampaignsSummary,
  type ManagementReportSnapshot,
  type ReportPeriod,
  type ReportProgram,
  type ReportRelease,
  type ReportTarget,
  type Signature,
  type TrainingsSummary,
} from './report-snapshot';
import { ecuadorDate } from '../../http/ecuador-calendar';

/*
 * Builds a snapshot from the figures as the records give them: budget
 * amounts per project, targets' programmed and executed values. Every total
 * and percentage of the report is computed here and nowhere else (exact
 * decimals, rounded once, half away from zero: decimal.ts).
 */

/** executedThrough: a case-work count that stops at an ended quarter (none: the whole period). */
export type TargetFigures = Omit<
  ReportTarget,
  'progressPercent' | 'executedThrough' | 'sourceLabel'
> & {
  executedThrough?: ReportTarget['executedThrough'];
};

export interface ProjectFigures {
  code: string | null;
  name: string;
  coded: string;
  accrued: string;
  targets: TargetFigures[];
}

export interface ProgramFigures {
  code: string | null;
  name: string;
  projects: ProjectFigures[];
}

export interface TrainingFigures extends Omit<TrainingsSummary, 'completionPercent' | 'bySector'> {
  bySector: Omit<TrainingsSummary['bySector'][number], 'completionPercent' | 'label'>[];
}

export interface CampaignFigures extends Omit<CampaignsSummary, 'byGroup'> {
  byGroup: Omit<CampaignsSummary['byGroup'][number], 'label'>[];
}

export interface SnapshotInputs {
  status: ManagementReportSnapshot['status'];
  period: ReportPeriod;
  figuresAsOf: Date;
  institutionName: string;
  programs: ProgramFigures[];
  trainings: TrainingFigures;
  campaigns: CampaignFigures;
  releases: ReportRelease[];
  texts: { conclusions: string; recommendations: string; challenges: string };
  preparedBy: Signature | null;
  reviewedBy: Signature | null;
  approvedBy: Signature | null;
}

function budgetOf(coded: string, accrued: string) {
  return { coded, accrued, executionPercent: percentOf(accrued, coded) };
}

export function assembleSnapshot(given: SnapshotInputs): ManagementReportSnapshot {
  // Amounts are rounded to the cent first (the database holds cents already),
  // so that every total is the sum of the amounts the report shows.
  const input: SnapshotInputs = {
    ...given,
    programs: given.programs.map((program) => ({
      ...program,
      projects: program.projects.map((project) => ({
        ...project,
        coded: roundHalfUp(project.coded, 2),
        accrued: roundHalfUp(project.accrued, 2),
      })),
    })),
  };
  const programs: ReportProgram[] = input.programs.map((program) => {
    const projects = program.projects.map((project) => ({
      code: project.code,
      name: project.name,
      budget: budgetOf(project.coded, project.accrued),
      targets: project.targets.map((target) => ({
        ...target,
        executedThrough: target.executedThrough ?? null,
        progressPercent:
          target.executed === null ? null : percentOf(target.executed, target.programmed),
        sourceLabel: sourceLabel({
          source: target.source,
          executedThrough: target.executedThrough ?? null,
        }),
      })),
    }));
    return {
      code: program.code,
      name: program.name,
      budget: budgetOf(
        sum(program.projects.map((p) => p.coded)),
        sum(program.projects.map((p) => p.accrued)),
      ),
      projects,
    };
  });
  const allProjects = input.programs.flatMap((p) => p.projects);
  const budget = budgetOf(
    sum(allProjects.map((p) => p.coded)),
    sum(allProjects.map((p) => p.accrued)),
  );
  // Money is always written to the cent.
  const cents = <T extends { coded: string; accrued: string }>(b: T): T => ({
    ...b,
    coded: roundHalfUp(b.coded, 2),
    accrued: roundHalfUp(b.accrued, 2),
  });
  return {
    format: SNAPSHOT_FORMAT,
    status: input.status,
    period: input.period,
    figuresAsOf: input.figuresAsOf.toISOString(),
    institution: { name: input.institutionName },
    budget: cents(budget),
    programs: programs.map((program) => ({
      ...program,
      budget: cents(program.budget),
      projects: program.projects.map((project) => ({ ...project, budget: cents(project.budget) })),
    })),
    trainings: {
      ...input.trainings,
      completionPercent: completion(input.trainings),
      bySector: input.trainings.bySector.map((s) => ({
        sector: s.sector,
        label: labelOf(SECTOR_LABELS, s.sector),
        enrolled: s.enrolled,
        trained: s.trained,
        completionPercent: completion(s),
      })),
    },
    campaigns: {
      ...input.campaigns,
      byGroup: input.campaigns.byGroup.map((g) => ({
        group: g.group,
        label: labelOf(GROUP_LABELS, g.group),
        reached: g.reached,
      })),
    },
    releases: input.releases,
    ...input.texts,
    preparedBy: withRoleLabel(input.preparedBy),
    reviewedBy: withRoleLabel(input.reviewedBy),
    approvedBy: withRoleLabel(input.approvedBy),
    labels: {
      pending: PENDING_LABEL,
      trainings: { ...TRAINING_LABELS },
      campaigns: { ...CAMPAIGN_LABELS },
    },
  };
}

function completion(figures: { enrolled: number; trained: number }): string | null {
  return percentOf(String(figures.trained), String(figures.enrolled));
}

function withRoleLabel(s: Signature | null): Signature | null {
  return s && { ...s, roleLabel: s.roleLabel ?? labelOf(ROLE_LABELS, s.role) };
}

/** A signature dated by the day, in Ecuador, an instant fell on. */
export function signature(name: string, role: string, at: Date): Signature {
  return { name, role, roleLabel: labelOf(ROLE_LABELS, role), on: ecuadorDate(at) };
}
