import { z } from '../../http/zod';

export const INSTITUTION_SECTORS = [
  'justice',
  'health',
  'social_protection',
  'education',
  'labour',
  'migration',
  'shelter',
  'legal_aid',
  'other',
] as const;

export const InstitutionSector = z.enum(INSTITUTION_SECTORS).openapi('InstitutionSector');
export type InstitutionSector = z.infer<typeof InstitutionSector>;

/**
 * Data classification: an institution and its contact point are public,
 * institutional information (a desk, a switchboard), not victims' data, so
 * they are stored in clear.
 */
export const CreateInstitution = z
  .object({
    name: z.string().trim().min(2).max(200),
    sector: InstitutionSector,
    isLeadAgency: z.boolean().default(false),
    contact: z
      .object({
        name: z.string().trim().min(1).max(200).optional(),
        email: z.email().max(254).optional(),
        phone: z
          .string()
          .trim()
          .regex(/^\+?[0-9 ()-]{6,40}$/, 'must be a phone number')
          .optional(),
      })
      .strict()
      .default({}),
  })
  .strict()
  .openapi('CreateInstitution');
export type CreateInstitution = z.infer<typeof CreateInstitution>;

export const Institution = z
  .object({
    id: z.uuid(),
    name: z.string(),
    sector: InstitutionSector,
    isLeadAgency: z.boolean(),
    contact: z.object({
      name: z.string().nullable(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
    }),
    disabledAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('Institution');
export type Institution = z.infer<typeof Institution>;
