import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isProblem } from '../../api/problem';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemMessage } from '../../ui/ProblemMessage';
import {
  CAMPAIGN_FIELDS,
  CampaignForm,
  campaignFormOf,
  emptyCampaignForm,
  toCampaignChange,
  toNewCampaign,
  type CampaignFormValues,
} from './campaign-form';
import { CampaignFields } from './CampaignFields';
import { explainedByFields } from '../../ui/form/useFormErrors';
import { useCampaignFormErrors } from './useCampaignFormErrors';
import { useCampaignFormat } from './useCampaignText';
import {
  useCampaign,
  useCreateCampaign,
  useRefreshCampaign,
  useUpdateCampaign,
  type CampaignDetail,
} from './useCampaigns';
import './campaigns.css';

/** A new campaign (coordinators only); saved, it opens its page. */
export function NewCampaignPage() {
  const { t } = useTranslation('campaigns');
  const navigate = useNavigate();
  const create = useCreateCampaign();
  const form = useForm<CampaignFormValues>({
    resolver: zodResolver(CampaignForm),
    defaultValues: emptyCampaignForm(),
    shouldFocusError: false,
  });
  const errors = useCampaignFormErrors(CAMPAIGN_FIELDS, form);
  const submit = form.handleSubmit((values) => {
    errors.clear();
    create.mutate(toNewCampaign(values), {
      onSuccess: (campaign) => void navigate(`/campaigns/${campaign.id}`),
      onError: errors.reject,
    });
  });

  return (
    <>
      <PageHeader title={t('editor.newTitle')} />
      <p className="campaign-lead">{t('editor.intro')}</p>
      <form
        className="stack campaign-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <ErrorSummary items={errors.summaryItems} />
        {create.isError && !explainedByFields(create.error) && (
          <ProblemMessage error={create.error} messages={errors.problems} />
        )}
        <p className="field__description">{t('form.requiredNote')}</p>
        <CampaignFields
          form={form}
          translateError={errors.translateError}
          isDisabled={create.isPending}
        />
        <div className="actions">
          <Button type="submit" variant="primary" isDisabled={create.isPending}>
            {create.isPending ? t('editor.saving') : t('editor.create')}
          </Button>
          <Link className="button button--secondary" to="/campaigns">
            {t('editor.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}

/** A change of a campaign (coordinators only), from the version read. */
export function EditCampaignPage() {
  const { t } = useTranslation('campaigns');
  const { id = '' } = useParams();
  const campaign = useCampaign(id);
  return (
    <>
      <PageHeader title={t('editor.editTitle')} />
      {campaign.isPending && <Loading />}
      {campaign.isError && <ProblemMessage error={campaign.error} />}
      {campaign.data && <EditCampaignForm loaded={campaign.data} />}
    </>
  );
}

/**
 * Only the fields that changed are sent, with the version this form started
 * from. When someone else saved first (409 stale_version) the form says so
 * and offers to load the current version (what was typed here is then
 * replaced: the person reapplies it on the current one).
 */
function EditCampaignForm({ loaded }: { loaded: CampaignDetail }) {
  const { t } = useTranslation('campaigns');
  const navigate = useNavigate();
  const format = useCampaignFormat();
  const update = useUpdateCampaign(loaded.id);
  const refresh = useRefreshCampaign(loaded.id);
  const [base, setBase] = useState(loaded);
  const [nothing, setNothing] = useState(false);
  const [reloaded, setReloaded] = useState(false);
  const form = useForm<CampaignFormValues>({
    resolver: zodResolver(CampaignForm),
    defaultValues: campaignFormOf(loaded, format.decimal),
    shouldFocusError: false,
  });
  const errors = useCampaignFormErrors(CAMPAIGN_FIELDS, form);
  const stale = isProblem(update.error, 'stale_version');

  const submit = form.handleSubmit((values) => {
    errors.clear();
    setNothing(false);
    setReloaded(false);
    const change = toCampaignChange(base, values);
    if (!change) {
      setNothing(true);
      return;
    }
    update.mutate(change, {
      onSuccess: (campaign) => void navigate(`/campaigns/${campaign.id}`),
      onError: errors.reject,
    });
  });

  const loadCurrent = async () => {
    const fresh = await refresh();
    setBase(fresh);
    form.reset(campaignFormOf(fresh, format.decimal));
    update.reset();
    errors.clear();
    setReloaded(true);
  };

  return (
    <form
      className="stack campaign-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <ErrorSummary items={errors.summaryItems} />
      {stale && (
        <div className="notice notice--warning" role="alert">
          <p>
            <strong>{t('editor.staleTitle')}</strong>
          </p>
          <p>{t('editor.staleExplain')}</p>
          <div className="actions">
            <Button variant="primary" onPress={() => void loadCurrent()}>
              {t('editor.loadCurrent')}
            </Button>
          </div>
        </div>
      )}
      {reloaded && (
        <Notice tone="info" live>
          {t('editor.reloaded')}
        </Notice>
      )}
      {update.isError && !stale && !explainedByFields(update.error) && (
        <ProblemMessage error={update.error} messages={errors.problems} />
      )}
      {nothing && (
        <Notice tone="info" live>
          {t('editor.nothing')}
        </Notice>
      )}
      <p className="field__description">{t('form.requiredNote')}</p>
      <CampaignFields
        form={form}
        translateError={errors.translateError}
        isDisabled={update.isPending}
      />
      <div className="actions">
        <Button type="submit" variant="primary" isDisabled={update.isPending || stale}>
          {update.isPending ? t('editor.saving') : t('editor.save')}
        </Button>
        <Link className="button button--secondary" to={`/campaigns/${loaded.id}`}>
          {t('editor.cancel')}
        </Link>
      </div>
    </form>
  );
}
