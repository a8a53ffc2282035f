import { Cursor, Page } from '../../http/pagination';
import { isPlainName, NO_CONTROL_CHARACTERS } from '../../http/plain-text';
import { Id, z } from '../../http/zod';

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
const InstitutionName = z
  .string()
  .trim()
  .min(2)
  .max(200)
  .refine(isPlainName, NO_CONTROL_CHARACTERS);
const ContactName = z.string().trim().min(1).max(200).refine(isPlainName, NO_CONTROL_CHARACTERS);
const ContactEmail = z.email().max(254);
const ContactPhone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()-]{6,40}$/, 'must be a phone number');

export const CreateInstitution = z
  .object({
    name: InstitutionName,
    sector: InstitutionSector,
    isLeadAgency: z.boolean().default(false),
    contact: z
      .object({
        name: ContactName.optional(),
        email: ContactEmail.optional(),
        phone: ContactPhone.optional(),
      })
      .strict()
      .default({}),
  })
  .strict()
  .openapi('CreateInstitution');
export type CreateInstitution = z.infer<typeof CreateInstitution>;

export const Institution = z
  .object({
    id: Id,
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

/**
 * A partial change. `active: false` disables the institution (never the lead
 * agency), `active: true` enables it again. A contact field set to null is
 * cleared. Whether an institution is the lead agency never changes.
 */
export const UpdateInstitution = z
  .object({
    name: InstitutionName.optional(),
    sector: InstitutionSector.optional(),
    contact: z
      .object({
        name: ContactName.nullable().optional(),
        email: ContactEmail.nullable().optional(),
        phone: ContactPhone.nullable().optional(),
      })
      .strict()
      .optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .refine((change) => Object.keys(change).length > 0, {
    message: 'Send at least one field to change',
    // Not on top of another issue: unknown fields alone already leave nothing to change.
    when: (payload) => payload.issues.length === 0,
  })
  .openapi('UpdateInstitution');
export type UpdateInstitution = z.infer<typeof UpdateInstitution>;

export const InstitutionIdParams = z.object({ id: Id }).strict();

/** Lists sort by name, then id: the cursor holds the last row's pair. */
const InstitutionPosition = z.object({ name: z.string(), id: Id }).strict();
export type InstitutionPosition = z.infer<typeof InstitutionPosition>;

export const InstitutionListQuery = Cursor(InstitutionPosition)
  .extend({
    sector: InstitutionSector.optional(),
    active: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional(),
  })
  .strict();
export type InstitutionListQuery = z.infer<typeof InstitutionListQuery>;

export const InstitutionPage = Page(Institution).openapi('InstitutionPage');
