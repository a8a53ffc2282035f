import { useVocabulary } from '../../../vocab/useVocabulary';
import type { RiskLevel } from '../form/case-vocabularies';

const TONE: Record<RiskLevel, string> = {
  low: 'badge--ok',
  medium: 'badge--warning',
  high: 'badge--error',
  critical: 'badge--error',
};

/** The risk level in words (the colour only repeats it). */
export function RiskBadge({ level }: { level: RiskLevel }) {
  const { label } = useVocabulary();
  return <span className={`badge ${TONE[level]}`}>{label('riskLevel', level)}</span>;
}
