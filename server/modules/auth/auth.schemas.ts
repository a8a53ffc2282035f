import { Id, z } from '../../http/zod';
import { PASSWORD_MAX_LENGTH } from '../../../security/passwords';
import { InstitutionSector } from '../institutions';
import { Email, UserRole } from '../users';

/** Passwords are never trimmed or normalised: what the person typed is what is hashed. */
const Password = z
  .string()
  .min(1)
  .max(PASSWORD_MAX_LENGTH * 4);

export const LoginRequest = z
  .object({ email: Email, password: Password })
  .strict()
  .openapi('LoginRequest');
export type LoginRequest = z.infer<typeof LoginRequest>;

export const NEXT_STEPS = ['totp', 'enroll_totp', 'change_password'] as const;
export type NextStep = (typeof NEXT_STEPS)[number];
export const NextStepResponse = z.object({ next: z.enum(NEXT_STEPS) }).openapi('NextStepResponse');

export const ChangePasswordRequest = z
  .object({
    currentPassword: Password,
    newPassword: z
      .string()
      .min(1)
      .max(PASSWORD_MAX_LENGTH * 4),
  })
  .strict()
  .openapi('ChangePasswordRequest');
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

export const TotpEnrolment = z
  .object({ otpauthUrl: z.string(), secret: z.string() })
  .openapi('TotpEnrolment');

export const TotpRequest = z
  .object({ code: z.string().regex(/^\d{6}$/, 'must be 6 digits') })
  .strict()
  .openapi('TotpRequest');

export const CsrfToken = z.object({ token: z.string() }).openapi('CsrfToken');

export const StepUp = z.object({ stepUpValidUntil: z.iso.datetime() }).openapi('StepUp');

export const Me = z
  .object({
    user: z.object({
      id: Id,
      email: z.string(),
      displayName: z.string(),
      role: UserRole,
    }),
    institution: z.object({ id: Id, name: z.string(), sector: InstitutionSector }),
    session: z.object({
      idleExpiresAt: z.iso.datetime(),
      absoluteExpiresAt: z.iso.datetime(),
      stepUpValidUntil: z.iso.datetime().nullable(),
    }),
  })
  .openapi('Me');
export type Me = z.infer<typeof Me>;
