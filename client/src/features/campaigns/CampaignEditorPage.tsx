import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { EditorForm, StaleVersionNotice } from '../../ui/form/forms';
import { useVersionedChange } from '../../ui/form/forms';
import { useNavigate, useParams } from 'react-router';
import { Button } from '../../ui/Button';
import { Loading } from '../../ui/Loading';
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
      <EditorForm
        className="stack campaign-form"
        onSubmit={submit}
        errors={errors}
        error={create.error}
        isPending={create.isPending}
        submitLabel={create.isPending ? t('editor.saving') : t('editor.create')}
        cancel={{ to: '/campaigns', label: t('editor.cancel') }}
      >
        <p className="field__description">{t('form.requiredNote')}</p>
        <CampaignFields
          form={form}
          translateError={errors.translateError}
          isDisabled={create.isPending}
        />
      </EditorForm>
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
  const form = useForm<CampaignFormValues>({
    resolver: zodResolver(CampaignForm),
    defaultValues: campaignFormOf(loaded, format.decimal),
    shouldFocusError: false,
  });
  const errors = useCampaignFormErrors(CAMPAIGN_FIELDS, form);
  const edit = useVersionedChange({
    loaded,
    form,
    errors,
    update,
    refresh,
    formOf: (campaign: CampaignDetail) => campaignFormOf(campaign, format.decimal),
  });
  const submit = form.handleSubmit((values) =>
    edit.save(
      (base) => toCampaignChange(base, values),
      (campaign) => void navigate(`/campaigns/${campaign.id}`),
    ),
  );

  return (
    <EditorForm
      className="stack campaign-form"
      onSubmit={submit}
      errors={errors}
      error={update.error}
      isPending={update.isPending}
      stale={
        edit.stale && (
          <StaleVersionNotice title={t('editor.staleTitle')} explain={t('editor.staleExplain')}>
            <div className="actions">
              <Button variant="primary" onPress={() => void edit.loadCurrent()}>
                {t('editor.loadCurrent')}
              </Button>
            </div>
          </StaleVersionNotice>
        )
      }
      reloaded={edit.reloaded && t('editor.reloaded')}
      nothing={edit.nothing && t('editor.nothing')}
      submitLabel={update.isPending ? t('editor.saving') : t('editor.save')}
      cancel={{ to: `/campaigns/${loaded.id}`, label: t('editor.cancel') }}
    >
      <p className="field__description">{t('form.requiredNote')}</p>
      <CampaignFields
        form={form}
        translateError={errors.translateError}
        isDisabled={update.isPending}
      />
    </EditorForm>
  );
}
