import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { isProblem } from '../../../api/problem';
import { Button } from '../../../ui/Button';
import { ErrorSummary } from '../../../ui/ErrorSummary';
import { useServerFieldErrors } from '../../../ui/form/useServerFieldErrors';
import { Loading } from '../../../ui/Loading';
import { Notice } from '../../../ui/Notice';
import { PageHeader } from '../../../ui/PageHeader';
import { ProblemMessage } from '../../../ui/ProblemMessage';
import { useFormat } from '../../../ui/format';
import { useVocabulary } from '../../../vocab/useVocabulary';
import { CertificatesSection } from '../certificates/CertificatesSection';
import { ActiveBadge } from '../StatusBadge';
import { useFeatureErrorText } from '../../../ui/form/forms';
import { useAdminProblems } from '../useAdminProblems';
import {
  INSTITUTION_FIELDS,
  InstitutionFormSchema,
  institutionFormOf,
  toUpdateInstitution,
  type InstitutionFormValues,
} from './institution-form';
import { InstitutionFields } from './InstitutionFields';
import { InstitutionStatusDialog } from './InstitutionStatusDialog';
import { useInstitution, useUpdateInstitution, type Institution } from './useInstitutionAdmin';
import '../admin.css';

/** One institution: its details, whether it is active, and its certificates. */
export function InstitutionDetailPage() {
  const { t } = useTranslation('admin');
  const { institutionId = '' } = useParams();
  const location = useLocation();
  const institution = useInstitution(institutionId);
  const created = (location.state as { notice?: string } | null)?.notice === 'created';

  if (institution.isError) return <ProblemMessage error={institution.error} />;
  if (!institution.data) return <Loading />;
  const data = institution.data;
  return (
    <>
      <PageHeader title={t('institution.title')} />
      <p className="lead">
        <Link to="/admin/institutions">{t('institution.back')}</Link>
      </p>
      {created && (
        <Notice tone="success" live>
          <p>{t('institution.created', { name: data.name })}</p>
        </Notice>
      )}
      <InstitutionSummary institution={data} />
      <InstitutionEditForm institution={data} />
      <StatusSection institution={data} />
      <CertificatesSection institution={data} />
    </>
  );
}

function InstitutionSummary({ institution }: { institution: Institution }) {
  const { t } = useTranslation('admin');
  const { label } = useVocabulary();
  const format = useFormat();
  return (
    <section className="panel" aria-labelledby="institution-summary">
      <h2 id="institution-summary">{institution.name}</h2>
      <dl className="facts">
        <dt>{t('institutions.fields.sector')}</dt>
        <dd>{label('sector', institution.sector)}</dd>
        <dt>{t('common.status')}</dt>
        <dd>
          <ActiveBadge active={institution.disabledAt === null} />
          {institution.disabledAt && (
            <span className="muted">
              {' '}
              {t('institution.disabledSince', { date: format.dateTime(institution.disabledAt) })}
            </span>
          )}
        </dd>
        <dt>{t('institution.kind')}</dt>
        <dd>
          {institution.isLeadAgency ? t('institutions.leadAgency') : t('institution.partner')}
        </dd>
      </dl>
    </section>
  );
}

function InstitutionEditForm({ institution }: { institution: Institution }) {
  const { t } = useTranslation('admin');
  const translateError = useFeatureErrorText('admin');
  const problems = useAdminProblems();
  const update = useUpdateInstitution(institution.id);
  const [saved, setSaved] = useState(false);
  const { control, handleSubmit, setError, formState, reset } = useForm<InstitutionFormValues>({
    resolver: zodResolver(InstitutionFormSchema),
    defaultValues: institutionFormOf(institution),
  });
  const serverErrors = useServerFieldErrors(
    INSTITUTION_FIELDS,
    { setError, errors: formState.errors },
    translateError,
  );
  useEffect(() => reset(institutionFormOf(institution)), [institution, reset]);

  const submit = handleSubmit((values) => {
    serverErrors.clear();
    setSaved(false);
    const change = toUpdateInstitution(institution, values);
    if (Object.keys(change).length === 0) {
      setSaved(true);
      return;
    }
    update.mutate(change, {
      onSuccess: () => setSaved(true),
      onError: serverErrors.apply,
    });
  });
  const summary = serverErrors.summary;
  return (
    <section className="panel" aria-labelledby="institution-edit">
      <h2 id="institution-edit">{t('institution.edit.title')}</h2>
      <form
        className="stack admin-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        {formState.isSubmitted && <ErrorSummary items={summary} />}
        {update.isError && !isProblem(update.error, 'validation_failed') && (
          <ProblemMessage error={update.error} messages={problems} />
        )}
        {saved && (
          <Notice tone="success" live>
            <p>{t('institution.edit.saved')}</p>
          </Notice>
        )}
        <InstitutionFields
          control={control}
          translateError={translateError}
          isDisabled={update.isPending}
          sectorDescription={t('institution.edit.sectorHelp')}
        />
        <div className="actions">
          <Button type="submit" variant="primary" isDisabled={update.isPending}>
            {update.isPending ? t('common.saving') : t('institution.edit.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}

function StatusSection({ institution }: { institution: Institution }) {
  const { t } = useTranslation('admin');
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<'enabled' | 'disabled'>();
  const active = institution.disabledAt === null;
  return (
    <section className="panel" aria-labelledby="institution-status">
      <h2 id="institution-status">{t('institution.status.title')}</h2>
      {done && (
        <Notice tone="success" live>
          <p>{done === 'enabled' ? t('institution.enable.done') : t('institution.disable.done')}</p>
        </Notice>
      )}
      {institution.isLeadAgency ? (
        <p>{t('institution.status.leadAgency')}</p>
      ) : (
        <>
          <p>{active ? t('institution.status.active') : t('institution.status.disabled')}</p>
          <div className="actions">
            <Button
              variant={active ? 'danger' : 'primary'}
              onPress={() => {
                setDone(undefined);
                setConfirming(true);
              }}
            >
              {active ? t('institution.disable.open') : t('institution.enable.open')}
            </Button>
          </div>
        </>
      )}
      {confirming && (
        <InstitutionStatusDialog
          institution={institution}
          onClose={() => setConfirming(false)}
          onDone={(enabled) => {
            setConfirming(false);
            setDone(enabled ? 'enabled' : 'disabled');
          }}
        />
      )}
    </section>
  );
}
