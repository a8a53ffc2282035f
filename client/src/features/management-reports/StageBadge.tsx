import type { ReportStage } from './report-types';
import { useReportWords } from './useReportWords';

const TONE: Record<ReportStage, string> = {
  draft: 'badge--warning',
  reviewed: 'report-stage--reviewed',
  approved: 'badge--ok',
};

/** Draft, reviewed (awaiting approval) or approved and frozen. */
export function StageBadge({ stage }: { stage: ReportStage }) {
  const words = useReportWords();
  return <span className={`badge ${TONE[stage]}`}>{words.stage(stage)}</span>;
}
