import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { isProblem } from '../../../api/problem';
import { Button } from '../../../ui/Button';
import { ErrorSummary } from '../../../ui/ErrorSummary';
import { FormTextField } from '../../../ui/form/fields';
import { useServerFieldErrors } from '../../../ui/form/useServerFieldErrors';
import { z } from '../../../ui/form/zod';
import { Loading } from '../../../ui/Loading';
import { Notice } from '../../../ui/Notice';
import { PageHeader } from '../../../ui/PageHeader';
import { ProblemMessage } from '../../../ui/ProblemMessage';
import { useFormat } from '../../../ui/format';
import { useFeatureErrorText } from '../../../ui/form/forms';
import { useAdminProblems } from '../useAdminProblems';
import { useCreateTeam, useTeams } from './useTeams';
import '../admin.css';

const TeamFormSchema = z.object({
  name: z.string().trim().min(1, 'required').min(2, 'too_short').max(120, 'too_long'),
});
type TeamFormValues = z.infer<typeof TeamFormSchema>;

/** The lead agency's teams: caseworkers and supervisors belong to one (set on each user). */
export function TeamsPage() {
  const { t } = useTranslation('admin');
  const format = useFormat();
  const teams = useTeams();
  const items = teams.data ?? [];
  return (
    <>
      <PageHeader title={t('teams.title')} />
      <p className="lead">{t('teams.intro')}</p>
      {teams.isError && <ProblemMessage error={teams.error} />}
      {teams.isPending && <Loading />}
      {teams.isSuccess && items.length === 0 && <p>{t('teams.none')}</p>}
      {items.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <caption>{t('teams.caption', { count: items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('teams.name')}</th>
                <th scope="col">{t('teams.created')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((team) => (
                <tr key={team.id}>
                  <th scope="row">{team.name}</th>
                  <td>{format.date(team.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CreateTeamForm />
    </>
  );
}

function CreateTeamForm() {
  const { t } = useTranslation('admin');
  const translateError = useFeatureErrorText('admin');
  const problems = useAdminProblems();
  const create = useCreateTeam();
  const [created, setCreated] = useState<string>();
  const { control, handleSubmit, setError, formState, reset } = useForm<TeamFormValues>({
    resolver: zodResolver(TeamFormSchema),
    defaultValues: { name: '' },
  });
  const serverErrors = useServerFieldErrors(
    ['name'],
    { setError, errors: formState.errors },
    translateError,
  );
  const submit = handleSubmit((values) => {
    serverErrors.clear();
    setCreated(undefined);
    create.mutate(values.name.trim(), {
      onSuccess: (team) => {
        setCreated(team.name);
        reset({ name: '' });
      },
      onError: serverErrors.apply,
    });
  });
  const summary = serverErrors.summary;
  return (
    <section className="panel" aria-labelledby="team-create">
      <h2 id="team-create">{t('teams.create.title')}</h2>
      <form
        className="stack admin-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        {formState.isSubmitted && <ErrorSummary items={summary} />}
        {create.isError && !isProblem(create.error, 'validation_failed') && (
          <ProblemMessage error={create.error} messages={problems} />
        )}
        {created && (
          <Notice tone="success" live>
            <p>{t('teams.create.done', { name: created })}</p>
          </Notice>
        )}
        <FormTextField
          control={control}
          translateError={translateError}
          name="name"
          label={t('teams.name')}
          isRequired
          isDisabled={create.isPending}
        />
        <div className="actions">
          <Button type="submit" variant="primary" isDisabled={create.isPending}>
            {create.isPending ? t('common.saving') : t('teams.create.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}
