import { zodResolver } from '@hookform/resolvers/zod';
import { useRef, useState } from 'react';
import { useForm, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isProblem } from '../../../api/problem';
import { Button } from '../../../ui/Button';
import { ErrorSummary } from '../../../ui/ErrorSummary';
import { FormTextField } from '../../../ui/form/fields';
import { useServerFieldErrors } from '../../../ui/form/useServerFieldErrors';
import { PageHeader } from '../../../ui/PageHeader';
import { ProblemMessage } from '../../../ui/ProblemMessage';
import { OneTimeSecret } from '../OneTimeSecret';
import { useFeatureErrorText } from '../../../ui/form/forms';
import { useAdminProblems } from '../useAdminProblems';
import {
  NO_TEAM,
  NewUserFormSchema,
  toCreateUser,
  USER_FIELDS,
  type NewUserFormValues,
  type UserFormValues,
} from './user-form';
import { UserFields } from './UserFields';
import { useCreateUser, type User } from './useUsers';
import '../admin.css';

/**
 * A new account. Creating it asks for a code (step-up, through the one
 * dialog) and returns a one-time initial password, shown here once: it lives
 * in this screen's state only (not in the cache, the address, history state
 * or storage), and leaving the screen discards it.
 */
export function NewUserPage() {
  const { t } = useTranslation('admin');
  const [created, setCreated] = useState<{ user: User; password: string }>();
  const received = useRef<string | undefined>(undefined);
  const create = useCreateUser((password) => {
    received.current = password;
  });

  if (created) {
    return (
      <>
        <PageHeader title={t('users.create.title')} />
        <div className="stack">
          <OneTimeSecret
            title={t('users.create.passwordTitle')}
            explanation={t('users.create.passwordExplain', { email: created.user.email })}
            secret={created.password}
            testId="initial-password"
          />
          <div className="actions">
            <Link className="button button--primary" to={`/admin/users/${created.user.id}`}>
              {t('users.create.toUser')}
            </Link>
            <Button
              onPress={() => {
                setCreated(undefined);
                create.reset();
              }}
            >
              {t('users.create.another')}
            </Button>
          </div>
        </div>
      </>
    );
  }
  return (
    <NewUserForm
      create={create}
      onCreated={(user) => {
        const password = received.current;
        received.current = undefined;
        if (password !== undefined) setCreated({ user, password });
      }}
    />
  );
}

function NewUserForm({
  create,
  onCreated,
}: {
  create: ReturnType<typeof useCreateUser>;
  onCreated: (user: User) => void;
}) {
  const { t } = useTranslation('admin');
  const translateError = useFeatureErrorText('admin');
  const problems = useAdminProblems();
  const { control, handleSubmit, setError, formState } = useForm<NewUserFormValues>({
    resolver: zodResolver(NewUserFormSchema),
    defaultValues: { email: '', displayName: '', teamId: NO_TEAM, teamAccess: [] },
  });
  const serverErrors = useServerFieldErrors(
    USER_FIELDS,
    { setError, errors: formState.errors },
    translateError,
  );
  const submit = handleSubmit((values) => {
    serverErrors.clear();
    create.mutate(toCreateUser(values), {
      onSuccess: onCreated,
      onError: serverErrors.apply,
    });
  });
  const summary = serverErrors.summary;
  return (
    <>
      <PageHeader title={t('users.create.title')} />
      <p className="lead">{t('users.create.intro')}</p>
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
        <FormTextField
          control={control}
          translateError={translateError}
          name="email"
          type="email"
          label={t('users.fields.email')}
          description={t('users.fields.emailHelp')}
          isRequired
          isDisabled={create.isPending}
        />
        <UserFields
          // The same fields as an existing account's, below the email.
          control={control as unknown as Control<UserFormValues>}
          translateError={translateError}
          isDisabled={create.isPending}
        />
        <div className="actions">
          <Button type="submit" variant="primary" isDisabled={create.isPending}>
            {create.isPending ? t('common.saving') : t('users.create.submit')}
          </Button>
          <Link className="button button--secondary" to="/admin/users">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}
