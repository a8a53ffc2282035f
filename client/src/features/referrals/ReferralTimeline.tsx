import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import { useVocabulary, type Vocabulary } from '../../vocab/useVocabulary';
import { useDirectory } from '../directory/useDirectory';
import type { Referral } from './useReferrals';

export type HistoryEntry = NonNullable<Referral['history']>[number];
type Entry = HistoryEntry;

/** Which vocabulary a history reason belongs to (a decline, a withdrawal, or the consent's revocation). */
function reasonVocabulary(entry: Entry): Vocabulary | undefined {
  if (entry.to === 'declined') return 'declineReason';
  if (entry.to === 'withdrawn' && entry.reason !== 'consent_revoked') return 'withdrawalReason';
  return undefined;
}

/** The referral's history as the sender follows it: staff named from the lead agency's directory. */
export function ReferralTimeline({ history }: { history: Entry[] }) {
  const { t } = useTranslation('referrals');
  const { staffName } = useDirectory();
  const who = (entry: Entry) =>
    entry.actorKind === 'user'
      ? (staffName(entry.actorId) ?? t('timeline.partnerStaff'))
      : entry.actorKind === 'institution_system'
        ? t('timeline.institutionSystem')
        : t('timeline.system');
  return <ReferralHistory history={history} who={who} />;
}

/**
 * The referral's history, oldest first: each step, when, by whom (`who`
 * names the actor: each side knows different people), and why.
 */
export function ReferralHistory({
  history,
  who,
}: {
  history: Entry[];
  who: (entry: Entry) => string;
}) {
  const { t } = useTranslation('referrals');
  const { label } = useVocabulary();
  const format = useFormat();
  const reason = (entry: Entry) => {
    if (!entry.reason) return undefined;
    if (entry.reason === 'consent_revoked') return t('timeline.consentRevoked');
    const vocabulary = reasonVocabulary(entry);
    return vocabulary ? label(vocabulary, entry.reason) : undefined;
  };
  return (
    <ol className="timeline">
      {history.map((entry, index) => (
        <li key={`${entry.at}-${index}`} className="timeline__entry">
          <p className="timeline__step">
            <time dateTime={entry.at}>{format.dateTime(entry.at)}</time>
            {' — '}
            <strong>{label('referralStatus', entry.to)}</strong>
          </p>
          <p className="timeline__who">{t('timeline.by', { name: who(entry) })}</p>
          {reason(entry) && <p>{t('timeline.reason', { reason: reason(entry) })}</p>}
          {entry.outcome && <p>{t('timeline.outcome', { outcome: entry.outcome })}</p>}
          {entry.feedback && <p>{t('timeline.feedback', { feedback: entry.feedback })}</p>}
        </li>
      ))}
    </ol>
  );
}
