import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { CaseEditForm } from './edit/CaseEditForm';
import { useCase } from './useCase';
import './cases.css';

/** Editing a case's identity, attributes and risk, from the version loaded here. */
export function CaseEditPage() {
  const { t } = useTranslation('cases');
  const { caseId = '' } = useParams();
  const kase = useCase(caseId);
  return (
    <>
      <PageHeader title={t('edit.title')} />
      <Notice>{t('detail.audited')}</Notice>
      {kase.isPending && <Loading />}
      {kase.error && <ProblemMessage error={kase.error} />}
      {kase.data?.erased && <Notice tone="warning">{t('detail.erased')}</Notice>}
      {kase.data && !kase.data.erased && <CaseEditForm key={kase.data.id} loaded={kase.data} />}
    </>
  );
}
