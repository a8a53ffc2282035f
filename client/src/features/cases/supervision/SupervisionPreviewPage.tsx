import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Loading } from '../../../ui/Loading';
import { PageHeader } from '../../../ui/PageHeader';
import { ProblemMessage } from '../../../ui/ProblemMessage';
import { useVocabulary } from '../../../vocab/useVocabulary';
import { useCase } from '../useCase';
import { BreakGlassBanner } from './BreakGlassBanner';
import { SupervisorActions } from './SupervisorActions';

/**
 * SCRATCH (branch client-supervision only): mounts the supervision pieces on
 * /cases/:caseId until the real case page exists, for the browser tests.
 * Delete with its route in app/router.tsx when merging.
 */
export function SupervisionPreviewPage() {
  const { t } = useTranslation('reviews');
  const { label } = useVocabulary();
  const { caseId = '' } = useParams();
  const kase = useCase(caseId);
  return (
    <>
      <PageHeader title={t('entry.caseLabel')} />
      <BreakGlassBanner caseId={caseId} />
      {kase.isPending && <Loading />}
      {kase.error && (
        <>
          <ProblemMessage error={kase.error} />
          <p>
            <Link to={`/cases/${caseId}/break-glass`}>{t('banner.again')}</Link>
          </p>
        </>
      )}
      {kase.data && (
        <>
          <dl className="facts panel">
            <dt>{t('entry.caseLabel')}</dt>
            <dd>
              {kase.data.caseNumber} · {label('caseStatus', kase.data.status)}
            </dd>
          </dl>
          <SupervisorActions kase={kase.data} />
        </>
      )}
    </>
  );
}
