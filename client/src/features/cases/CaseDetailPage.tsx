import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isProblem } from '../../api/problem';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { AttributesPanel } from './detail/AttributesPanel';
import { CaseTabs } from './detail/CaseTabs';
import { DuplicateWarnings } from './detail/DuplicateWarnings';
import { takeDuplicates } from './detail/duplicate-warnings';
import { IdentityPanel } from './detail/IdentityPanel';
import { StatusChange } from './detail/StatusChange';
import { SummaryPanel } from './detail/SummaryPanel';
import { BreakGlassBanner } from './supervision/BreakGlassBanner';
import { useSignedInUser } from '../../app/session/useMe';
import { useCase } from './useCase';
import './cases.css';

// Loaded for supervisors only: a caseworker's case page does not carry their actions.
const SupervisorActions = lazy(async () => ({
  default: (await import('./supervision/SupervisorActions')).SupervisorActions,
}));

/** One case: opening it is an audited read of its identifying data, and says so. */
export function CaseDetailPage() {
  const { t } = useTranslation('cases');
  const { caseId = '' } = useParams();
  const kase = useCase(caseId);
  const isSupervisor = useSignedInUser().user.role === 'supervisor';
  const [duplicates] = useState(() => takeDuplicates(caseId));
  // A failed refetch (access lost, case moved away) must not leave the old copy on screen.
  const data = kase.isError ? undefined : kase.data;
  return (
    <>
      <PageHeader
        title={t('detail.title')}
        actions={
          data &&
          !data.erased && (
            <Link className="button button--secondary" to={`/cases/${caseId}/edit`}>
              {t('detail.edit')}
            </Link>
          )
        }
      />
      <div className="stack case-detail">
        <Notice>{t('detail.audited')}</Notice>
        <BreakGlassBanner caseId={caseId} />
        {kase.isPending && <Loading />}
        {kase.error && <ProblemMessage error={kase.error} />}
        {isProblem(kase.error, 'not_found') && (
          <Notice>
            <p>{t('detail.breakGlassOffer')}</p>
            <p>
              <Link to={`/cases/${caseId}/break-glass`}>{t('detail.breakGlassLink')}</Link>
            </p>
          </Notice>
        )}
        {data && (
          <>
            <DuplicateWarnings duplicates={duplicates} />
            <SummaryPanel kase={data} />
            {isSupervisor && (
              <Suspense fallback={null}>
                <SupervisorActions kase={data} />
              </Suspense>
            )}
            {data.erased ? (
              <Notice tone="warning">
                <p>{t('detail.erased')}</p>
              </Notice>
            ) : (
              <>
                <StatusChange kase={data} />
                <IdentityPanel kase={data} />
                <AttributesPanel kase={data} />
                <CaseTabs kase={data} />
              </>
            )}
          </>
        )}
      </div>
    </>
  );
}
