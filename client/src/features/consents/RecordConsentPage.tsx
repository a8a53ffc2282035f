import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { useCase } from '../cases/useCase';
import { fromConsent, emptyScopeRow, type ConsentFormValues } from './consent-form';
import { ConsentForm } from './ConsentForm';
import { today } from './dates';
import { isMinorBand } from './minor';
import { useCaseConsents } from './useConsents';

/**
 * Recording a consent is a page of its own (cases/:caseId/consents/new): it is
 * long, like the paper form, and its address can be reached from the case's
 * consents tab (`?supersedes=<id>` for a new version). From a refused
 * referral the same form opens in a dialog instead, so that form is kept.
 */
export function RecordConsentPage() {
  const { t } = useTranslation('consents');
  const { caseId = '' } = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const kase = useCase(caseId);
  const consents = useCaseConsents(caseId);
  const back = `/cases/${caseId}/consents`;

  if (kase.isError || consents.isError) {
    return (
      <>
        <PageHeader title={t('record.title')} />
        <ProblemMessage error={kase.error ?? consents.error} />
      </>
    );
  }
  if (!kase.data || !consents.data) return <Loading />;

  const minor = isMinorBand(kase.data.ageBand);
  const replaced = consents.data.find((c) => c.id === search.get('supersedes'));
  const defaults: ConsentFormValues = replaced
    ? fromConsent(replaced)
    : {
        givenBy: minor ? 'guardian' : 'person',
        method: 'written',
        givenAt: today(),
        purposes: ['service_referral'],
        scope: [emptyScopeRow()],
      };

  return (
    <>
      <PageHeader title={replaced ? t('record.titleVersion') : t('record.title')} />
      <p className="lead">{t('record.intro', { caseNumber: kase.data.caseNumber })}</p>
      <ConsentForm
        caseId={caseId}
        minor={minor}
        consents={consents.data}
        defaultValues={defaults}
        onRecorded={(consent) => void navigate(back, { state: { recorded: consent.status } })}
        onCancel={() => void navigate(back)}
      />
    </>
  );
}
