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
import type {
  ManagementReportSnapshot,
  ReportRelease,
  ReportTarget,
  Signature,
} from './report-snapshot';

/* What the PDF and the XLSX share beyond the snapshot: numbering and links. */

export interface RenderOptions {
  /** The public address of this installation (PUBLIC_URL): release links become absolute. */
  publicUrl?: string;
}

/** Sections are numbered in the order the format lists them. */
export function sectionNumbers() {
  return {
    budget: 1,
    targets: 2,
    trainings: 3,
    campaigns: 4,
    releases: 5,
    conclusions: 6,
    recommendations: 7,
    challenges: 8,
    signatures: 9,
  } as const;
}

/** Targets numbered 1…n through the report, program by program, project by project. */
export function targetNumbers(
  report: ManagementReportSnapshot,
): { number: number; target: ReportTarget; program: string; project: string }[] {
  let n = 0;
  return report.programs.flatMap((program) =>
    program.projects.flatMap((project) =>
      project.targets.map((target) => ({
        number: ++n,
        target,
        program: program.name,
        project: project.name,
      })),
    ),
  );
}

/** The observatory's page of a release: absolute when the public address is known. */
export function releaseLink(release: Pick<ReportRelease, 'path'>, options: RenderOptions): string {
  return options.publicUrl
    ? `${options.publicUrl.replace(/\/+$/, '')}${release.path}`
    : release.path;
}

/**
 * The words a report's files print for its codes and figures: the
 * snapshot's own (format 2: as they were when it was computed, so that an
 * approved report reads the same under later code), or, for a format-1
 * snapshot that lacks them, the code's.
 */
export function printedWords(report: ManagementReportSnapshot, options: RenderOptions) {
  const labels = report.labels ?? {
    pending: PENDING_LABEL,
    trainings: TRAINING_LABELS,
    campaigns: CAMPAIGN_LABELS,
  };
  return {
    ...labels,
    sector: (s: { sector: string; label?: string | undefined }) =>
      s.label ?? labelOf(SECTOR_LABELS, s.sector),
    group: (g: { group: string; label?: string | undefined }) =>
      g.label ?? labelOf(GROUP_LABELS, g.group),
    role: (s: Signature) => s.roleLabel ?? labelOf(ROLE_LABELS, s.role),
    source: (t: ReportTarget) => t.sourceLabel ?? sourceLabel(t),
    link: (r: ReportRelease) => r.url ?? releaseLink(r, options),
  };
}
export type PrintedWords = ReturnType<typeof printedWords>;
