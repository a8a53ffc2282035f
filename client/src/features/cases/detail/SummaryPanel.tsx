import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../ui/format';
import { useVocabulary } from '../../../vocab/useVocabulary';
import { useDirectory } from '../../directory/useDirectory';
import type { CaseDetail } from '../useCase';
import { RiskBadge } from './RiskBadge';

/** What the case is at a glance: number, status, risk, who holds it, when. */
export function SummaryPanel({ kase }: { kase: CaseDetail }) {
  const { t } = useTranslation('cases');
  const { label } = useVocabulary();
  const format = useFormat();
  const directory = useDirectory();
  const pending = kase.pendingAgeCorrection;
  return (
    <section className="panel" aria-labelledby="case-summary-title">
      <h2 id="case-summary-title">{t('summary.title')}</h2>
      <dl className="facts">
        <dt>{t('summary.caseNumber')}</dt>
        <dd className="case-number">{kase.caseNumber}</dd>
        <dt>{t('summary.status')}</dt>
        <dd>{label('caseStatus', kase.status)}</dd>
        <dt>{t('summary.riskLevel')}</dt>
        <dd>
          <RiskBadge level={kase.riskLevel} />
        </dd>
        <dt>{t('summary.team')}</dt>
        <dd>{directory.teamName(kase.teamId) ?? t('summary.unknownTeam')}</dd>
        <dt>{t('summary.assignedTo')}</dt>
        <dd>{directory.staffName(kase.assignedTo) ?? t('summary.unassigned')}</dd>
        <dt>{t('summary.identifiedOn')}</dt>
        <dd>{format.date(kase.identifiedOn)}</dd>
        <dt>{t('summary.createdAt')}</dt>
        <dd>{format.dateTime(kase.createdAt)}</dd>
        <dt>{t('summary.updatedAt')}</dt>
        <dd>{format.dateTime(kase.updatedAt)}</dd>
      </dl>
      {pending && (
        <p className="notice notice--warning">
          {t('summary.pendingAgeCorrection', {
            age: pending.ageAtIdentification,
            reason: label('ageCorrectionReason', pending.reason),
            by: directory.staffName(pending.requestedBy) ?? t('summary.someone'),
            at: format.dateTime(pending.requestedAt),
          })}
        </p>
      )}
    </section>
  );
}
