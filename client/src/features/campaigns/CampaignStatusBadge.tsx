import { useVocabulary } from '../../vocab/useVocabulary';
import type { CampaignStatus } from './campaign-vocabularies';

const TONE: Record<CampaignStatus, string> = {
  planned: 'campaign-status--planned',
  running: 'badge--ok',
  ended: 'campaign-status--ended',
};

/** Planned, running or ended, on Ecuador's date (the server decides). */
export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  const { label } = useVocabulary();
  return <span className={`badge ${TONE[status]}`}>{label('campaignStatus', status)}</span>;
}
