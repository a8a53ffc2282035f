import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../../ui/format';
import { useVocabulary } from '../../../vocab/useVocabulary';
import { useDirectory } from '../../directory/useDirectory';
import type { CaseSummary } from '../useCase';
import { RiskBadge } from '../detail/RiskBadge';

/** Case summaries: codes in words, ids as names; the case number links to the case. */
export function CaseTable({ rows }: { rows: CaseSummary[] }) {
  const { t } = useTranslation('cases');
  const { label } = useVocabulary();
  const format = useFormat();
  const directory = useDirectory();
  return (
    <div className="case-table">
      <table className="table">
        <caption>{t('list.caption', { count: rows.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('summary.caseNumber')}</th>
            <th scope="col">{t('summary.status')}</th>
            <th scope="col">{t('summary.riskLevel')}</th>
            <th scope="col">{t('summary.sex')}</th>
            <th scope="col">{t('summary.ageBand')}</th>
            <th scope="col">{t('summary.team')}</th>
            <th scope="col">{t('summary.assignedTo')}</th>
            <th scope="col">{t('summary.identifiedOn')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row">
                <Link to={`/cases/${row.id}`}>{row.caseNumber}</Link>
                {row.erased && <span className="badge badge--error">{t('summary.erased')}</span>}
              </th>
              <td>{label('caseStatus', row.status)}</td>
              <td>
                <RiskBadge level={row.riskLevel} />
              </td>
              <td>{label('gender', row.sex)}</td>
              <td>{label('ageBand', row.ageBand)}</td>
              <td>{directory.teamName(row.teamId) ?? t('summary.unknownTeam')}</td>
              <td>{directory.staffName(row.assignedTo) ?? t('summary.unassigned')}</td>
              <td>{format.date(row.identifiedOn)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
