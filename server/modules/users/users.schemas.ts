import { ACTOR_ROLES } from '../../db/actor-transaction';
import { z } from '../../http/zod';

export const UserRole = z.enum(ACTOR_ROLES).openapi('UserRole');
export type UserRole = z.infer<typeof UserRole>;

/** Emails are compared lower-cased and trimmed: one account per address. */
export const Email = z.string().trim().toLowerCase().pipe(z.email().max(254));

export const User = z
  .object({
    id: z.uuid(),
    institutionId: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    role: UserRole,
    active: z.boolean(),
    passwordMustChange: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('User');
export type User = z.infer<typeof User>;
