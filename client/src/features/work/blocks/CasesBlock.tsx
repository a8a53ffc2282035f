import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../../ui/format';
import { useVocabulary } from '../../../vocab/useVocabulary';
import { useDirectory } from '../../directory/useDirectory';
import { useWorkCases } from '../useMyWork';
import { WorkBlock } from './WorkBlock';

/** The latest cases assigned to me, or (supervisor) held by my team: numbers and workflow only. */
export function CasesBlock({ assigned }: { assigned: 'me' | 'team' }) {
  const { t } = useTranslation('work');
  const { label } = useVocabulary();
  const format = useFormat();
  const directory = useDirectory();
  const cases = useWorkCases(assigned);
  const items = cases.data?.items ?? [];
  const id = `work-cases-${assigned}`;
  return (
    <WorkBlock
      id={id}
      title={t(`cases.${assigned}.title`)}
      query={cases}
      isEmpty={items.length === 0}
      empty={t(`cases.${assigned}.empty`)}
      more={{ to: '/cases', label: t('cases.all') }}
    >
      <div className="work-table-scroll">
        <table className="table" aria-labelledby={`${id}-title`}>
          <thead>
            <tr>
              <th scope="col">{t('cases.number')}</th>
              <th scope="col">{t('cases.status')}</th>
              <th scope="col">{t('cases.risk')}</th>
              {assigned === 'team' && <th scope="col">{t('cases.assignee')}</th>}
              <th scope="col">{t('cases.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((kase) => (
              <tr key={kase.id}>
                <th scope="row" className="work-case-number">
                  <Link to={`/cases/${kase.id}`}>{kase.caseNumber}</Link>
                  {kase.erased && (
                    <span className="badge badge--error work-tag">{t('cases.erased')}</span>
                  )}
                </th>
                <td>{label('caseStatus', kase.status)}</td>
                <td>{label('riskLevel', kase.riskLevel)}</td>
                {assigned === 'team' && (
                  <td>
                    {kase.assignedTo
                      ? (directory.staffName(kase.assignedTo) ?? t('cases.unknownPerson'))
                      : t('cases.unassigned')}
                  </td>
                )}
                <td>{format.date(kase.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </WorkBlock>
  );
}
