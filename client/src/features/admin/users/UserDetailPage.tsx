import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isProblem } from '../../../api/problem';
import { Button } from '../../../ui/Button';
import { ErrorSummary } from '../../../ui/ErrorSummary';
import { useServerFieldErrors } from '../../../ui/form/useServerFieldErrors';
import { Loading } from '../../../ui/Loading';
import { Notice } from '../../../ui/Notice';
import { PageHeader } from '../../../ui/PageHeader';
import { ProblemMessage } from '../../../ui/ProblemMessage';
import { useFormat } from '../../../ui/format';
import { useSignedInUser } from '../../../app/session/useMe';
import { useVocabulary } from '../../../vocab/useVocabulary';
import { useAllInstitutions } from '../institutions/useInstitutionAdmin';
import { OneTimeSecret } from '../OneTimeSecret';
import { ActiveBadge } from '../StatusBadge';
import { useTeams } from '../teams/useTeams';
import { useFeatureErrorText } from '../../../ui/form/forms';
import { useAdminProblems } from '../useAdminProblems';
import { AccountActionDialog, type AccountAction } from './AccountActionDialog';
import {
  toUpdateUser,
  USER_FIELDS,
  UserFormSchema,
  userFormOf,
  type UserFormValues,
} from './user-form';
import { UserFields } from './UserFields';
import { useUpdateUser, useUser, type User } from './useUsers';
import '../admin.css';

/**
 * One account: what it may do (role, institution, team, team access), its
 * status and its credentials. The page title names the screen, never the person.
 */
export function UserDetailPage() {
  const { t } = useTranslation('admin');
  const { userId = '' } = useParams();
  const user = useUser(userId);
  if (user.isError) return <ProblemMessage error={user.error} />;
  if (!user.data) return <Loading />;
  return (
    <>
      <PageHeader title={t('user.title')} />
      <p className="lead">
        <Link to="/admin/users">{t('user.back')}</Link>
      </p>
      <UserSummary user={user.data} />
      <UserEditForm user={user.data} />
      <AccountSection user={user.data} />
    </>
  );
}

function UserSummary({ user }: { user: User }) {
  const { t } = useTranslation('admin');
  const { label } = useVocabulary();
  const format = useFormat();
  const institutions = useAllInstitutions();
  const teams = useTeams();
  return (
    <section className="panel" aria-labelledby="user-summary">
      <h2 id="user-summary">{user.displayName}</h2>
      <dl className="facts">
        <dt>{t('users.fields.email')}</dt>
        <dd>{user.email}</dd>
        <dt>{t('users.fields.role')}</dt>
        <dd>{label('role', user.role)}</dd>
        <dt>{t('users.fields.institution')}</dt>
        <dd>{institutions.institution(user.institutionId)?.name ?? '—'}</dd>
        {user.teamId && (
          <>
            <dt>{t('users.fields.team')}</dt>
            <dd>
              {teams.teamName(user.teamId) ?? '—'}
              {user.teamAccess && <span className="muted"> · {t('user.withTeamAccess')}</span>}
            </dd>
          </>
        )}
        <dt>{t('common.status')}</dt>
        <dd>
          <ActiveBadge active={user.active} account />
        </dd>
        <dt>{t('user.secondFactor')}</dt>
        <dd>
          {user.secondFactorLockedAt ? (
            <span className="badge badge--warning">
              {t('user.lockedSince', { date: format.dateTime(user.secondFactorLockedAt) })}
            </span>
          ) : user.secondFactorEnrolled ? (
            t('user.enrolled')
          ) : (
            t('user.notEnrolled')
          )}
        </dd>
        <dt>{t('user.password')}</dt>
        <dd>{user.passwordMustChange ? t('user.passwordMustChange') : t('user.passwordSet')}</dd>
      </dl>
    </section>
  );
}

function UserEditForm({ user }: { user: User }) {
  const { t } = useTranslation('admin');
  const translateError = useFeatureErrorText('admin');
  const problems = useAdminProblems();
  const update = useUpdateUser(user.id, () => undefined);
  const [saved, setSaved] = useState(false);
  const { control, handleSubmit, setError, formState, reset } = useForm<UserFormValues>({
    resolver: zodResolver(UserFormSchema),
    defaultValues: userFormOf(user),
  });
  const serverErrors = useServerFieldErrors(
    USER_FIELDS,
    { setError, errors: formState.errors },
    translateError,
  );
  useEffect(() => reset(userFormOf(user)), [user, reset]);
  const submit = handleSubmit((values) => {
    serverErrors.clear();
    setSaved(false);
    const change = toUpdateUser(user, values);
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
    <section className="panel" aria-labelledby="user-edit">
      <h2 id="user-edit">{t('user.edit.title')}</h2>
      <p>{t('user.edit.intro')}</p>
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
            <p>{t('user.edit.saved')}</p>
          </Notice>
        )}
        <UserFields
          control={control}
          translateError={translateError}
          isDisabled={update.isPending}
        />
        <div className="actions">
          <Button type="submit" variant="primary" isDisabled={update.isPending}>
            {update.isPending ? t('common.saving') : t('user.edit.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}

function AccountSection({ user }: { user: User }) {
  const { t } = useTranslation('admin');
  // The API refuses disabling oneself: the button is not offered on one's own account.
  const own = useSignedInUser().user.id === user.id;
  const received = useRef<string | undefined>(undefined);
  const update = useUpdateUser(user.id, (password) => {
    received.current = password;
  });
  const [action, setAction] = useState<AccountAction>();
  const [done, setDone] = useState<AccountAction>();
  const [password, setPassword] = useState<string>();

  const open = (next: AccountAction) => {
    update.reset();
    setDone(undefined);
    setPassword(undefined);
    setAction(next);
  };
  const finish = () => {
    const finished = action;
    setAction(undefined);
    setDone(finished);
    setPassword(received.current);
    received.current = undefined;
  };
  const button = (
    which: AccountAction,
    variant: 'primary' | 'secondary' | 'danger' = 'secondary',
  ) => (
    <Button variant={variant} onPress={() => open(which)}>
      {t(`account.${which}.open`)}
    </Button>
  );
  return (
    <section className="panel" aria-labelledby="user-account">
      <h2 id="user-account">{t('account.title')}</h2>
      {done && !password && (
        <Notice tone="success" live>
          <p>{t(`account.${done}.done`)}</p>
        </Notice>
      )}
      {password && (
        <OneTimeSecret
          title={t('account.passwordTitle')}
          explanation={t('account.passwordExplain', { email: user.email })}
          secret={password}
          testId="reset-password"
        />
      )}
      <div className="stack">
        <p>{user.active ? t('account.activeHelp') : t('account.disabledHelp')}</p>
        {own ? (
          <p className="muted">{t('account.own')}</p>
        ) : (
          <div className="actions">
            {user.active ? button('disable', 'danger') : button('enable', 'primary')}
          </div>
        )}
        {own ? (
          <p className="muted">{t('account.ownCredentials')}</p>
        ) : (
          <>
            <p>{t('account.credentialsHelp')}</p>
            <div className="actions">
              {button('resetPassword')}
              {user.secondFactorEnrolled && button('resetSecondFactor')}
              {user.secondFactorLockedAt && button('unlockSecondFactor')}
            </div>
          </>
        )}
      </div>
      {action && (
        <AccountActionDialog
          action={action}
          update={update}
          onClose={() => setAction(undefined)}
          onDone={finish}
        />
      )}
    </section>
  );
}
