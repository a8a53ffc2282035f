import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { useCase } from '../cases/useCase';
import { CaseConsents } from './CaseConsents';

/**
 * The consents of one case on a page of their own (cases/:caseId/consents):
 * where recording a consent returns, and the address an approval notice can
 * link to. The case page shows the same component in its consents tab.
 */
export function CaseConsentsPage() {
  const { t } = useTranslation('consents');
  const { caseId = '' } = useParams();
  const kase = useCase(caseId);
  return (
    <>
      <PageHeader title={t('page.title')} />
      {kase.isError && <ProblemMessage error={kase.error} />}
      {kase.isPending && <Loading />}
      {kase.data && (
        <>
          <p className="lead">{t('page.case', { caseNumber: kase.data.caseNumber })}</p>
          <CaseConsents kase={kase.data} />
        </>
      )}
    </>
  );
}
