import { useWatch, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormCheckboxGroup, FormSelect, FormTextField } from '../../../ui/form/fields';
import { useVocabulary } from '../../../vocab/useVocabulary';
import { useAllInstitutions } from '../institutions/useInstitutionAdmin';
import { useTeams } from '../teams/useTeams';
import { hasTeam, NO_TEAM, ROLES, TEAM_ACCESS, type UserFormValues } from './user-form';

/**
 * What an account may do: its role, institution, team and team access (and its
 * name). Partners belong to a partner institution, every other role to the
 * lead agency; only caseworkers and supervisors have a team.
 */
export function UserFields({
  control,
  translateError,
  isDisabled,
}: {
  // The new-user form has an email on top of these: both share the fields below.
  control: Control<UserFormValues>;
  translateError: (message: string | undefined) => string | undefined;
  isDisabled?: boolean;
}) {
  const { t } = useTranslation('admin');
  const { options } = useVocabulary();
  const institutions = useAllInstitutions();
  const teams = useTeams();
  const role = useWatch({ control, name: 'role' });
  const bound = { control, translateError, isDisabled };
  return (
    <>
      <FormTextField
        {...bound}
        name="displayName"
        label={t('users.fields.displayName')}
        isRequired
      />
      <FormSelect
        {...bound}
        name="role"
        label={t('users.fields.role')}
        options={options('role', ROLES)}
        description={t('users.fields.roleHelp')}
        isRequired
      />
      <FormSelect
        {...bound}
        name="institutionId"
        label={t('users.fields.institution')}
        options={institutions.options}
        description={t('users.fields.institutionHelp')}
        isRequired
      />
      {hasTeam(role) && (
        <FormSelect
          {...bound}
          name="teamId"
          label={t('users.fields.team')}
          options={[{ id: NO_TEAM, label: t('users.fields.noTeam') }, ...teams.options]}
        />
      )}
      {role === 'caseworker' && (
        <FormCheckboxGroup
          {...bound}
          name="teamAccess"
          label={t('users.fields.teamAccessGroup')}
          options={[{ id: TEAM_ACCESS, label: t('users.fields.teamAccess') }]}
          description={t('users.fields.teamAccessHelp')}
        />
      )}
    </>
  );
}
