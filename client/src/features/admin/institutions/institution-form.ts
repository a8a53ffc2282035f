import type { Covers } from '../../../api/covers';
import { z } from '../../../ui/form/zod';
import type {
  CreateInstitution,
  Institution,
  InstitutionSector,
  UpdateInstitution,
} from './useInstitutionAdmin';

export const SECTORS = [
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
export const SECTORS_ARE_COMPLETE: Covers<InstitutionSector, typeof SECTORS> = true;

const EmailFormat = z.email().max(254);
const PHONE = /^\+?[0-9 ()-]{6,40}$/;

/** What the API accepts, checked before sending (the server checks again and names the field). */
export const InstitutionFormSchema = z.object({
  name: z.string().trim().min(1, 'required').min(2, 'too_short').max(200, 'too_long'),
  sector: z.enum(SECTORS, { message: 'required' }),
  contact: z.object({
    name: z.string().trim().max(200, 'too_long'),
    email: z
      .string()
      .trim()
      .refine((value) => value === '' || EmailFormat.safeParse(value).success, 'email'),
    phone: z
      .string()
      .trim()
      .refine((value) => value === '' || PHONE.test(value), 'phone'),
  }),
});
export type InstitutionFormValues = z.infer<typeof InstitutionFormSchema>;

export const INSTITUTION_FIELDS = [
  'name',
  'sector',
  'contact.name',
  'contact.email',
  'contact.phone',
] as const;

const blankToUndefined = (value: string | undefined) => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

export const emptyInstitutionForm = (): Partial<InstitutionFormValues> => ({
  name: '',
  contact: { name: '', email: '', phone: '' },
});

export const institutionFormOf = (institution: Institution): InstitutionFormValues => ({
  name: institution.name,
  sector: institution.sector,
  contact: {
    name: institution.contact.name ?? '',
    email: institution.contact.email ?? '',
    phone: institution.contact.phone ?? '',
  },
});

export function toCreateInstitution(values: InstitutionFormValues): CreateInstitution {
  return {
    name: values.name.trim(),
    sector: values.sector,
    isLeadAgency: false,
    contact: {
      name: blankToUndefined(values.contact.name),
      email: blankToUndefined(values.contact.email),
      phone: blankToUndefined(values.contact.phone),
    },
  };
}

/**
 * Only what differs from the stored institution (a cleared contact field is
 * null): an unchanged sector is not sent, so it asks for no step-up.
 */
export function toUpdateInstitution(
  current: Institution,
  values: InstitutionFormValues,
): UpdateInstitution {
  const change: UpdateInstitution = {};
  if (values.name.trim() !== current.name) change.name = values.name.trim();
  if (values.sector !== current.sector) change.sector = values.sector;
  const contact: NonNullable<UpdateInstitution['contact']> = {};
  for (const field of ['name', 'email', 'phone'] as const) {
    const value = blankToUndefined(values.contact[field]) ?? null;
    if (value !== current.contact[field]) contact[field] = value;
  }
  if (Object.keys(contact).length > 0) change.contact = contact;
  return change;
}
