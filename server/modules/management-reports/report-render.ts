import type { ManagementReportSnapshot, ReportRelease, ReportTarget } from './report-snapshot';

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
export function releaseLink(release: ReportRelease, options: RenderOptions): string {
  return options.publicUrl
    ? `${options.publicUrl.replace(/\/+$/, '')}${release.path}`
    : release.path;
}
