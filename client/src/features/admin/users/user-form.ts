import type { Covers } from '../../../api/covers';
import { z } from '../../../ui/form/zod';
import type { CreateUser, UpdateUser, User, UserRole } from './useUsers';

export const ROLES = [
  'caseworker',
  'supervisor',
  'partner',
  'coordinator',
  'auditor',
  'admin',
] as const;
export const ROLES_ARE_COMPLETE: Covers<UserRole, typeof ROLES> = true;

/** The Select's choice for "no team". */
export const NO_TEAM = 'none';
export const TEAM_ACCESS = 'teamAccess';

const AccountFields = {
  displayName: z.string().trim().min(1, 'required').max(200, 'too_long'),
  role: z.enum(ROLES, { message: 'required' }),
  institutionId: z.string({ message: 'required' }).min(1, 'required'),
  teamId: z.string(),
  teamAccess: z.array(z.literal(TEAM_ACCESS)),
};

export const NewUserFormSchema = z.object({
  email: z.email('email').max(254, 'too_long'),
  ...AccountFields,
});
export type NewUserFormValues = z.infer<typeof NewUserFormSchema>;

export const UserFormSchema = z.object(AccountFields);
export type UserFormValues = z.infer<typeof UserFormSchema>;

/** Form fields, named as the API names them in `errors[].path`. */
export const USER_FIELDS = [
  'email',
  'displayName',
  'role',
  'institutionId',
  'teamId',
  'teamAccess',
];

export const hasTeam = (role: string | undefined) => role === 'caseworker' || role === 'supervisor';

const teamOf = (values: UserFormValues) =>
  hasTeam(values.role) && values.teamId !== NO_TEAM && values.teamId !== '' ? values.teamId : null;
const teamAccessOf = (values: UserFormValues) =>
  values.role === 'caseworker' && values.teamAccess.includes(TEAM_ACCESS);

export function toCreateUser(values: NewUserFormValues): CreateUser {
  return {
    email: values.email.trim(),
    displayName: values.displayName.trim(),
    role: values.role,
    institutionId: values.institutionId,
    teamId: teamOf(values),
    teamAccess: teamAccessOf(values),
  };
}

export const userFormOf = (user: User): UserFormValues => ({
  displayName: user.displayName,
  role: user.role,
  institutionId: user.institutionId,
  teamId: user.teamId ?? NO_TEAM,
  teamAccess: user.teamAccess ? [TEAM_ACCESS] : [],
});

/**
 * Only what differs from the account: each of role, institution, team and
 * team access asks for a code, so nothing unchanged is sent.
 */
export function toUpdateUser(current: User, values: UserFormValues): UpdateUser {
  const change: UpdateUser = {};
  const teamId = teamOf(values);
  const teamAccess = teamAccessOf(values);
  if (values.displayName.trim() !== current.displayName)
    change.displayName = values.displayName.trim();
  if (values.role !== current.role) change.role = values.role;
  if (values.institutionId !== current.institutionId) change.institutionId = values.institutionId;
  if (teamId !== current.teamId) change.teamId = teamId;
  if (teamAccess !== current.teamAccess) change.teamAccess = teamAccess;
  return change;
}
