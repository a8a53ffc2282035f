import { useVocabulary } from '../../vocab/useVocabulary';
import type { AuditEvent } from './useAudit';

const TONE = { success: 'ok', denied: 'warning', error: 'error' } as const;

export function OutcomeBadge({ outcome }: { outcome: AuditEvent['outcome'] }) {
  const { label } = useVocabulary();
  return <span className={`badge badge--${TONE[outcome]}`}>{label('auditOutcome', outcome)}</span>;
}
