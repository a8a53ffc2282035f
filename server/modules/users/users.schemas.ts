import { ACTOR_ROLES } from '../../db/actor-transaction';
import { Cursor, Page } from '../../http/pagination';
import { isPlainName, NO_CONTROL_CHARACTERS } from '../../http/plain-text';
import { Id, z } from '../../http/zod';

export const UserRole = z.enum(ACTOR_ROLES).openapi('UserRole');
export type UserRole = z.infer<typeof UserRole>;

/** Emails are compared lower-cased and trimmed: one account per address. */
export const Email = z.string().trim().toLowerCase().pipe(z.email().max(254));

const DisplayName = z.string().trim().min(1).max(200).refine(isPlainName, NO_CONTROL_CHARACTERS);

/**
 * Classification: a staff member's name and work email are staff personal
 * data, in clear for login and administration, visible to admins and the
 * person only (RLS), never logged or audited as values.
 */
export const User = z
  .object({
    id: Id,
    institutionId: Id,
    email: z.string(),
    displayName: z.string(),
    role: UserRole,
    active: z.boolean(),
    passwordMustChange: z.boolean(),
    secondFactorEnrolled: z.boolean(),
    /** Set when too many wrong codes in a row locked the second factor; an admin unlocks it. */
    secondFactorLockedAt: z.iso.datetime().nullable(),
    /** Caseworkers and supervisors belong to a team of the lead agency. */
    teamId: Id.nullable(),
    /** A caseworker with team access sees the team's cases, not only their own. */
    teamAccess: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('User');
export type User = z.infer<typeof User>;

export const CreateUser = z
  .object({
    email: Email,
    displayName: DisplayName,
    institutionId: Id,
    role: UserRole,
    teamId: Id.nullable().default(null),
    teamAccess: z.boolean().default(false),
  })
  .strict()
  .openapi('CreateUser');
export type CreateUser = z.infer<typeof CreateUser>;

/** The one-time initial password is in this response and nowhere else. */
export const CreatedUser = User.extend({ initialPassword: z.string() }).openapi('CreatedUser');

export const UpdateUser = z
  .object({
    displayName: DisplayName.optional(),
    institutionId: Id.optional(),
    role: UserRole.optional(),
    active: z.boolean().optional(),
    teamId: Id.nullable().optional(),
    teamAccess: z.boolean().optional(),
    /** Issues a new one-time password (returned once); it must be changed at next login. */
    resetPassword: z.literal(true).optional(),
    /** Removes the second factor: the person enrols again at next login. Needs resetPassword. */
    resetSecondFactor: z.literal(true).optional(),
    /** Lifts a second-factor lock (wrong codes in a row). Needs resetPassword. */
    unlockSecondFactor: z.literal(true).optional(),
  })
  .strict()
  .refine((change) => Object.keys(change).length > 0, 'Send at least one field to change')
  // Without a new password, whoever knows the old one would enrol their own
  // factor after a reset, or guess again after an unlock (a lock means someone
  // knew the password): both go with a password reset.
  .refine(
    (change) =>
      !(change.resetSecondFactor || change.unlockSecondFactor) || change.resetPassword === true,
    { message: 'Reset the password in the same change', path: ['resetPassword'] },
  )
  .openapi('UpdateUser');
export type UpdateUser = z.infer<typeof UpdateUser>;

export const UpdatedUser = User.extend({ initialPassword: z.string().optional() }).openapi(
  'UpdatedUser',
);

export const UserIdParams = z.object({ id: Id }).strict();

/** The cursor names the last row by id only: no email in a URL. */
const UserPosition = z.object({ id: Id }).strict();

export const UserListQuery = Cursor(UserPosition)
  .extend({
    institutionId: Id.optional(),
    role: UserRole.optional(),
    active: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional(),
  })
  .strict();
export type UserListQuery = z.infer<typeof UserListQuery>;

/**
 * Finding accounts by part of their email. A POST with the term in the body,
 * not a GET: an email is personal data and never travels in a URL (access
 * logs, history). Same filters, order and cursor as the list.
 */
export const UserSearch = Cursor(UserPosition)
  .extend({
    /** Part of the email, compared lower-cased (emails are stored lower-cased). */
    emailContains: z
      .string()
      .trim()
      .toLowerCase()
      .min(1)
      .max(254)
      .refine(isPlainName, NO_CONTROL_CHARACTERS),
    institutionId: Id.optional(),
    role: UserRole.optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .openapi('UserSearch');
export type UserSearch = z.infer<typeof UserSearch>;

export const UserPage = Page(User).openapi('UserPage');
